import backtest from "../lib/index";
import { registrationOnly } from "../config/registration";
import { reportFailures } from "../utils/report/reportFailures";
import { runInBackground } from "../utils/runInBackground";
import WalkerContract from "../contract/Walker.contract";
import { IWalkerResults, WalkerName } from "../interfaces/Walker.interface";
import { IWalkForwardResults } from "../interfaces/WalkForward.interface";

/**
 * Notes a walker a generated file starts while imported for its registrations only;
 * the run it gets never yields (its launcher waits forever, harmlessly, instead of
 * running or reporting a failure).
 */
const noteLaunch = (symbol: string, context: { walkerName: WalkerName }): AsyncGenerator<WalkerContract> => {
  registrationOnly.launches.push({ symbol, walkerName: context?.walkerName });
  return (async function* (): AsyncGenerator<WalkerContract> {
    await new Promise<never>(() => undefined);
  })();
};

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
    if (registrationOnly.active) {
      return noteLaunch(symbol, context);
    }
    const steps = backtest.walkerGlobalService.run(symbol, context?.walkerName);
    return reportFailures(() => steps);
  };

  /**
   * Runs the walker without waiting for it (follow it with listenWalkerComplete,
   * listenError, ...). Never leaves an unhandled rejection. Returns a function that stops
   * it at the next tick.
   */
  public background = (symbol: string, context: { walkerName: WalkerName }): (() => void) =>
    registrationOnly.active
      ? (void noteLaunch(symbol, context), () => undefined)
      : runInBackground((isCancelled) => backtest.walkerGlobalService.run(symbol, context?.walkerName, isCancelled));

  /**
   * The walker's latest results on the symbol, with every strategy's statistics. The
   * one-name form `getData(walkerName)` reads the one symbol the walker ran on; when it
   * ran on none or on several, the error says what to write instead.
   */
  public getData: {
    (symbol: string, walkerName: WalkerName): Promise<IWalkerResults>;
    (walkerName: WalkerName): Promise<IWalkerResults>;
  } = async (first: string, second?: WalkerName) =>
    backtest.walkerGlobalService.getData(...backtest.walkerGlobalService.resolveTarget("Walker.getData", first, second));

  /**
   * Markdown report ("# Walker Comparison Report: NAME", best strategy, comparison
   * table). Also takes the one-name form `getReport(walkerName)`, as getData does.
   */
  public getReport: {
    (symbol: string, walkerName: WalkerName): Promise<string>;
    (walkerName: WalkerName): Promise<string>;
  } = async (first: string, second?: WalkerName) =>
    backtest.walkerGlobalService.getReport(...backtest.walkerGlobalService.resolveTarget("Walker.getReport", first, second));

  /**
   * What a run prints when the walker is done: the verdict in plain words ("The best
   * strategy lost money", "It did worse than buy-and-hold") and the report's comparison
   * table with the buy-and-hold row, as markdown text.
   */
  public getSummary = async (symbol: string, walkerName: WalkerName): Promise<string> =>
    backtest.walkerGlobalService.getSummary(symbol, walkerName);

  /**
   * Writes the report to `dir`/WALKER.md (default ./dump/walker) and resolves to its
   * path. Also takes the one-name form `dump(walkerName, dir?)`, as getData does.
   */
  public dump: {
    (symbol: string, walkerName: WalkerName, dir?: string): Promise<string>;
    (walkerName: WalkerName, dir?: string): Promise<string>;
  } = async (first: string, second?: string, third?: string) =>
    await backtest.walkerGlobalService.dump(...backtest.walkerGlobalService.resolveDumpTarget(first, second, third));

  /**
   * Writes one self-contained HTML report (charts, metrics, ranking, trades; opens offline
   * from disk) to `dir`/report.html (default ./dump) atomically and resolves to its path.
   */
  public dumpHtml = async (symbol: string, walkerName: WalkerName, dir?: string): Promise<string> =>
    await backtest.walkerGlobalService.dumpHtml(symbol, walkerName, dir);

  /**
   * Walkers that ran one test window each, read as one out-of-sample test: every
   * window's results, each strategy's total PnL over the windows, and the best on it.
   */
  public getWalkForward = async (symbol: string, walkerNames: WalkerName[]): Promise<IWalkForwardResults> =>
    backtest.walkerGlobalService.getWalkForward(symbol, walkerNames);

  /** Markdown ("# Walk-Forward Report: NAME", best strategy, windows, out-of-sample totals with buy-and-hold). */
  public getWalkForwardReport = async (symbol: string, walkerNames: WalkerName[], reportName?: string): Promise<string> =>
    backtest.walkerGlobalService.getWalkForwardReport(symbol, walkerNames, reportName);

  /** The walk-forward verdict in plain words and the out-of-sample totals table, as a generated file prints them. */
  public getWalkForwardSummary = async (symbol: string, walkerNames: WalkerName[]): Promise<string> =>
    backtest.walkerGlobalService.getWalkForwardSummary(symbol, walkerNames);

  /** Writes the walk-forward report to `dir`/REPORTNAME.md (default ./dump/walker) and resolves to its path. */
  public dumpWalkForward = async (symbol: string, walkerNames: WalkerName[], reportName: string, dir?: string): Promise<string> =>
    await backtest.walkerGlobalService.dumpWalkForward(symbol, walkerNames, reportName, dir);

  /**
   * Writes one self-contained HTML report of walkers that ran one test window each: the
   * out-of-sample totals, then each window's charts, metrics and trades, to
   * `dir`/report.html (default ./dump) atomically; resolves to its path.
   */
  public dumpWalkForwardHtml = async (symbol: string, walkerNames: WalkerName[], dir?: string): Promise<string> =>
    await backtest.walkerGlobalService.dumpWalkForwardHtml(symbol, walkerNames, dir);
}

/** The Walker facade. */
export const Walker = new WalkerUtils();

export default Walker;
