import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ClientPartial from "../../../client/partial/ClientPartial";
import { IPartial, IPartialData, PartialMilestoneFn } from "../../../interfaces/Partial.interface";
import { IStrategyCallbacks, StrategyName } from "../../../interfaces/Strategy.interface";
import { partialLossSubject, partialProfitSubject } from "../../../config/emitters";
import { GLOBAL_CONFIG } from "../../../config/params";
import { deliverEvent, deliverWarning } from "../context/EventContextService";
import { awaitCallback } from "../../../utils/settleWithin";

/** Where the milestones of open signals are kept between runs (Live plugs a persistence adapter in). */
export interface IPartialPersistence {
  readPartialData: (symbol: string) => Promise<Record<string, IPartialData>>;
  writePartialData: (data: Record<string, IPartialData>, symbol: string) => Promise<void>;
}

/** Milestones in memory only (backtests). */
const IN_MEMORY: IPartialPersistence = {
  readPartialData: async () => ({}),
  writePartialData: async () => undefined,
};

/**
 * Builds the partial milestone tracker of a strategy's run: each milestone goes to
 * listenPartialProfit / listenPartialLoss (through the run's event sink) and to the
 * strategy's onPartialProfit / onPartialLoss callbacks.
 */
export class PartialConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private persistence: IPartialPersistence = IN_MEMORY;

  /** Where the milestones of trackers built with `persist` are read and written (Live); null keeps them in memory. */
  public usePersistence = (persistence: IPartialPersistence | null) => {
    this.persistence = persistence ?? IN_MEMORY;
  };

  /** A fresh tracker for a run of `strategyName`. */
  public createPartial = (strategyName: StrategyName, callbacks: Partial<IStrategyCallbacks> | undefined, persist = false): IPartial => {
    this.loggerService.log("partialConnectionService createPartial", { strategyName, persist });
    const store = persist ? this.persistence : IN_MEMORY;
    return new ClientPartial({
      onProfit: this.milestone(strategyName, "onPartialProfit", callbacks, (event) => partialProfitSubject.next(event)),
      onLoss: this.milestone(strategyName, "onPartialLoss", callbacks, (event) => partialLossSubject.next(event)),
      loadState: (symbol) => store.readPartialData(symbol),
      saveState: (data, symbol) => store.writePartialData(data, symbol),
    });
  };

  private milestone =
    (
      strategyName: StrategyName,
      name: "onPartialProfit" | "onPartialLoss",
      callbacks: Partial<IStrategyCallbacks> | undefined,
      emit: (event: Parameters<typeof partialProfitSubject.next>[0]) => Promise<void>
    ): PartialMilestoneFn =>
    async (symbol, data, currentPrice, level, backtest, timestamp) => {
      await deliverEvent(() => emit({ symbol, data, currentPrice, level, backtest, timestamp }));
      const callback = callbacks?.[name];
      if (callback !== undefined) {
        const listener = `strategy ${strategyName} callbacks.${name}`;
        await awaitCallback(callback(symbol, data, currentPrice, level, backtest), GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS, listener, deliverWarning);
      }
    };
}

export default PartialConnectionService;
