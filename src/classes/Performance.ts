import backtest from "../lib/index";
import { StrategyName } from "../interfaces/Strategy.interface";
import { PerformanceStatistics } from "../interfaces/Portfolio.interface";

/**
 * The engine's timings of a strategy (backtest-kit 1.4), by metric type: backtest_total
 * (a run), backtest_timeframe (a visited tick), backtest_signal (a signal from entry to
 * close). They add up across runs until cleared.
 *
 * @example
 * const stats = await Performance.getData("ema-cross");
 * console.log(stats.metricStats.backtest_timeframe.avgDuration);
 */
export class PerformanceUtils {
  /** The strategy's timings by metric type. */
  public getData = async (strategyName: StrategyName): Promise<PerformanceStatistics> => {
    backtest.loggerService.info("Performance.getData", { strategyName });
    return backtest.performanceMarkdownService.getData(strategyName);
  };

  /** The markdown report ("# Performance Report: NAME"). */
  public getReport = async (strategyName: StrategyName): Promise<string> => {
    backtest.loggerService.info("Performance.getReport", { strategyName });
    return backtest.performanceMarkdownService.getReport(strategyName);
  };

  /** Writes the report to `dir`/STRATEGY.md (default ./dump/performance) and resolves to its path. */
  public dump = async (strategyName: StrategyName, dir?: string): Promise<string> => {
    backtest.loggerService.info("Performance.dump", { strategyName, dir });
    return await backtest.performanceMarkdownService.dump(strategyName, dir);
  };

  /** Forgets the timings of `strategyName` (of every strategy without one). */
  public clear = async (strategyName?: StrategyName): Promise<void> => {
    backtest.performanceMarkdownService.clear(strategyName);
  };
}

/** The performance report (backtest-kit 1.4's `Performance`). */
export const Performance = new PerformanceUtils();
