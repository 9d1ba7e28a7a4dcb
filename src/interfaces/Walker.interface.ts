import { ILlmUsage } from "./LlmUsage.interface";
import { StrategyName } from "./Strategy.interface";
import { FrameName } from "./Frame.interface";
import { ExchangeName } from "./Exchange.interface";
import { BacktestStatistics } from "./Statistics.interface";
import { RunPromptMode } from "./Llm.interface";
import { IBuyAndHold } from "./Benchmark.interface";
import { ICostStress, IOverfittingOdds } from "./Overfitting.interface";

/** The statistic a walker ranks strategies by (higher is better). */
export type WalkerMetric =
  | "sharpeRatio"
  | "annualizedSharpeRatio"
  | "winRate"
  | "totalPnl"
  | "certaintyRatio"
  | "avgPnl"
  | "expectedYearlyReturns";

/** Optional hooks of a walker; a throw is reported, never fatal to the walker. */
export interface IWalkerCallbacks {
  onStrategyStart: (strategyName: StrategyName, symbol: string) => void | Promise<void>;
  onStrategyComplete: (
    strategyName: StrategyName,
    symbol: string,
    stats: BacktestStatistics,
    metric: number | null
  ) => void | Promise<void>;
  onStrategyError: (strategyName: StrategyName, symbol: string, error: Error) => void | Promise<void>;
  onComplete: (results: IWalkerResults) => void | Promise<void>;
}

/** What `addWalker` registers: strategies compared on one exchange and frame. */
export interface IWalkerSchema {
  walkerName: WalkerName;
  note?: string;
  exchangeName: ExchangeName;
  frameName: FrameName;
  strategies: StrategyName[];
  metric?: WalkerMetric;
  callbacks?: Partial<IWalkerCallbacks>;
}

/** One strategy's line in a walker comparison. */
export interface IWalkerStrategyResult {
  strategyName: StrategyName;
  stats: BacktestStatistics;
  metricValue: number | null;
  /** The prompt mode of the strategy's signal requests in this run. */
  promptMode: RunPromptMode;
}

/** A strategy the walker skipped because its backtest failed. */
export interface IWalkerStrategyFailure {
  strategyName: StrategyName;
  error: string;
}

/** The outcome of a walker run. */
export interface IWalkerResults {
  walkerName: WalkerName;
  symbol: string;
  exchangeName: ExchangeName;
  frameName: FrameName;
  metric: WalkerMetric;
  totalStrategies: number;
  bestStrategy: StrategyName | null;
  bestMetric: number | null;
  bestStats: BacktestStatistics | null;
  strategyResults: IWalkerStrategyResult[];
  failedStrategies: IWalkerStrategyFailure[];
  /** The prompt mode of the run: the strategies' modes combined (see RunPromptMode). */
  promptMode: RunPromptMode;
  /**
   * Whether several strategies share the best metric, so the tie-break rule chose:
   * more closed trades, then the walker's strategy order.
   */
  tieBroken: boolean;
  /** The strategies sharing the best metric, the chosen one first (only it when nothing tied). */
  tiedStrategies: StrategyName[];
  /** Buy-and-hold over the walker's frame with the same fees and slippage (null before a result). */
  buyAndHold: IBuyAndHold | null;
  /**
   * The odds that the pick is luck: its deflated Sharpe ratio (trials = the walker's
   * strategies) and the probability of backtest overfitting over the strategies' returns
   * on a grid of CC_PBO_PERIOD_MINUTES periods of the frame. Null until the walker completes.
   */
  overfitting: IOverfittingOdds | null;
  /** Every strategy's trades re-priced at 1x, 2x and 3x fees and slippage. Null until the walker completes. */
  costStress: ICostStress | null;
  /**
   * What the run's model calls cost: the process's counts from the walker's start to its
   * latest strategy (getLlmUsage's reading; other runs in the same process at the same
   * time count in it too).
   */
  llmUsage: ILlmUsage;
}

/** Unique name of a walker. */
export type WalkerName = string;
