import backtest from "../lib";
import { reportFailures } from "../utils/reportFailures";
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

  /** Statistics of the latest backtest of the strategy on the symbol. */
  public getData = async (symbol: string, strategyName: StrategyName): Promise<BacktestStatistics> =>
    backtest.backtestGlobalService.getData(symbol, strategyName);

  /** Markdown report ("# Backtest Report: NAME", trade table, statistics). */
  public getReport = async (symbol: string, strategyName: StrategyName): Promise<string> =>
    backtest.backtestGlobalService.getReport(symbol, strategyName);

  /** Writes the report to `dir`/STRATEGY.md (default ./dump/backtest) and resolves to its path. */
  public dump = async (symbol: string, strategyName: StrategyName, dir?: string): Promise<string> =>
    await backtest.backtestGlobalService.dump(symbol, strategyName, dir);

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
