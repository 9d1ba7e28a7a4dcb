/**
 * Partial milestone levels for scaling out (backtest-kit 1.4), in percent of the way from
 * the entry to the final target: compare them with the `level` of listenPartialProfit
 * (TP_*) and listenPartialLoss (SL_*).
 *
 * @example
 * listenPartialProfit(({ level, data }) => {
 *   if (level === Constant.TP_LEVEL1) console.log(`close a third of ${data.id}`);
 * });
 */
export class ConstantUtils {
  /** First profit milestone: 30% of the way to take-profit. */
  public readonly TP_LEVEL1 = 30;
  /** Second profit milestone: 60% of the way to take-profit. */
  public readonly TP_LEVEL2 = 60;
  /** Third profit milestone: 90% of the way to take-profit. */
  public readonly TP_LEVEL3 = 90;
  /** First loss milestone: 40% of the way to stop-loss. */
  public readonly SL_LEVEL1 = 40;
  /** Second loss milestone: 80% of the way to stop-loss. */
  public readonly SL_LEVEL2 = 80;
}

/** The milestone levels (backtest-kit 1.4's `Constant`). */
export const Constant = new ConstantUtils();
