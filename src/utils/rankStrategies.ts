import { IWalkerStrategyResult } from "../interfaces/Walker.interface";

/** A strategy's place in a walker ranking; equal metrics share a rank (1, 1, 3). */
export interface IRankedStrategy {
  rank: number;
  result: IWalkerStrategyResult;
}

/** The walker's pick among its results: the best, who tied with it, and whether a rule had to decide. */
export interface IBestPick {
  best: IWalkerStrategyResult | null;
  /** Every strategy with the best metric, the chosen one first (one entry when nothing tied). */
  tied: IWalkerStrategyResult[];
  tieBroken: boolean;
}

const metricOf = (result: IWalkerStrategyResult) => result.metricValue ?? -Infinity;

/**
 * The tie-break order: higher metric first; on an equal metric, more closed trades;
 * then the walker's strategy order (results arrive in it, and the sort is stable).
 */
const byMetricThenTrades = (a: IWalkerStrategyResult, b: IWalkerStrategyResult) =>
  metricOf(b) - metricOf(a) || b.stats.totalSignals - a.stats.totalSignals;

/** Results in tie-break order, each with its competition rank: 1 + strategies with a strictly higher metric. */
export const rankStrategies = (results: IWalkerStrategyResult[]): IRankedStrategy[] => {
  const sorted = results.slice().sort(byMetricThenTrades);
  return sorted.map((result) => ({
    rank: 1 + sorted.filter((other) => metricOf(other) > metricOf(result)).length,
    result,
  }));
};

/** The best strategy (a null metric never wins) and whether the tie-break rule chose it. */
export const pickBest = (results: IWalkerStrategyResult[]): IBestPick => {
  const ranked = rankStrategies(results).filter(({ result }) => result.metricValue !== null);
  if (ranked.length === 0) {
    return { best: null, tied: [], tieBroken: false };
  }
  const tied = ranked.filter(({ rank }) => rank === 1).map(({ result }) => result);
  return { best: tied[0], tied, tieBroken: tied.length > 1 };
};
