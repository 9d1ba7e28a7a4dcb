import { IStrategyTickResultClosed } from "./Strategy.interface";
import { RunPromptMode } from "./Llm.interface";
import { IBuyAndHold, ILuckTest } from "./Benchmark.interface";

/** Statistics of one backtest; a figure that is undefined (no trades, no spread) is null. */
export interface BacktestStatistics {
  /** Trades resolved on complete data; every figure below is computed over them only. */
  signalList: IStrategyTickResultClosed[];
  totalSignals: number;
  winCount: number;
  lossCount: number;
  /** Cancelled scheduled signals (not trades), without those the data ran out on. */
  cancelledCount: number;
  /**
   * Trades the data ran out on (`dataEnded: true`): their outcome is unknown, so they
   * are in no figure (win rate, PnL, Sharpe, ...) and not in signalList or totalSignals.
   */
  dataEndedList: IStrategyTickResultClosed[];
  /** How many trades the data ran out on (dataEndedList.length). */
  dataEndedCount: number;
  /** Scheduled signals still waiting for their entry price when the data ran out (not in cancelledCount). */
  dataEndedScheduledCount: number;
  winRate: number | null;
  avgPnl: number | null;
  totalPnl: number | null;
  stdDev: number | null;
  sharpeRatio: number | null;
  /**
   * Sharpe ratio x sqrt(trades per year of the test range); null when the range is shorter
   * than CC_ANNUALISE_MIN_DAYS days (too short to say anything per year) or unknown.
   */
  annualizedSharpeRatio: number | null;
  /**
   * Average PnL / downside deviation (root mean square of the losses, gains as 0) x
   * sqrt(trades per year); null without a loss or on a range shorter than CC_ANNUALISE_MIN_DAYS.
   */
  annualizedSortinoRatio: number | null;
  /**
   * Summed PnL per year / max drawdown; null without a drawdown or on a range shorter
   * than CC_ANNUALISE_MIN_DAYS.
   */
  calmarRatio: number | null;
  certaintyRatio: number | null;
  expectedYearlyReturns: number | null;
  /** Largest fall of the summed trade PnL (percentage points) from its running peak. */
  maxDrawdown: number | null;
  /** Sum of winning PnL / |sum of losing PnL|; null without a loss. */
  profitFactor: number | null;
  /** Average PnL / |average loss| (PnL per unit of the average loss); null without a loss. */
  expectancy: number | null;
  /** Percent of the test range's time with a position open; null when the range is unknown. */
  exposure: number | null;
  /** Average minutes from a trade's opening (pendingAt) to its close. */
  avgHoldMinutes: number | null;
  /** The prompt mode of the run's askSignal calls (Backtest.getData and walker results carry it). */
  promptMode?: RunPromptMode;
  /** Buy-and-hold over the frame with the same fees and slippage; null without candles. */
  buyAndHold: IBuyAndHold | null;
  /**
   * The strategy against random entries; null without trades, with the luck test off, or
   * for a stopped run. Computed when first read (a getter), then the same on every read.
   */
  luck: ILuckTest | null;
}

/** The benchmark fields, computed from the frame's candles once the backtest has finished. */
export type BenchmarkStatistics = Pick<BacktestStatistics, "buyAndHold" | "luck">;

/** The fields computed from the trades alone. */
export type TradeStatistics = Omit<BacktestStatistics, keyof BenchmarkStatistics>;

/** One event of a live run as its report lists it (backtest-kit 1.4's live event row). */
export interface LiveTickEvent {
  /** When it happened, UTC ms. */
  timestamp: number;
  action: "scheduled" | "opened" | "active" | "closed" | "cancelled";
  symbol: string;
  signalId: string;
  position: "long" | "short";
  note?: string;
  currentPrice: number;
  openPrice: number;
  takeProfit: number;
  stopLoss: number;
  /** Net PnL in percent of a closed trade. */
  pnl?: number;
  closeReason?: string;
  /** Minutes from open to close of a closed trade. */
  duration?: number;
}

/** Statistics of a live run (Live.getData): the trade figures of a backtest plus the run's events. */
export interface LiveStatistics extends TradeStatistics {
  /** The run's events in order; a position's "active" ticks are kept as its latest one. */
  eventList: LiveTickEvent[];
  totalEvents: number;
  totalClosed: number;
}
