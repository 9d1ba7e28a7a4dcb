import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import BacktestMarkdownService from "./BacktestMarkdownService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import { ExecutionContextService } from "../context/ExecutionContextService";
import PartialProfitContract from "../../../contract/PartialProfit.contract";
import { IPartialEvent, PartialStatistics } from "../../../interfaces/Portfolio.interface";
import { IStrategyTickResultClosed } from "../../../interfaces/Strategy.interface";
import { findPartialCrossings, levelsBetween } from "../../../utils/engine/partialMilestones";
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

/** Milestones by time, then strategy, profit before loss, then level: one order whatever order they were found in. */
const byTime = (a: IPartialEvent, b: IPartialEvent) =>
  a.timestamp - b.timestamp ||
  (a.strategyName < b.strategyName ? -1 : a.strategyName > b.strategyName ? 1 : 0) ||
  (a.action === b.action ? 0 : a.action === "profit" ? -1 : 1) ||
  a.level - b.level;

/** The milestones of one closed trade on its candles, by the engine's rule. */
const tradeMilestones = (trade: IStrategyTickResultClosed, candles: Parameters<typeof findPartialCrossings>[1]): IPartialEvent[] => {
  const reached = { profit: 0, loss: 0 };
  return findPartialCrossings(trade.signal, candles, trade.closeTimestamp).flatMap(({ action, percent, price, timestamp }) => {
    const levels = levelsBetween(reached[action], percent);
    reached[action] = levels.at(-1) ?? reached[action];
    return levels.map((level) =>
      toEvent(action, { symbol: trade.symbol, data: trade.signal, currentPrice: price, level, backtest: true, timestamp })
    );
  });
};

/**
 * The partial profit and loss milestones on each symbol (backtest-kit 1.4's Partial). A
 * backtest's milestones are derived when the report is read, from the trades of the
 * latest run of each strategy and frame on the symbol and their 1m candles, by the rule
 * the engine tells them with (so a run nobody observes pays nothing for them); live
 * milestones are kept as they are told. `clear` takes the runs so far out.
 */
export class PartialMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  /** Backtest runs taken out of the report by clear. */
  private readonly cleared = new WeakSet<object>();
  /** The live milestones as told, per symbol. */
  private readonly events = new Map<string, Array<{ action: IPartialEvent["action"]; milestone: PartialProfitContract }>>();

  /** Takes the milestones on `symbol` (on every symbol without one) so far out of the report. */
  public clear = (symbol?: string) => {
    if (symbol === undefined) {
      this.events.clear();
    } else {
      this.events.delete(symbol);
    }
    for (const { run } of this.backtestMarkdownService.runsOn(symbol)) {
      this.cleared.add(run);
    }
  };

  /** The milestones reached on `symbol`, by time (then strategy, profit before loss, level). */
  public getData = async (symbol: string): Promise<PartialStatistics> => {
    const live = (this.events.get(symbol) ?? []).map(({ action, milestone }) => toEvent(action, milestone));
    const backtest = await this.backtestMilestones(symbol);
    const eventList = [...backtest, ...live].sort(byTime);
    const totalProfit = eventList.filter((event) => event.action === "profit").length;
    return { eventList, totalEvents: eventList.length, totalProfit, totalLoss: eventList.length - totalProfit };
  };

  /** The markdown report ("# Partial Profit/Loss Report: SYMBOL", event table, counts). */
  public getReport = async (symbol: string): Promise<string> => {
    const stats = await this.getData(symbol);
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
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, symbol, await this.getReport(symbol));
    this.loggerService.info("partialMarkdownService dump", { filePath });
    return filePath;
  };

  /** Keeps one live milestone (backtest ones are derived from the trades). */
  public record = (action: IPartialEvent["action"], milestone: PartialProfitContract) => {
    const list = this.events.get(milestone.symbol);
    if (list === undefined) {
      this.events.set(milestone.symbol, [{ action, milestone }]);
    } else {
      list.push({ action, milestone });
    }
  };

  private backtestMilestones = async (symbol: string): Promise<IPartialEvent[]> => {
    const events: IPartialEvent[] = [];
    for (const { run, exchangeName, trades } of this.backtestMarkdownService.runsOn(symbol)) {
      if (this.cleared.has(run) || exchangeName === null) {
        continue;
      }
      const exchange = this.exchangeConnectionService.getExchange(exchangeName);
      for (const trade of trades) {
        const { pendingAt, minuteEstimatedTime } = trade.signal;
        const candles = await ExecutionContextService.runInContext(
          () => exchange.getNextCandles(symbol, pendingAt, minuteEstimatedTime),
          { symbol, when: trade.closeTimestamp, backtest: true }
        );
        events.push(...tradeMilestones(trade, candles));
      }
    }
    return events;
  };
}

export default PartialMarkdownService;
