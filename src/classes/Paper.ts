import backtest from "../lib/index";
import { IPaperOptions, IPaperResult } from "../interfaces/Paper.interface";

/**
 * Paper trading of a generated file's pick (what `backtest-kit paper` runs). The file is
 * imported for its registrations only: its walker does not run.
 *
 * @example
 * // A rehearsal of a past day at full speed, with the parity check against the backtest:
 * const result = await Paper.run("./generated/demo_BTCUSDT.mjs", {
 *   strategy: "best", from: "2023-03-20T00:00:00Z", until: "2023-03-20T23:59:00Z",
 * });
 * console.log(result.parity.text); // parity: 12 of 12 trades identical
 */
export class PaperUtils {
  /**
   * Trades the pick on paper: on the wall clock until `options.signal` aborts, or over
   * [from, until] on a replay clock (`speed` times faster, default full speed). Writes
   * the markdown report, report.html and trades.json under `options.out` (default
   * ./dump/live), with the run's state, so a killed run resumes.
   */
  public run = (file: string, options?: IPaperOptions): Promise<IPaperResult> => backtest.paperGlobalService.run(file, options);
}

/** The Paper facade. */
export const Paper = new PaperUtils();

export default Paper;
