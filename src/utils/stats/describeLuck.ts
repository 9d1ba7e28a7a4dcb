import { ILuckTest } from "../../interfaces/Benchmark.interface";
import { formatPercent } from "../report/markdown";

/** "p = 0.0012" or "p < 0.0001". */
export const formatPValue = (pValue: number) => (pValue < 0.0001 ? "p < 0.0001" : `p = ${pValue.toFixed(4)}`);

/**
 * One plain sentence on a luck test: whether the strategy can be told from random
 * entries, its p-value, percentile and the simulations' median.
 */
export const describeLuck = (luck: ILuckTest | null): string => {
  if (luck === null) {
    return "N/A (no trades, or the luck test is off)";
  }
  const verdict = luck.beatsLuck
    ? "beats random entries"
    : "not distinguishable from luck (p > 0.05)";
  const incomplete =
    luck.incompleteSimulations === 0 ? "" : `; ${luck.incompleteSimulations} simulation(s) ran out of frame before their last trade`;
  return (
    `${verdict}: ${formatPValue(luck.pValue)}, better than ${luck.percentile.toFixed(1)}% of ${luck.simulations} ` +
    `random-entry simulations (median ${formatPercent(luck.medianTotalPnl)}, seed ${luck.seed})${incomplete}`
  );
};
