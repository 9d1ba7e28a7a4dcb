import { IWalkerStrategyResult } from "../../interfaces/Walker.interface";
import { IWalkForwardTotal } from "../../interfaces/WalkForward.interface";

/** An entry's place in a ranking; equal metrics share a rank (1, 1, 3). */
export interface IRanked<T> {
  rank: number;
  item: T;
}

/** The pick among ranked entries: the best, who tied with it, and whether a rule had to decide. */
export interface IBestPick<T> {
  best: T | null;
  /** Every entry with the best metric, the chosen one first (one entry when nothing tied). */
  tied: T[];
  tieBroken: boolean;
}

/** How to read an entry's metric (null never wins) and its number of closed trades. */
export interface IRankingKeys<T> {
  metric: (item: T) => number | null;
  trades: (item: T) => number;
}

/**
 * Entries in tie-break order (higher metric first; on an equal metric, more closed
 * trades; then the given order, as the sort is stable), each with its competition rank:
 * 1 + the entries with a strictly higher metric.
 */
export const rankBy = <T>(items: T[], keys: IRankingKeys<T>): IRanked<T>[] => {
  const metricOf = (item: T) => keys.metric(item) ?? -Infinity;
  const sorted = items.slice().sort((a, b) => metricOf(b) - metricOf(a) || keys.trades(b) - keys.trades(a));
  return sorted.map((item) => ({
    rank: 1 + sorted.filter((other) => metricOf(other) > metricOf(item)).length,
    item,
  }));
};

/** The best entry by rankBy (a null metric never wins) and whether the tie-break rule chose it. */
export const pickBestBy = <T>(items: T[], keys: IRankingKeys<T>): IBestPick<T> => {
  const ranked = rankBy(items, keys).filter(({ item }) => keys.metric(item) !== null);
  if (ranked.length === 0) {
    return { best: null, tied: [], tieBroken: false };
  }
  const tied = ranked.filter(({ rank }) => rank === 1).map(({ item }) => item);
  return { best: tied[0], tied, tieBroken: tied.length > 1 };
};

const WALKER_KEYS: IRankingKeys<IWalkerStrategyResult> = {
  metric: (result) => result.metricValue,
  trades: (result) => result.stats.totalSignals,
};

/** A walker's results in ranking order with shared ranks (see rankBy). */
export const rankStrategies = (results: IWalkerStrategyResult[]) => rankBy(results, WALKER_KEYS);

/** A walker's best strategy and whether a tie was broken (see pickBestBy). */
export const pickBest = (results: IWalkerStrategyResult[]) => pickBestBy(results, WALKER_KEYS);

/** How walk-forward totals rank: the out-of-sample total PnL, then the closed trades. */
export const WALK_FORWARD_TOTAL_KEYS: IRankingKeys<IWalkForwardTotal> = {
  metric: (total) => total.totalPnl,
  trades: (total) => total.totalSignals,
};
