import { ICandleData } from "./Exchange.interface";
import { RaiseWarning } from "../contract/Warning.contract";
import {
  IStrategy,
  IStrategyTickResult,
  IStrategyTickResultCancelled,
  IStrategyTickResultClosed,
  IStrategyTickResultOpened,
  IStrategyTickResultScheduled,
  IStrategyTickResultActive,
  IStrategyTickResultIdle,
  StrategyName,
} from "./Strategy.interface";

export type { IStrategyTickResultActive, IStrategyTickResultIdle };
import { ExchangeName } from "./Exchange.interface";

/**
 * Where a live run takes its time from. The real clock is the wall clock; a replay
 * clock runs a past period N times faster (rehearsals, tests).
 */
export interface ILiveClock {
  /** The current time, UTC ms. */
  now(): number;
  /** Resolves once now() >= `time`, or early (without throwing) when `signal` aborts. */
  waitUntil(time: number, signal: AbortSignal): Promise<void>;
  /**
   * True for a clock that jumps to each awaited time at once (a replay at full speed):
   * a rehearsal over history then skips the ticks where nothing can happen.
   */
  readonly fullSpeed?: boolean;
  /**
   * Where a fresh run starts (UTC ms; a replay's first instant). Without it a fresh run
   * starts at the current whole minute of now().
   */
  readonly start?: number;
}


/** What Live.run yields: every tick's result, as backtest-kit 1.4 has them. */
export type ILiveTickResult = IStrategyTickResult | IStrategyTickResultIdle | IStrategyTickResultActive;

/**
 * A live run's state, stored in one atomic record after each change: the next tick to
 * process, the throttle, the open position or the signal waiting for its entry, and the
 * trades closed so far. A run killed at any instant resumes from it with no trade lost
 * or doubled.
 */
export interface ILiveState {
  /** The next tick (UTC ms, a whole minute) the run processes. */
  nextTick: number;
  /** When getSignal was last called (UTC ms), null before the first call. */
  lastCall: number | null;
  open: IStrategyTickResultOpened | null;
  scheduled: IStrategyTickResultScheduled | null;
  /** Closed trades, in order. */
  trades: IStrategyTickResultClosed[];
}

/** Where a live run keeps its state. */
export interface ILivePersistence {
  /** The stored state, or null before the run's first tick. */
  load(): Promise<ILiveState | null>;
  /** Stores the state atomically (the open and scheduled signals are mirrored to their adapters). */
  save(state: ILiveState): Promise<void>;
}

/** A live strategy client: the backtest's strategy with the calls a live loop needs. */
export interface ILiveStrategy extends IStrategy {
  /** How an open position stands at `now`: closed by the backtest's rule on the candles closed by then, or null (still open). */
  checkOpened(opened: IStrategyTickResultOpened, now: number): Promise<IStrategyTickResultClosed | null>;
  /** How a scheduled signal stands at `now`: cancelled, opened, or null (still waiting). */
  checkScheduled(
    scheduled: IStrategyTickResultScheduled,
    now: number
  ): Promise<IStrategyTickResultCancelled | IStrategyTickResultOpened | null>;
  /** When getSignal was last called (UTC ms), null before the first call. */
  getLastCall(): number | null;
  /** Restores the throttle of a resumed run. */
  setLastCall(when: number | null): void;
  /** Counts a resumed run's open position in the strategy's risk profile (one per strategy and symbol). */
  resumeOpened(opened: IStrategyTickResultOpened): Promise<void>;
  /** Says an idle or active tick to the strategy's callbacks. */
  notifyLive(result: IStrategyTickResultIdle | IStrategyTickResultActive): Promise<void>;
}

/** The settings of a live run. */
export interface ILiveLimits {
  /** How long to wait for a late candle before going on without it, in ms. */
  candleWaitMs: number;
  /** How often to ask again for a late candle, in ms. */
  candlePollMs: number;
  /** Bound of one exchange call, in ms. */
  candleTimeoutMs: number;
}

/** Everything a ClientLive is built from. */
export interface ILiveParams {
  symbol: string;
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  strategy: ILiveStrategy;
  clock: ILiveClock;
  limits: ILiveLimits;
  persistence: ILivePersistence;
  /** Sets the tick of the run's execution context (what getCandles and getSignal see). */
  setTick: (when: number) => void;
  /** The exchange's 1m candles opening at `since` and after (at most `limit`), read fresh (not from a cache). */
  fetchCandles: (since: number, limit: number) => Promise<ICandleData[]>;
  /** The average price at the current tick. */
  getAveragePrice: () => Promise<number>;
  /** Real-time pause between two asks for a late candle. */
  sleep: (ms: number) => Promise<void>;
  /** Real time (ms), to pace idle saves. */
  realNow: () => number;
  warn: RaiseWarning;
  /** The last tick to process (rehearsals); the run ends after it. Infinity: never. */
  until: number;
  /**
   * The period is in the past (a rehearsal over history): every candle up to `until` is
   * there already, so the run reads them ahead in chunks as a backtest does (each is
   * still handed out only once it has closed by the tick).
   */
  readAhead: boolean;
}
