import backtest from "../lib/index";
import { StrategyName } from "../interfaces/Strategy.interface";
import { ScheduleStatistics } from "../interfaces/Portfolio.interface";

/**
 * The scheduled signals of a strategy (backtest-kit 1.4): how many were made, activated
 * (their entry price reached) and cancelled, the activation and cancellation rates and
 * the average waits. A strategy's figures start afresh with each of its runs.
 *
 * @example
 * const stats = await Schedule.getData("limit-1h");
 * console.log(stats.totalScheduled, stats.activationRate, stats.avgWaitTime);
 */
export class ScheduleUtils {
  /** The strategy's scheduled signal statistics. */
  public getData = async (strategyName: StrategyName): Promise<ScheduleStatistics> => {
    backtest.loggerService.info("Schedule.getData", { strategyName });
    return backtest.scheduleMarkdownService.getData(strategyName);
  };

  /** The markdown report ("# Scheduled Signals Report: NAME"). */
  public getReport = async (strategyName: StrategyName): Promise<string> => {
    backtest.loggerService.info("Schedule.getReport", { strategyName });
    return backtest.scheduleMarkdownService.getReport(strategyName);
  };

  /** Writes the report to `dir`/STRATEGY.md (default ./dump/schedule) and resolves to its path. */
  public dump = async (strategyName: StrategyName, dir?: string): Promise<string> => {
    backtest.loggerService.info("Schedule.dump", { strategyName, dir });
    return await backtest.scheduleMarkdownService.dump(strategyName, dir);
  };

  /** Forgets the events of `strategyName` (of every strategy without one). */
  public clear = async (strategyName?: StrategyName): Promise<void> => {
    backtest.scheduleMarkdownService.clear(strategyName);
  };
}

/** The scheduled signals report (backtest-kit 1.4's `Schedule`). */
export const Schedule = new ScheduleUtils();
