import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import PersistConnectionService from "./PersistConnectionService";
import ClientPartial from "../../../client/partial/ClientPartial";
import { IPartial, IPartialData, PartialMilestoneFn } from "../../../interfaces/Partial.interface";
import { IStrategyCallbacks, StrategyName } from "../../../interfaces/Strategy.interface";
import { isListened, partialLossSubject, partialProfitSubject } from "../../../config/emitters";
import { GLOBAL_CONFIG } from "../../../config/params";
import { deliverEvent, deliverWarning } from "../context/EventContextService";
import { awaitCallback } from "../../../utils/settleWithin";
import PartialProfitContract from "../../../contract/PartialProfit.contract";
import PartialMarkdownService from "../markdown/PartialMarkdownService";

/** Where the milestones of open signals are kept between runs (a live run's: PersistPartialAdapter by default); backtests keep them in memory. */
export interface IPartialPersistence {
  readPartialData: (symbol: string) => Promise<Record<string, IPartialData>>;
  writePartialData: (data: Record<string, IPartialData>, symbol: string) => Promise<void>;
}

/**
 * Builds the partial milestone tracker of a strategy's run: each milestone goes to
 * listenPartialProfit / listenPartialLoss (through the run's event sink) and to the
 * strategy's onPartialProfit / onPartialLoss callbacks.
 */
export class PartialConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly partialMarkdownService = inject<PartialMarkdownService>(TYPES.partialMarkdownService);
  private readonly persistConnectionService = inject<PersistConnectionService>(TYPES.persistConnectionService);
  private persistence: IPartialPersistence | null = null;
  private readonly turns = new Map<string, Promise<void>>();

  /** Where the milestones of trackers built with `persist` (a live run's) are read and written; null (the default) is PersistPartialAdapter. */
  public usePersistence = (persistence: IPartialPersistence | null) => {
    this.persistence = persistence;
  };

  /** Whether partial milestones of a strategy with `callbacks` are observed now: a partial callback, or a listenPartialProfit/Loss listener. */
  public observer = (callbacks: Partial<IStrategyCallbacks> | undefined) => {
    const hasCallback = callbacks?.onPartialProfit !== undefined || callbacks?.onPartialLoss !== undefined;
    return () => hasCallback || isListened(partialProfitSubject) || isListened(partialLossSubject);
  };

  /** A fresh tracker for a run of `strategyName`. */
  public createPartial = (strategyName: StrategyName, callbacks: Partial<IStrategyCallbacks> | undefined, persist = false): IPartial => {
    this.loggerService.log("partialConnectionService createPartial", { strategyName, persist });
    const store = persist ? (this.persistence ?? this.persistConnectionService.partial) : null;
    return new ClientPartial({
      onProfit: this.milestone(strategyName, "profit", callbacks),
      onLoss: this.milestone(strategyName, "loss", callbacks),
      ...(store === null ? {} : this.storeOf(store)),
    });
  };

  /**
   * One tracker's view of the store, which it shares with every live run on the same
   * symbol: a save writes only the signals this tracker changed (or cleared) since it
   * last loaded or saved them, over what the store holds then, one save of a symbol at
   * a time; the other runs' signals stay as they are.
   */
  private storeOf = (store: IPartialPersistence) => {
    const seen = new Map<string, Record<string, string>>();
    const remember = (symbol: string, data: Record<string, IPartialData>) =>
      seen.set(symbol, Object.fromEntries(Object.entries(data).map(([id, levels]) => [id, JSON.stringify(levels)])));
    return {
      loadState: async (symbol: string) => {
        const data = await store.readPartialData(symbol);
        remember(symbol, data);
        return data;
      },
      saveState: (data: Record<string, IPartialData>, symbol: string) =>
        this.inTurn(symbol, async () => {
          const before = seen.get(symbol) ?? {};
          const merged = { ...(await store.readPartialData(symbol)) };
          for (const id of Object.keys(before)) {
            if (!(id in data)) {
              delete merged[id];
            }
          }
          for (const [id, levels] of Object.entries(data)) {
            if (before[id] !== JSON.stringify(levels)) {
              merged[id] = levels;
            }
          }
          await store.writePartialData(merged, symbol);
          remember(symbol, data);
        }),
    };
  };

  /** Runs `step` after the saves of `symbol` already under way. */
  private inTurn = (symbol: string, step: () => Promise<void>) => {
    const turn = (this.turns.get(symbol) ?? Promise.resolve()).then(step);
    const settled = turn.catch(() => undefined);
    this.turns.set(symbol, settled);
    settled.then(() => this.turns.get(symbol) === settled && this.turns.delete(symbol));
    return turn;
  };

  /**
   * Tells of one milestone: records a live one for the Partial report (a backtest's are
   * derived from its trades when the report is read), sends it to its listeners through
   * the run's event sink while there are any, then calls the strategy's callback.
   */
  private milestone =
    (strategyName: StrategyName, action: "profit" | "loss", callbacks: Partial<IStrategyCallbacks> | undefined): PartialMilestoneFn =>
    (symbol, data, currentPrice, level, backtest, timestamp) => {
      const event = { symbol, data, currentPrice, level, backtest, timestamp };
      if (!backtest) {
        this.partialMarkdownService.record(action, event);
      }
      const subject = action === "profit" ? partialProfitSubject : partialLossSubject;
      const callback = callbacks?.[action === "profit" ? "onPartialProfit" : "onPartialLoss"];
      if (!isListened(subject) && callback === undefined) {
        return;
      }
      return this.tell(strategyName, action, event, callback);
    };

  private tell = async (
    strategyName: StrategyName,
    action: "profit" | "loss",
    event: PartialProfitContract,
    callback: IStrategyCallbacks["onPartialProfit"] | undefined
  ) => {
    const subject = action === "profit" ? partialProfitSubject : partialLossSubject;
    if (isListened(subject)) {
      await deliverEvent(() => subject.next(event));
    }
    if (callback !== undefined) {
      const listener = `strategy ${strategyName} callbacks.${action === "profit" ? "onPartialProfit" : "onPartialLoss"}`;
      const { symbol, data, currentPrice, level, backtest } = event;
      await awaitCallback(callback(symbol, data, currentPrice, level, backtest), GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS, listener, deliverWarning);
    }
  };
}

export default PartialConnectionService;
