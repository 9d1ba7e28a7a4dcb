import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { IStrategyTickResult, StrategyName } from "../../../interfaces/Strategy.interface";
import { IScheduledEvent, ScheduleStatistics } from "../../../interfaces/Portfolio.interface";
import { scheduleStatistics, toScheduledEvent } from "../../../utils/portfolio/scheduleStats";
import { markdownTable } from "../../../utils/report/markdown";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

const COLUMNS: ReadonlyArray<[string, (event: IScheduledEvent) => string]> = [
  ["Timestamp", (e) => new Date(e.timestamp).toISOString()],
  ["Action", (e) => e.action.toUpperCase()],
  ["Symbol", (e) => e.symbol],
  ["Signal ID", (e) => e.signalId],
  ["Position", (e) => e.position.toUpperCase()],
  ["Note", (e) => e.note ?? "N/A"],
  ["Current Price", (e) => `${e.currentPrice.toFixed(8)} USD`],
  ["Entry Price", (e) => `${e.priceOpen.toFixed(8)} USD`],
  ["Take Profit", (e) => `${e.takeProfit.toFixed(8)} USD`],
  ["Stop Loss", (e) => `${e.stopLoss.toFixed(8)} USD`],
  ["Wait Time (min)", (e) => (e.duration === undefined ? "N/A" : `${e.duration}`)],
];

const rateText = (rate: number | null, better: string) => (rate === null ? "N/A" : `${rate.toFixed(2)}% (${better} is better)`);
const minutesText = (minutes: number | null) => (minutes === null ? "N/A" : `${minutes.toFixed(2)} minutes`);

/**
 * The scheduled signals of each strategy (backtest-kit 1.4's Schedule): made, activated
 * and cancelled, from the backtest signal events as they are delivered (in each run's
 * event order). As in 1.4, a strategy's events start afresh with each of its runs.
 */
export class ScheduleMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  /** The signal events of scheduled signals, per strategy; turned into report rows when read. */
  private readonly events = new Map<StrategyName, IStrategyTickResult[]>();

  /** Forgets the events of `strategyName` (of every strategy without one). */
  public clear = (strategyName?: StrategyName) => {
    if (strategyName === undefined) {
      this.events.clear();
    } else {
      this.events.delete(strategyName);
    }
  };

  /** The statistics of the strategy's scheduled signals. */
  public getData = (strategyName: StrategyName): ScheduleStatistics =>
    scheduleStatistics((this.events.get(strategyName) ?? []).map(toScheduledEvent).filter((event): event is IScheduledEvent => event !== null));

  /** The markdown report ("# Scheduled Signals Report: NAME", event table, figures). */
  public getReport = (strategyName: StrategyName): string => {
    const stats = this.getData(strategyName);
    const table =
      stats.totalEvents === 0
        ? "No scheduled signals recorded yet."
        : markdownTable(
            COLUMNS.map(([label]) => label),
            stats.eventList.map((event) => COLUMNS.map(([, format]) => format(event)))
          );
    return [
      `# Scheduled Signals Report: ${strategyName}`,
      "",
      table,
      "",
      `**Total events:** ${stats.totalEvents}`,
      `**Scheduled signals:** ${stats.totalScheduled}`,
      `**Activated signals:** ${stats.totalOpened}`,
      `**Cancelled signals:** ${stats.totalCancelled}`,
      `**Activation rate:** ${rateText(stats.activationRate, "higher")}`,
      `**Cancellation rate:** ${rateText(stats.cancellationRate, "lower")}`,
      `**Average wait time (activated):** ${minutesText(stats.avgActivationTime)}`,
      `**Average wait time (cancelled):** ${minutesText(stats.avgWaitTime)}`,
      "",
    ].join("\n");
  };

  /** Writes the report to `dir`/STRATEGY.md atomically and returns the file's path. */
  public dump = async (strategyName: StrategyName, dir = "./dump/schedule"): Promise<string> => {
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, strategyName, this.getReport(strategyName));
    this.loggerService.info("scheduleMarkdownService dump", { filePath });
    return filePath;
  };

  /** Keeps a backtest signal event if it concerns a scheduled signal (the backtest loop hands each over as it delivers it). */
  public record = (result: IStrategyTickResult) => {
    if (!result.signal._isScheduled) {
      return;
    }
    const list = this.events.get(result.strategyName);
    if (list === undefined) {
      this.events.set(result.strategyName, [result]);
    } else {
      list.push(result);
    }
  };
}

export default ScheduleMarkdownService;
