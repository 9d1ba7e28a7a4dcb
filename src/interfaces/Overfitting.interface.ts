import { StrategyName } from "./Strategy.interface";

/**
 * The odds that the pick of a comparison is luck: its deflated Sharpe ratio against every
 * strategy tried, and the probability of backtest overfitting over the strategies compared.
 * A figure that cannot be computed is null, and `notes` says why.
 */
export interface IOverfittingOdds {
  /** The pick (the best strategy) the odds are about; null without one. */
  strategyName: StrategyName | null;
  /** Strategies tried for this symbol, the pick among them (the deflated Sharpe ratio's trials). */
  trials: number;
  /** The pick's Sharpe ratio per trade (mean / population standard deviation of its trades' PnL). */
  sharpe: number | null;
  /** The pick's closed trades (the Sharpe ratio's observations). */
  observations: number;
  /** Skewness of the pick's trade PnL. */
  skewness: number | null;
  /** Kurtosis (not excess; normal = 3) of the pick's trade PnL. */
  kurtosis: number | null;
  /** Sample variance of the per-trade Sharpe ratios of the strategies tried that have one. */
  sharpeVariance: number | null;
  /** The Sharpe ratio the best of `trials` shows by luck alone (SR0). */
  expectedMaxSharpe: number | null;
  /** The probability that the pick's true Sharpe ratio is above 0, the selection allowed for. */
  deflatedSharpeRatio: number | null;
  /** Strategies on the PBO's grid (those with a backtest result). */
  pboStrategies: number;
  /** Periods of the grid (each CC_PBO_PERIOD_MINUTES long, over the test range). */
  pboPeriods: number;
  /** Minutes of one period of the grid. */
  pboPeriodMinutes: number;
  /** Blocks the periods were cut into: 16, or fewer so each block holds at least 2 periods. */
  pboBlocks: number | null;
  /** In-sample / out-of-sample splits tried, C(blocks, blocks / 2). */
  pboCombinations: number | null;
  /** The probability of backtest overfitting: the chance that picking the best was overfitting. */
  pbo: number | null;
  /** Why a figure is null, in words (empty when every figure is there). */
  notes: string[];
}

/** One strategy re-priced at each multiple of the fees and slippage. */
export interface ICostStressStrategy {
  strategyName: StrategyName;
  /** Total PnL (%) at each multiplier of the scenarios, in their order. */
  totalPnl: (number | null)[];
  /** The walker's metric at each multiplier. */
  metricValue: (number | null)[];
}

/** The comparison at one multiple of the fees and slippage. */
export interface ICostStressScenario {
  /** 1 (as run), 2 or 3. */
  multiplier: number;
  feePercent: number;
  slippagePercent: number;
  /** The best strategy by the walker's metric at these costs. */
  bestStrategy: StrategyName | null;
  /** Whether the pick (chosen at 1x) is still the best at these costs. */
  pickStaysBest: boolean;
  /** The pick's total PnL at these costs. */
  pickTotalPnl: number | null;
  /** Whether the pick's total PnL is still above 0 at these costs. */
  pickProfitable: boolean;
}

/**
 * Every strategy's closed trades re-priced at 1x, 2x and 3x the fees and slippage (the
 * same entries and exits, no new model calls): does the pick stay best, stay profitable?
 */
export interface ICostStress {
  /** The pick at the costs the run used. */
  pick: StrategyName | null;
  scenarios: ICostStressScenario[];
  strategies: ICostStressStrategy[];
}
