import { IWalkerResults } from "../../interfaces/Walker.interface";
import { IWalkForwardTotal } from "../../interfaces/WalkForward.interface";
import { strategyNamesOf } from "../strategyNamesOf";
import { WALK_FORWARD_TOTAL_KEYS, pickBestBy } from "./rankStrategies";

/** Values summed, or null when any is null. */
const sumOrNull = (values: (number | null)[]) =>
  values.some((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value as number), 0);

/** One strategy's PnL per window and its total; a window where it has no result makes the total null. */
const totalOf = (strategyName: string, windows: IWalkerResults[]): IWalkForwardTotal => {
  const found = windows.map((results) => results.strategyResults.find((result) => result.strategyName === strategyName));
  const windowPnl = found.map((result) => (result === undefined ? null : result.stats.totalPnl ?? 0));
  return {
    strategyName,
    windowPnl,
    totalPnl: sumOrNull(windowPnl),
    totalSignals: found.reduce((sum, result) => sum + (result?.stats.totalSignals ?? 0), 0),
  };
};

/**
 * Walkers of consecutive test windows read as one out-of-sample test: each strategy's
 * total over the windows, the best on that total (equal totals: more trades, then the
 * strategy order; a strategy that failed in a window cannot win), buy-and-hold per window
 * and summed. The one rule the walk-forward report and a sweep's row both use.
 */
export const pickWalkForward = (windows: IWalkerResults[]) => {
  const totals = strategyNamesOf(windows).map((strategyName) => totalOf(strategyName, windows));
  const { best, tied, tieBroken } = pickBestBy(totals, WALK_FORWARD_TOTAL_KEYS);
  const buyAndHoldPnl = windows.map((walker) => walker.buyAndHold?.pnlPercentage ?? null);
  return {
    totals,
    best,
    tieBroken,
    tiedStrategies: tied.map((total) => total.strategyName),
    buyAndHoldPnl,
    buyAndHoldTotalPnl: sumOrNull(buyAndHoldPnl),
  };
};
