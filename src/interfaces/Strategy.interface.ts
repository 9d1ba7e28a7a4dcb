import { ExchangeName } from "./Exchange.interface";
import { FrameName } from "./Frame.interface";

/** How often a strategy may be asked for a signal. */
export type SignalInterval = "1m" | "3m" | "5m" | "15m" | "30m" | "1h";

/** A signal as a strategy returns it from getSignal. */
export interface ISignalDto {
  id?: string;
  position: "long" | "short";
  note?: string;
  /** Entry price; without it the position opens at the average price. */
  priceOpen?: number;
  priceTakeProfit: number;
  priceStopLoss: number;
  /** Lifetime of the open position in minutes; past it the position closes "time_expired". */
  minuteEstimatedTime: number;
}

/** A validated signal with everything the engine knows about it. */
export interface ISignalRow extends ISignalDto {
  id: string;
  priceOpen: number;
  exchangeName: ExchangeName;
  strategyName: StrategyName;
  /** The tick (UTC ms) at which getSignal produced it. */
  scheduledAt: number;
  /** When the position opened (UTC ms); equals scheduledAt for a market entry. */
  pendingAt: number;
  symbol: string;
  _isScheduled: boolean;
}

/** A signal waiting for its entry price. */
export type IScheduledSignalRow = ISignalRow;

/** Optional hooks of a strategy; each may be async and is awaited. A throw fails the run. */
export interface IStrategyCallbacks {
  /** Every signal event; in a live run also every idle and active tick. */
  onTick: (
    symbol: string,
    result: IStrategyTickResult | IStrategyTickResultIdle | IStrategyTickResultActive,
    backtest: boolean
  ) => void | Promise<void>;
  /** Live runs only: a tick with a position open (or a signal waiting for its entry) that goes on. */
  onActive: (symbol: string, data: ISignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
  /** Live runs only: a tick without a signal. */
  onIdle: (symbol: string, currentPrice: number, backtest: boolean) => void | Promise<void>;
  onOpen: (symbol: string, data: ISignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
  onClose: (symbol: string, data: ISignalRow, priceClose: number, backtest: boolean) => void | Promise<void>;
  onSchedule: (symbol: string, data: IScheduledSignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
  onCancel: (symbol: string, data: IScheduledSignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
  /** An open signal reached a profit milestone: `level` percent of the way to take-profit (10, 20, ... 100). */
  onPartialProfit: (symbol: string, data: ISignalRow, currentPrice: number, level: number, backtest: boolean) => void | Promise<void>;
  /** An open signal reached a loss milestone: `level` percent of the way to stop-loss (10, 20, ... 100). */
  onPartialLoss: (symbol: string, data: ISignalRow, currentPrice: number, level: number, backtest: boolean) => void | Promise<void>;
}

/** What `addStrategy` registers. */
export interface IStrategySchema {
  strategyName: StrategyName;
  note?: string;
  interval: SignalInterval;
  /** A signal for `symbol` at `when`, or null for none. */
  getSignal: (symbol: string, when: Date) => Promise<ISignalDto | null>;
  callbacks?: Partial<IStrategyCallbacks>;
  /** The risk profile (addRisk) whose validations each of its signals must pass before it opens. */
  riskName?: RiskName;
  /**
   * Declares that getSignal depends only on the candles up to `when` (what getCandles
   * returns at that tick), not on earlier calls or other state. The engine may then ask
   * for the signals of the next due ticks ahead (up to CC_SIGNAL_PREFETCH), each in its
   * own tick's context, and use an answer when its tick comes; answers for ticks it then
   * skips are dropped. Off by default.
   */
  prefetch?: boolean;
}

/** Runtime settings of one run of a strategy. */
export interface IStrategyLimits {
  signalTimeoutMs: number;
  /** Timed-out ticks in a row after which the strategy counts as hung and its run fails. */
  maxTimeoutsInARow: number;
  scheduleAwaitMinutes: number;
  avgPriceCandlesCount: number;
  minTakeProfitDistancePercent: number;
  maxStopLossDistancePercent: number;
  maxSignalLifetimeMinutes: number;
  feePercent: number;
  slippagePercent: number;
  /** Bound of each callback (CC_LISTENER_TIMEOUT_MS). */
  callbackTimeoutMs: number;
  /** Due ticks asked for ahead: CC_SIGNAL_PREFETCH for a strategy that declares prefetch, else 0. */
  signalPrefetch: number;
}


/** How the signals a strategy asked for ahead were used. */
export interface ISignalPrefetchCounts {
  /** Answers used when their tick came. */
  useful: number;
  /** Answers asked for ticks the engine then skipped (a position was open): never used. */
  speculative: number;
  /**
   * Model requests of skipped ticks that the request pool dropped instead of sending
   * (they still waited for a slot when their tick was skipped).
   */
  dropped: number;
}

/** Why a position closed. */
export type StrategyCloseReason = "time_expired" | "take_profit" | "stop_loss";

/** Profit of a closed position, in percent, after slippage and fees. */
export interface IStrategyPnL {
  pnlPercentage: number;
  priceOpen: number;
  priceClose: number;
}

/** Fields every tick result carries. */
interface IStrategyTickResultBase {
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  frameName: FrameName;
  symbol: string;
  currentPrice: number;
}

/** A signal now waits for its entry price. */
export interface IStrategyTickResultScheduled extends IStrategyTickResultBase {
  action: "scheduled";
  signal: IScheduledSignalRow;
}

/** A position opened. */
export interface IStrategyTickResultOpened extends IStrategyTickResultBase {
  action: "opened";
  signal: ISignalRow;
}

/** A position closed; `currentPrice` is the close price. */
export interface IStrategyTickResultClosed extends IStrategyTickResultBase {
  action: "closed";
  signal: ISignalRow;
  closeReason: StrategyCloseReason;
  closeTimestamp: number;
  pnl: IStrategyPnL;
  /**
   * True when the candles ended before the position could be resolved: it closed at the
   * last candle it had (at its entry when none), not at take-profit, stop-loss or the end
   * of its lifetime. Absent otherwise. Statistics keep such trades apart.
   */
  dataEnded?: true;
}

/** A scheduled signal was dropped before it opened. */
export interface IStrategyTickResultCancelled extends IStrategyTickResultBase {
  action: "cancelled";
  signal: IScheduledSignalRow;
  closeTimestamp: number;
  /** True when the candles ended while the signal waited for its entry price. Absent otherwise. */
  dataEnded?: true;
}

/**
 * A signal event of a backtest. (The reference also has "idle" and "active" results of
 * every tick; a fast-forwarding backtest has no such ticks, so they do not exist here.)
 */
export type IStrategyTickResult =
  | IStrategyTickResultScheduled
  | IStrategyTickResultOpened
  | IStrategyTickResultClosed
  | IStrategyTickResultCancelled;

/** How a signal ended in a backtest. */
export type IStrategyBacktestResult = IStrategyTickResultClosed | IStrategyTickResultCancelled;

/** A strategy client: asks for signals and resolves them on candles. */
export interface IStrategy {
  /** Whether getSignal may be called at `when` (the throttle). */
  isDue: (when: number) => boolean;
  /** The earliest time getSignal may be called again. */
  dueAt: () => number;
  /** Asks for a signal at `when`; null when there is none or it was rejected. */
  getSignal: (when: number) => Promise<IStrategyTickResultOpened | IStrategyTickResultScheduled | null>;
  /** What became of a scheduled signal: cancelled, or opened (resolve it next with resolveOpened). */
  resolveScheduled: (scheduled: IStrategyTickResultScheduled) => Promise<IStrategyTickResultCancelled | IStrategyTickResultOpened>;
  /** How an open position closed. */
  resolveOpened: (opened: IStrategyTickResultOpened) => Promise<IStrategyTickResultClosed>;
  /** Milliseconds between two calls of getSignal (the strategy's interval). */
  readonly intervalMs: number;
  /** The most due ticks to ask for ahead (0: none): CC_SIGNAL_PREFETCH for a strategy that declares prefetch. */
  readonly prefetchDepth: number;
  /** How many due ticks to ask for ahead now: grows with the ticks the run reaches, shrinks with the signals that skip ticks. */
  prefetchWindow: () => number;
  /** Skips the ticks asked for ahead before `when` (a signal's close): their unsent model requests are dropped at once. */
  skipPrefetchedBefore: (when: number) => void;
  /** Starts getSignal for each of these future ticks not asked for yet. */
  prefetch: (ticks: readonly number[]) => void;
  /** Skips every tick still asked for ahead (the run ended): their unsent model requests are dropped. */
  endPrefetch: () => void;
  /** Useful and speculative prefetched answers so far; those still unused count as speculative. */
  getPrefetchCounts: () => ISignalPrefetchCounts;
}

/** Unique name of a strategy. */
export type StrategyName = string;

/** Name of a risk profile (addRisk). */
export type RiskName = string;

/** A live tick without a signal: the strategy was asked (or was not due) and gave none. */
export interface IStrategyTickResultIdle {
  action: "idle";
  signal: null;
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  frameName: string;
  symbol: string;
  /** The average price at the tick. */
  currentPrice: number;
  /** The tick, UTC ms. */
  when: number;
}

/** A live tick with a position open (or a signal waiting for its entry price) that goes on. */
export interface IStrategyTickResultActive {
  action: "active";
  signal: ISignalRow;
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  frameName: string;
  symbol: string;
  /** The average price at the tick. */
  currentPrice: number;
  /** The tick, UTC ms. */
  when: number;
}
