import { ILogger } from "./Logger.interface";
import { IFileSystem } from "./FileSystem.interface";
import { IWalkerResults } from "./Walker.interface";

/** Options of a memorization check (Optimizer.leakCheck, `backtest-kit leak-check`). */
export interface ILeakCheckOptions {
  /** Where the generated file goes (default ./generated); each mode runs in `<out>/leak-check/<mode>/`. */
  out?: string;
  /** Bound of one run of the generated file, in ms (default 3,600,000); a run past it is killed. */
  timeoutMs?: number;
}

/** One strategy's figures in one mode. */
export interface ILeakCheckFigures {
  /** Closed trades. */
  trades: number;
  /** Sum of the trades' net PnL in percent (null without trades). */
  totalPnl: number | null;
  /** Share of winning trades in percent (null without trades). */
  winRate: number | null;
}

/** One strategy side by side: blind, plain and plain minus blind. */
export interface ILeakCheckStrategy {
  strategyName: string;
  /** The blind run's figures, or null when the strategy failed in it. */
  blind: ILeakCheckFigures | null;
  /** The plain run's figures, or null when the strategy failed in it. */
  plain: ILeakCheckFigures | null;
  /** Plain total PnL minus blind total PnL, in percentage points (no trades counts as 0). */
  pnlDifference: number | null;
  /** Plain win rate minus blind win rate, in points (null unless both traded). */
  winRateDifference: number | null;
  /**
   * True when the plain run did much better: its total PnL is above the blind one's by at
   * least max(1, half the blind total PnL's size) percentage points.
   */
  plainMuchBetter: boolean;
}

/** One test window of a memorization check: its walker's strategies side by side. */
export interface ILeakCheckWindow {
  /** The window's number, from 1, as in the walk-forward report. */
  window: number;
  /** The walker both runs completed for this window. */
  walkerName: string;
  /** The window's test range (both ends inclusive). */
  startDate: Date;
  endDate: Date;
  strategies: ILeakCheckStrategy[];
  /** True when any strategy did much better in plain mode in this window. */
  suspicious: boolean;
  /** This window's walker results of each run, as the runs wrote them. */
  runs: { blind: IWalkerResults; plain: IWalkerResults };
}

/** The outcome of a memorization check. */
export interface ILeakCheckReport {
  symbol: string;
  optimizerName: string;
  /** The generated file both runs ran. */
  file: string;
  /** The walker both runs completed; for several test windows, the windows' walkers joined by ", ". */
  walkerName: string;
  /** Each strategy side by side; for several test windows, its figures summed over all windows. */
  strategies: ILeakCheckStrategy[];
  /** True when any strategy did much better in plain mode (over all windows or in any one). */
  suspicious: boolean;
  /**
   * Dates, prices and symbol names the training conversations carried (summed over the
   * ranges; null when the optimizer is not blind): above 0 the verdict says so and gives no all-clear.
   */
  conversation: { dates: number; prices: number; symbols: number } | null;
  /** One or two sentences saying what the comparison suggests. */
  verdict: string;
  /** The comparison as markdown (tables and verdict). */
  report: string;
  /** The walker results of each run, as the runs wrote them (for several windows, the last window's). */
  runs: { blind: IWalkerResults; plain: IWalkerResults };
  /** Every test window's comparison, in order (one for a file with one test range). */
  windows: ILeakCheckWindow[];
}

/** What one run of a generated file gave. */
export interface ILeakCheckRunOutcome {
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** Runs `node file` in `cwd` with `env`, killed after `timeoutMs`. */
export type LeakCheckRunFile = (
  file: string,
  cwd: string,
  env: Record<string, string | undefined>,
  timeoutMs: number
) => Promise<ILeakCheckRunOutcome>;

/** What ClientLeakCheck is constructed with. */
export interface ILeakCheckParams {
  /** Runs a generated file as a child process. */
  runFile: LeakCheckRunFile;
  /** Reads the results files and creates the run directories. */
  fs: IFileSystem;
  /** Where diagnostics go. */
  logger: ILogger;
}
