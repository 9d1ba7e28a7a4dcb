import backtest from "../lib";
import { reportFailures } from "../utils/reportFailures";
import { runInBackground } from "../utils/runInBackground";
import WalkerContract from "../contract/Walker.contract";
import { IWalkerResults, WalkerName } from "../interfaces/Walker.interface";

/**
 * Compares strategies: backtests each one of a walker on its exchange and frame and
 * names the best by the walker's metric.
 *
 * @example
 * for await (const step of Walker.run("BTCUSDT", { walkerName: "compare" })) {
 *   console.log(step.strategyName, step.metricValue, "best so far:", step.bestStrategy);
 * }
 * console.log(await Walker.getReport("BTCUSDT", "compare"));
 */
export class WalkerUtils {
  /**
   * Runs the walker and yields one WalkerContract per completed strategy. Unknown
   * walker, exchange, frame or strategy names throw before anything runs.
   */
  public run = (symbol: string, context: { walkerName: WalkerName }): AsyncGenerator<WalkerContract> => {
    const steps = backtest.walkerGlobalService.run(symbol, context?.walkerName);
    return reportFailures(() => steps);
  };

  /**
   * Runs the walker without waiting for it (follow it with listenWalkerComplete,
   * listenError, ...). Never leaves an unhandled rejection. Returns a function that stops
   * it at the next tick.
   */
  public background = (symbol: string, context: { walkerName: WalkerName }): (() => void) =>
    runInBackground((isCancelled) => backtest.walkerGlobalService.run(symbol, context?.walkerName, isCancelled));

  /** The walker's latest results on the symbol, with every strategy's statistics. */
  public getData = async (symbol: string, walkerName: WalkerName): Promise<IWalkerResults> =>
    backtest.walkerGlobalService.getData(symbol, walkerName);

  /** Markdown report ("# Walker Comparison Report: NAME", best strategy, comparison table). */
  public getReport = async (symbol: string, walkerName: WalkerName): Promise<string> =>
    backtest.walkerGlobalService.getReport(symbol, walkerName);

  /** Writes the report to `dir`/WALKER.md (default ./dump/walker) and resolves to its path. */
  public dump = async (symbol: string, walkerName: WalkerName, dir?: string): Promise<string> =>
    await backtest.walkerGlobalService.dump(symbol, walkerName, dir);

  /**
   * Writes one self-contained HTML report (charts, metrics, ranking, trades; opens offline
   * from disk) to `dir`/report.html (default ./dump) atomically and resolves to its path.
   */
  public dumpHtml = async (symbol: string, walkerName: WalkerName, dir?: string): Promise<string> =>
    await backtest.walkerGlobalService.dumpHtml(symbol, walkerName, dir);
}

/** The Walker facade. */
export const Walker = new WalkerUtils();

export default Walker;
