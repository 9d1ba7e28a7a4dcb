import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import PerformanceContract from "../../../contract/Performance.contract";
import { PerformanceStatistics } from "../../../interfaces/Portfolio.interface";
import { performanceStatistics } from "../../../utils/portfolio/performanceStats";
import { markdownTable } from "../../../utils/report/markdown";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

const ms = (value: number) => `${value.toFixed(2)}ms`;

/**
 * The engine's timings of each strategy (backtest-kit 1.4's Performance), recorded by the
 * backtest loop as it measures them (whether or not anyone listens to listenPerformance).
 */
export class PerformanceMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly events = new Map<string, PerformanceContract[]>();

  /** Forgets the timings of `strategyName` (of every strategy without one). */
  public clear = (strategyName?: string) => {
    if (strategyName === undefined) {
      this.events.clear();
    } else {
      this.events.delete(strategyName);
    }
  };

  /** The strategy's timings by metric type. */
  public getData = (strategyName: string): PerformanceStatistics =>
    performanceStatistics(strategyName, (this.events.get(strategyName) ?? []).slice());

  /** The markdown report ("# Performance Report: NAME"): where the time went, slowest metric first. */
  public getReport = (strategyName: string): string => {
    const stats = this.getData(strategyName);
    if (stats.totalEvents === 0) {
      return [`# Performance Report: ${strategyName}`, "", "No performance metrics recorded yet.", ""].join("\n");
    }
    const metrics = Object.values(stats.metricStats).sort((a, b) => b.totalDuration - a.totalDuration);
    const table = markdownTable(
      ["Metric Type", "Count", "Total (ms)", "Avg (ms)", "Min (ms)", "Max (ms)", "Std Dev (ms)", "Median (ms)", "P95 (ms)", "P99 (ms)", "Avg Wait (ms)", "Min Wait (ms)", "Max Wait (ms)"],
      metrics.map((m) => [
        m.metricType,
        `${m.count}`,
        ...[m.totalDuration, m.avgDuration, m.minDuration, m.maxDuration, m.stdDev, m.median, m.p95, m.p99, m.avgWaitTime, m.minWaitTime, m.maxWaitTime].map((v) => v.toFixed(2)),
      ])
    );
    const shares = metrics.map((m) => `- **${m.metricType}**: ${((m.totalDuration / stats.totalDuration) * 100 || 0).toFixed(1)}% (${ms(m.totalDuration)} total)`);
    return [
      `# Performance Report: ${strategyName}`,
      "",
      `**Total events:** ${stats.totalEvents}`,
      `**Total execution time:** ${ms(stats.totalDuration)}`,
      `**Number of metric types:** ${metrics.length}`,
      "",
      "## Time Distribution",
      "",
      ...shares,
      "",
      "## Detailed Metrics",
      "",
      table,
      "",
      "**Note:** All durations are in milliseconds of wall time. P95/P99: 95% / 99% of the events took at most that long; wait: time between consecutive events of a type.",
      "",
    ].join("\n");
  };

  /** Writes the report to `dir`/STRATEGY.md atomically and returns the file's path. */
  public dump = async (strategyName: string, dir = "./dump/performance"): Promise<string> => {
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, strategyName, this.getReport(strategyName));
    this.loggerService.info("performanceMarkdownService dump", { filePath });
    return filePath;
  };

  /** Keeps one timing. */
  public record = (event: PerformanceContract) => {
    const list = this.events.get(event.strategyName);
    if (list === undefined) {
      this.events.set(event.strategyName, [event]);
    } else {
      list.push(event);
    }
  };
}

export default PerformanceMarkdownService;
