import { IStrategyTickResultClosed } from "./Strategy.interface";
import { RunPromptMode } from "./Llm.interface";

/** Statistics of one backtest; a figure that is undefined (no trades, no spread) is null. */
export interface BacktestStatistics {
  signalList: IStrategyTickResultClosed[];
  totalSignals: number;
  winCount: number;
  lossCount: number;
  /** Cancelled scheduled signals (not trades). */
  cancelledCount: number;
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
