import { sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import StrategyConnectionService from "../connection/StrategyConnectionService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import PersistConnectionService from "../connection/PersistConnectionService";
import ExchangeSchemaService from "../schema/ExchangeSchemaService";
import LiveMarkdownService from "../markdown/LiveMarkdownService";
import { TExecutionContextService } from "../context/ExecutionContextService";
import { TMethodContextService } from "../context/MethodContextService";
import { deliverEvent, deliverWarning } from "../context/EventContextService";
import ClientLive from "../../../client/live/ClientLive";
import { ILiveClock, ILivePersistence, ILiveState, ILiveTickResult } from "../../../interfaces/Live.interface";
import { ICandleData } from "../../../interfaces/Exchange.interface";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { ISignalRow } from "../../../interfaces/Strategy.interface";
import { doneLiveSubject, signalEmitter, signalLiveEmitter } from "../../../config/emitters";
import { GLOBAL_CONFIG } from "../../../config/params";
import { MINUTE_MS } from "../../../utils/candles/intervals";
import { toError } from "../../../utils/toError";

/** How a live run is driven: its clock, and the last tick of a rehearsal (Infinity: none). */
export interface ILiveRunSettings {
  clock: ILiveClock;
  until: number;
  signal: AbortSignal;
  /** A rehearsal over history: candles are read ahead in chunks, as in a backtest. */
  readAhead: boolean;
}

/** Whether a raw exchange row is a candle the live gate can read (the engine checks candles fully itself). */
const isCandle = (row: unknown): row is ICandleData =>
  typeof row === "object" && row !== null && typeof (row as ICandleData).timestamp === "number";

const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * A stored 1.4 row with the times this engine reads: a row without scheduledAt and
 * pendingAt (written by an earlier 1.x, which kept only its creation `timestamp`) gets
 * that timestamp for both, or `fallback` (the resume's minute) when it has none either.
 */
const withRowTimes = (row: ISignalRow, fallback: number): ISignalRow => {
  const legacy = (row as ISignalRow & { timestamp?: unknown }).timestamp;
  const created = isTime(row.scheduledAt) ? row.scheduledAt : isTime(legacy) ? legacy : fallback;
  return isTime(row.scheduledAt) && isTime(row.pendingAt)
    ? row
    : { ...row, scheduledAt: created, pendingAt: isTime(row.pendingAt) ? row.pendingAt : created };
};

/**
 * The live loop of one strategy on one symbol, inside the method and execution contexts
 * set by the public service: a ClientLive wired to the strategy client (built for live:
 * its callbacks get `backtest` false), the exchange, the persistence adapters and the
 * clock. It emits every tick result to listenSignalLive (signal events to listenSignal
 * too), and the done event when the run stops.
 */
export class LiveLogicPrivateService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly strategyConnectionService = inject<StrategyConnectionService>(TYPES.strategyConnectionService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  private readonly exchangeSchemaService = inject<ExchangeSchemaService>(TYPES.exchangeSchemaService);
  private readonly persistConnectionService = inject<PersistConnectionService>(TYPES.persistConnectionService);
  private readonly liveMarkdownService = inject<LiveMarkdownService>(TYPES.liveMarkdownService);
  private readonly executionContextService = inject<TExecutionContextService>(TYPES.executionContextService);
  private readonly methodContextService = inject<TMethodContextService>(TYPES.methodContextService);

  /** Every tick's result until the run is stopped (or passes `settings.until`). */
  public async *run(symbol: string, settings: ILiveRunSettings): AsyncGenerator<ILiveTickResult> {
    const context: IMethodContext = this.methodContextService.context;
    this.loggerService.info("liveLogicPrivateService run", { symbol, ...context });
    const execution = this.executionContextService.context;
    try {
      const strategy = this.strategyConnectionService.createStrategy(symbol, context, true);
      const exchange = this.exchangeConnectionService.getExchange(context.exchangeName);
      const { getCandles } = this.exchangeSchemaService.get(context.exchangeName);
      const persistence = this.persistenceOf(symbol, context, settings.clock);
      const client = new ClientLive({
        symbol,
        strategyName: context.strategyName,
        exchangeName: context.exchangeName,
        strategy,
        clock: settings.clock,
        limits: {
          candleWaitMs: GLOBAL_CONFIG.CC_LIVE_CANDLE_WAIT_MS,
          candlePollMs: GLOBAL_CONFIG.CC_LIVE_CANDLE_POLL_MS,
          candleTimeoutMs: GLOBAL_CONFIG.CC_GET_CANDLES_TIMEOUT_MS,
        },
        persistence,
        setTick: (when) => {
          execution.when = when;
        },
        fetchCandles: async (since, limit) => {
          const rows = await getCandles(symbol, "1m", new Date(since), limit);
          return Array.isArray(rows) ? rows.filter(isCandle) : [];
        },
        getAveragePrice: () => exchange.getAveragePrice(symbol, GLOBAL_CONFIG.CC_AVG_PRICE_CANDLES_COUNT),
        sleep: (ms) => sleep(ms),
        realNow: Date.now,
        warn: deliverWarning,
        until: settings.until,
        readAhead: settings.readAhead,
      });
      const restored = await persistence.load();
      const start = restored?.trades[0]?.signal.scheduledAt ?? restored?.nextTick ?? settings.clock.start ?? settings.clock.now();
      this.liveMarkdownService.clear(symbol, context.strategyName, context.exchangeName, Math.floor(start / MINUTE_MS) * MINUTE_MS);
      this.liveMarkdownService.restoreClosed(symbol, context.strategyName, restored?.trades ?? []);
      for await (const result of client.run(settings.signal)) {
        await this.emit(result);
        yield result;
      }
    } catch (error) {
      throw toError(`live run of strategy ${context.strategyName} on ${symbol} (exchange ${context.exchangeName}) failed`, error);
    }
    const done = { exchangeName: context.exchangeName, strategyName: context.strategyName, frameName: "", backtest: false, symbol };
    await deliverEvent(() => doneLiveSubject.next(done));
  }

  private emit = (result: ILiveTickResult) =>
    deliverEvent(async () => {
      if (result.action !== "idle" && result.action !== "active") {
        await signalEmitter.next(result);
      }
      await signalLiveEmitter.next(result);
    });

  /**
   * The run's state through the adapters: one atomic record in the signal store, the
   * open and scheduled signals mirrored to their own stores (as backtest-kit 1.4 keeps
   * them). A store holding only a 1.4 open or scheduled signal of this strategy, exchange
   * and symbol resumes it.
   */
  private persistenceOf = (symbol: string, context: IMethodContext, clock: ILiveClock): ILivePersistence => {
    const { strategyName, exchangeName } = context;
    const { signal, schedule } = this.persistConnectionService;
    let mirroredOpen: string | null | undefined;
    let mirroredScheduled: string | null | undefined;
    const base = (row: ISignalRow) => ({ strategyName, exchangeName, frameName: "", symbol, currentPrice: row.priceOpen });
    /** A stored 1.4 signal of this run's strategy, exchange and symbol; another run's is not resumed here. */
    const ownRow = (row: ISignalRow | null) =>
      row !== null && row.strategyName === strategyName && row.exchangeName === exchangeName && row.symbol === symbol
        ? withRowTimes(row, Math.floor((clock.start ?? clock.now()) / MINUTE_MS) * MINUTE_MS)
        : null;
    return {
      load: async () => {
        const saved = await signal.readLiveState(symbol, strategyName);
        if (saved !== null) {
          return saved;
        }
        const open = ownRow(await signal.readSignalData(symbol, strategyName));
        const scheduled = ownRow(await schedule.readScheduleData(symbol, strategyName));
        if (open === null && scheduled === null) {
          return null;
        }
        const state: ILiveState = {
          nextTick: Math.floor((clock.start ?? clock.now()) / MINUTE_MS) * MINUTE_MS,
          lastCall: (open ?? scheduled)!.scheduledAt,
          open: open === null ? null : { action: "opened", signal: open, ...base(open) },
          scheduled: open !== null || scheduled === null ? null : { action: "scheduled", signal: scheduled, ...base(scheduled) },
          trades: [],
        };
        return state;
      },
      save: async (state) => {
        await signal.writeLiveState(state, symbol, strategyName);
        const openId = state.open?.signal.id ?? null;
        if (openId !== mirroredOpen) {
          await signal.writeSignalData(state.open?.signal ?? null, symbol, strategyName);
          mirroredOpen = openId;
        }
        const scheduledId = state.scheduled?.signal.id ?? null;
        if (scheduledId !== mirroredScheduled) {
          await schedule.writeScheduleData(state.scheduled?.signal ?? null, symbol, strategyName);
          mirroredScheduled = scheduledId;
        }
      },
    };
  };
}

export default LiveLogicPrivateService;
