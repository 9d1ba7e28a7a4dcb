import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import PartialProfitContract from "../../../contract/PartialProfit.contract";
import { IPartialEvent, PartialStatistics } from "../../../interfaces/Portfolio.interface";
import { markdownTable } from "../../../utils/report/markdown";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

const COLUMNS: ReadonlyArray<[string, (event: IPartialEvent) => string]> = [
  ["Action", (e) => e.action.toUpperCase()],
  ["Symbol", (e) => e.symbol],
  ["Strategy", (e) => e.strategyName],
  ["Signal ID", (e) => e.signalId],
  ["Position", (e) => e.position.toUpperCase()],
  ["Level %", (e) => (e.action === "profit" ? `+${e.level}%` : `-${e.level}%`)],
  ["Current Price", (e) => `${e.currentPrice.toFixed(8)} USD`],
  ["Timestamp", (e) => new Date(e.timestamp).toISOString()],
  ["Mode", (e) => (e.backtest ? "Backtest" : "Live")],
];

const toEvent = (action: IPartialEvent["action"], event: PartialProfitContract): IPartialEvent => ({
  timestamp: event.timestamp,
  action,
  symbol: event.symbol,
  signalId: event.data.id,
  strategyName: event.data.strategyName,
  position: event.data.position,
  currentPrice: event.currentPrice,
  level: event.level,
  backtest: event.backtest,
});

/** Milestones by time, then strategy, profit before loss, then level: the same order whatever order they were recorded in. */
const byTime = (a: IPartialEvent, b: IPartialEvent) =>
  a.timestamp - b.timestamp ||
  (a.strategyName < b.strategyName ? -1 : a.strategyName > b.strategyName ? 1 : 0) ||
  (a.action === b.action ? 0 : a.action === "profit" ? -1 : 1) ||
  a.level - b.level;

/**
 * The partial profit and loss milestones on each symbol (backtest-kit 1.4's Partial), as
 * the runs deliver them (in each run's event order, whether or not anyone listens).
 */
export class PartialMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  /** The milestones as told, per symbol; turned into report rows when read. */
  private readonly events = new Map<string, Array<{ action: IPartialEvent["action"]; milestone: PartialProfitContract }>>();

  /** Forgets the milestones on `symbol` (on every symbol without one). */
  public clear = (symbol?: string) => {
    if (symbol === undefined) {
      this.events.clear();
    } else {
      this.events.delete(symbol);
    }
  };

  /** The milestones reached on `symbol`, by time (then strategy, profit before loss, level). */
  public getData = (symbol: string): PartialStatistics => {
    const eventList = (this.events.get(symbol) ?? []).map(({ action, milestone }) => toEvent(action, milestone)).sort(byTime);
    const totalProfit = eventList.filter((event) => event.action === "profit").length;
    return { eventList, totalEvents: eventList.length, totalProfit, totalLoss: eventList.length - totalProfit };
  };

  /** The markdown report ("# Partial Profit/Loss Report: SYMBOL", event table, counts). */
  public getReport = (symbol: string): string => {
    const stats = this.getData(symbol);
    const table =
      stats.totalEvents === 0
        ? "No partial profit/loss events recorded yet."
        : markdownTable(
            COLUMNS.map(([label]) => label),
            stats.eventList.map((event) => COLUMNS.map(([, format]) => format(event)))
          );
    return [
      `# Partial Profit/Loss Report: ${symbol}`,
      "",
      table,
      "",
      `**Total events:** ${stats.totalEvents}`,
      `**Profit events:** ${stats.totalProfit}`,
      `**Loss events:** ${stats.totalLoss}`,
      "",
    ].join("\n");
  };

  /** Writes the report to `dir`/SYMBOL.md atomically and returns the file's path. */
  public dump = async (symbol: string, dir = "./dump/partial"): Promise<string> => {
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, symbol, this.getReport(symbol));
    this.loggerService.info("partialMarkdownService dump", { filePath });
    return filePath;
  };

  /** Keeps one milestone (as told: the row is made when read). */
  public record = (action: IPartialEvent["action"], milestone: PartialProfitContract) => {
    const list = this.events.get(milestone.symbol);
    if (list === undefined) {
      this.events.set(milestone.symbol, [{ action, milestone }]);
    } else {
      list.push({ action, milestone });
    }
  };
}

export default PartialMarkdownService;
