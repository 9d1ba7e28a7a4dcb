import backtest from "../lib/index";
import { reportFailures } from "../utils/report/reportFailures";
import { runInBackground } from "../utils/runInBackground";
import { IMethodContext } from "../interfaces/Context.interface";
import { IStrategyTickResultClosed, StrategyName } from "../interfaces/Strategy.interface";
import { BacktestStatistics } from "../interfaces/Statistics.interface";

/**
 * Backtests of one strategy on one exchange and frame.
 *
 * @example
 * for await (const trade of Backtest.run("BTCUSDT", {
 *   strategyName: "ema-cross", exchangeName: "binance", frameName: "march",
 * })) {
 *   console.log(trade.closeReason, trade.pnl.pnlPercentage);
 * }
 * console.log(await Backtest.getReport("BTCUSDT", "ema-cross"));
 */
export class BacktestUtils {
  /**
   * Runs a backtest and yields each closed trade in time order. Unknown names throw at
   * once; a failure of the strategy or exchange reaches listenError and rejects.
   */
  public run = (symbol: string, context: IMethodContext): AsyncGenerator<IStrategyTickResultClosed> => {
    const trades = backtest.backtestGlobalService.run(symbol, context);
    return reportFailures(() => trades);
  };

  /**
   * Runs a backtest without waiting for it: follow it with listeners (listenDoneBacktest,
   * listenError, ...). Never leaves an unhandled rejection. Returns a function that stops
   * the run at its next tick.
   */
  public background = (symbol: string, context: IMethodContext): (() => void) =>
    runInBackground((isCancelled) => backtest.backtestGlobalService.run(symbol, context, isCancelled));

  /**
   * Statistics of the latest backtest of the strategy on the symbol. The backtest-kit 1.4
   * form `getData(strategyName)` reads the one symbol the strategy ran on; when it ran
   * on none or on several, the error says what to write instead.
   */
  public getData: {
    (symbol: string, strategyName: StrategyName): Promise<BacktestStatistics>;
    (strategyName: StrategyName): Promise<BacktestStatistics>;
  } = async (first: string, second?: StrategyName) =>
    backtest.backtestGlobalService.getData(...backtest.backtestGlobalService.resolveTarget("Backtest.getData", first, second));

  /**
   * Markdown report ("# Backtest Report: NAME", trade table, statistics). Also takes the
   * backtest-kit 1.4 form `getReport(strategyName)`, as getData does.
   */
  public getReport: {
    (symbol: string, strategyName: StrategyName): Promise<string>;
    (strategyName: StrategyName): Promise<string>;
  } = async (first: string, second?: StrategyName) =>
    backtest.backtestGlobalService.getReport(...backtest.backtestGlobalService.resolveTarget("Backtest.getReport", first, second));

  /**
   * Writes the report to `dir`/STRATEGY.md (default ./dump/backtest) and resolves to its
   * path. Also takes the backtest-kit 1.4 form `dump(strategyName, dir?)`, as getData does.
   */
  public dump: {
    (symbol: string, strategyName: StrategyName, dir?: string): Promise<string>;
    (strategyName: StrategyName, dir?: string): Promise<string>;
  } = async (first: string, second?: string, third?: string) =>
    await backtest.backtestGlobalService.dump(...backtest.backtestGlobalService.resolveDumpTarget(first, second, third));

  /**
   * Writes one self-contained HTML report of the latest backtest (chart, equity, metrics,
   * trades; opens offline from disk) to `dir`/report.html (default ./dump) atomically and
   * resolves to its path.
   */
  public dumpHtml = async (symbol: string, strategyName: StrategyName, dir?: string): Promise<string> =>
    await backtest.backtestGlobalService.dumpHtml(symbol, strategyName, dir);
}

/** The Backtest facade. */
export const Backtest = new BacktestUtils();

export default Backtest;
