import { ICandleData } from "./Exchange.interface";
import { BacktestStatistics } from "./Statistics.interface";
import { IBuyAndHold } from "./Benchmark.interface";
import { IWalkForwardResults } from "./WalkForward.interface";
import { ICostStress, IOverfittingOdds } from "./Overfitting.interface";
import { ILlmUsage } from "./LlmUsage.interface";
import { IRiskRefusal } from "./Risk.interface";
import { IHeatmapStatistics } from "./Portfolio.interface";

/** One strategy as the HTML report receives it: the same statistics as getData. */
export interface IReportStrategyInput {
  strategyName: string;
  note: string | null;
  stats: BacktestStatistics;
  metricValue: number | null;
  /** Signals the strategy's risk profile refused in this run (shown on the price chart). */
  refusals: IRiskRefusal[];
}

/** One test range of the report (a walker or backtest run): charts, metrics and trades. */
export interface IReportSectionInput {
  /** The section's heading (empty for a report of one run). */
  heading: string;
  exchangeName: string;
  frameName: string;
  /** The statistic strategies are ranked by. */
  metric: string;
  /** The best strategy as the walker named it (null when none has a metric). */
  best: string | null;
  /** The test range in UTC ms, start inclusive, end exclusive. */
  range: { start: number; end: number };
  /** 1m candles from the range's start to its end or the last trade's close, whichever is later. */
  candles: ICandleData[];
  strategies: IReportStrategyInput[];
  failed: { strategyName: string; error: string }[];
  /** Buy-and-hold over the range, from the statistics. */
  buyAndHold: IBuyAndHold | null;
  /** The walker's tie-break (null for a backtest). */
  tieBreak: { tieBroken: boolean; tiedStrategies: string[] } | null;
  /** The walker's overfitting odds (null for a backtest). */
  overfitting: IOverfittingOdds | null;
  /** The walker's cost stress test (null for a backtest). */
  costStress: ICostStress | null;
}

/** What an HTML report is built from. */
export interface IReportInput {
  kind: "walker" | "backtest" | "walkForward";
  title: string;
  symbol: string;
  sections: IReportSectionInput[];
  /** The out-of-sample totals of a walk-forward report (null otherwise). */
  walkForward: IWalkForwardResults | null;
  /** What the run's model calls cost (the walker's, or every window's summed); null for a backtest report. */
  llmUsage: ILlmUsage | null;
  /** The strategy's heatmap across symbols, for a backtest report when it ran on several (null otherwise). */
  heat?: IHeatmapStatistics | null;
}

/** Everything a ClientHtmlReport is built from. */
export interface IHtmlReportParams {
  /** The page template with @@REPORT_DATA@@, @@LIGHTWEIGHT_CHARTS@@, @@PAGE_SCRIPT@@, @@SCRIPT_HASHES@@. */
  template: string;
  /** lightweight-charts' standalone bundle. */
  chartsScript: string;
  /** The page's own script. */
  pageScript: string;
  /** Most candles the price chart shows before it switches to a coarser interval. */
  getMaxCandles: () => number;
  /** Fee and slippage per leg in percent, as trades pay them (for the buy-and-hold curve). */
  getCosts: () => { feePercent: number; slippagePercent: number };
  /** The relative link from the report's directory to a signal's LLM conversation folder, or null when it has none. */
  conversationLink: (signalId: string, reportDir: string) => Promise<string | null>;
}
