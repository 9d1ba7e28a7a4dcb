import { IStrategyTickResultClosed } from "./Strategy.interface";
import { RunPromptMode } from "./Llm.interface";

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
  annualizedSharpeRatio: number | null;
  certaintyRatio: number | null;
  expectedYearlyReturns: number | null;
  /** The prompt mode of the run's askSignal calls (Backtest.getData and walker results carry it). */
  promptMode?: RunPromptMode;
}
