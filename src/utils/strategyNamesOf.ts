import { IWalkerResults } from "../interfaces/Walker.interface";

/** Every strategy the walker runs completed or skipped, once each, in the order the runs first name them. */
export const strategyNamesOf = (runs: IWalkerResults[]) => [
  ...new Set(
    runs.flatMap((results) => [
      ...results.strategyResults.map(({ strategyName }) => strategyName),
      ...results.failedStrategies.map(({ strategyName }) => strategyName),
    ])
  ),
];
