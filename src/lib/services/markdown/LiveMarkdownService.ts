import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { signalLiveEmitter } from "../../../config/emitters";
import { ILiveTickResult } from "../../../interfaces/Live.interface";
import { ISignalRow, IStrategyTickResultClosed } from "../../../interfaces/Strategy.interface";
import { LiveStatistics, LiveTickEvent } from "../../../interfaces/Statistics.interface";
import { computeStatistics } from "../../../utils/stats/computeStatistics";
import { formatPercent, formatRatio, markdownTable } from "../../../utils/report/markdown";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

/** What one live run (symbol, strategy) produced in this process. */
interface ILiveRecord {
  events: LiveTickEvent[];
  closed: IStrategyTickResultClosed[];
  cancelled: number;
  exchangeName: string;
  /** The run's first tick and the latest tick it processed (UTC ms). */
  start: number;
  lastTick: number;
  /** The position open (or signal scheduled) after the latest event, if any. */
  open: ISignalRow | null;
}

/** Where a live run is, for its HTML report. */
export interface ILiveRunRange {
  exchangeName: string;
  start: number;
  end: number;
  open: ISignalRow | null;
}

const recordKey = (symbol: string, strategyName: string) => `${symbol}\u0000${strategyName}`;

const EVENT_COLUMNS: ReadonlyArray<[string, (event: LiveTickEvent) => string]> = [
  ["Time", (e) => new Date(e.timestamp).toISOString()],
  ["Action", (e) => e.action.toUpperCase()],
  ["Signal ID", (e) => e.signalId],
  ["Position", (e) => e.position.toUpperCase()],
  ["Current Price", (e) => `${e.currentPrice.toFixed(8)} USD`],
  ["Open Price", (e) => `${e.openPrice.toFixed(8)} USD`],
  ["Take Profit", (e) => `${e.takeProfit.toFixed(8)} USD`],
  ["Stop Loss", (e) => `${e.stopLoss.toFixed(8)} USD`],
  ["PNL (net)", (e) => (e.pnl === undefined ? "" : formatPercent(e.pnl))],
  ["Close Reason", (e) => e.closeReason ?? ""],
  ["Duration (min)", (e) => (e.duration === undefined ? "" : String(e.duration))],
];

/** The report row of a live tick result; none for an idle tick. */
const toEvent = (result: ILiveTickResult): LiveTickEvent | null => {
  if (result.action === "idle") {
    return null;
  }
  const { signal } = result;
  const event: LiveTickEvent = {
    timestamp: signal.pendingAt,
    action: result.action,
    symbol: result.symbol,
    signalId: signal.id,
    position: signal.position,
    note: signal.note,
    currentPrice: result.currentPrice,
    openPrice: signal.priceOpen,
    takeProfit: signal.priceTakeProfit,
    stopLoss: signal.priceStopLoss,
  };
  if (result.action === "scheduled") {
    event.timestamp = signal.scheduledAt;
  } else if (result.action === "active") {
    event.timestamp = result.when;
  } else if (result.action === "cancelled") {
    event.timestamp = result.closeTimestamp;
  } else if (result.action === "closed") {
    event.timestamp = result.closeTimestamp;
    event.pnl = result.pnl.pnlPercentage;
    event.closeReason = result.closeReason;
    event.duration = Math.round((result.closeTimestamp - signal.pendingAt) / 60_000);
  }
  return event;
};

/**
 * Collects the events of live runs, per symbol and strategy (a new run of the same two
 * starts afresh), and turns them into statistics and the markdown report. A position's
 * "active" ticks are kept as one row, its latest.
 */
export class LiveMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly records = new Map<string, ILiveRecord>();

  /** Starts the record of a run afresh, from its first tick `start`; closed trades restored from its state come first. */
  public clear = (symbol: string, strategyName: string, exchangeName: string, start: number) => {
    this.records.set(recordKey(symbol, strategyName), {
      events: [],
      closed: [],
      cancelled: 0,
      exchangeName,
      start,
      lastTick: start,
      open: null,
    });
  };

  /** The exchange, span and open position of the strategy's live run on the symbol. */
  public getRange = (symbol: string, strategyName: string): ILiveRunRange => {
    const { exchangeName, start, lastTick, open } = this.findRecord(symbol, strategyName);
    return { exchangeName, start, end: lastTick + 60_000, open };
  };

  /** Adds the trades a resumed run had closed before (they are not yielded again). */
  public restoreClosed = (symbol: string, strategyName: string, trades: IStrategyTickResultClosed[]) => {
    for (const trade of trades) {
      this.record(trade);
    }
  };

  /** The symbols the strategy has run live on in this process. */
  public symbolsOf = (strategyName: string): string[] =>
    Array.from(this.records.keys())
      .map((key) => key.split("\u0000"))
      .filter(([, name]) => name === strategyName)
      .map(([symbol]) => symbol);

  /** Statistics of the strategy's live run on the symbol. */
  public getData = (symbol: string, strategyName: string): LiveStatistics => {
    const record = this.findRecord(symbol, strategyName);
    return {
      ...computeStatistics(record.closed.slice(), record.cancelled),
      eventList: record.events.slice(),
      totalEvents: record.events.length,
      totalClosed: record.closed.length,
    };
  };

  /** The markdown report ("# Live Trading Report: NAME", or `title` for paper trading). */
  public getReport = (symbol: string, strategyName: string, title = `Live Trading Report: ${strategyName}`): string => {
    const stats = this.getData(symbol, strategyName);
    const table =
      stats.totalEvents === 0
        ? "No events yet."
        : markdownTable(
            EVENT_COLUMNS.map(([label]) => label),
            stats.eventList.map((event) => EVENT_COLUMNS.map(([, format]) => format(event)))
          );
    const winRate =
      stats.winRate === null ? "N/A" : `${stats.winRate.toFixed(2)}% (${stats.winCount}W / ${stats.lossCount}L) (higher is better)`;
    return [
      `# ${title}`,
      "",
      table,
      "",
      `**Total events:** ${stats.totalEvents}`,
      `**Closed signals:** ${stats.totalClosed}`,
      `**Cancelled signals:** ${stats.cancelledCount}`,
      `**Win rate:** ${winRate}`,
      `**Average PNL:** ${formatPercent(stats.avgPnl)} (higher is better)`,
      `**Total PNL:** ${formatPercent(stats.totalPnl)} (higher is better)`,
      `**Standard Deviation:** ${formatRatio(stats.stdDev)} (lower is better)`,
      `**Sharpe Ratio:** ${formatRatio(stats.sharpeRatio)} (higher is better)`,
      `**Max Drawdown:** ${formatPercent(stats.maxDrawdown === null ? null : -stats.maxDrawdown)} (closer to 0 is better)`,
      "",
    ].join("\n");
  };

  /** Writes the report to `dir`/STRATEGY.md atomically and returns the file's path. */
  public dump = async (symbol: string, strategyName: string, dir = "./dump/live", title?: string): Promise<string> => {
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, strategyName, this.getReport(symbol, strategyName, title));
    this.loggerService.info("liveMarkdownService dump", { filePath });
    return filePath;
  };

  /** Subscribes to the live tick results; di-kit calls it once, when the container starts. */
  public init = () => {
    signalLiveEmitter.subscribe(this.record);
  };

  private record = (result: ILiveTickResult) => {
    const record = this.records.get(recordKey(result.symbol, result.strategyName));
    if (record === undefined) {
      return;
    }
    const event = toEvent(result);
    const tick = result.action === "idle" || result.action === "active" ? result.when : (event?.timestamp ?? record.lastTick);
    record.lastTick = Math.max(record.lastTick, tick);
    if (event === null) {
      return;
    }
    record.open = result.action === "closed" || result.action === "cancelled" ? null : result.signal;
    const last = record.events[record.events.length - 1];
    if (event.action === "active" && last?.action === "active" && last.signalId === event.signalId) {
      record.events[record.events.length - 1] = event;
    } else {
      record.events.push(event);
    }
    if (result.action === "closed" && !result.dataEnded) {
      record.closed.push(result);
    } else if (result.action === "cancelled") {
      record.cancelled += 1;
    }
  };

  private findRecord = (symbol: string, strategyName: string) => {
    const record = this.records.get(recordKey(symbol, strategyName));
    if (record === undefined) {
      throw new Error(`no live run of strategy ${strategyName} on ${symbol} has run in this process`);
    }
    return record;
  };
}

export default LiveMarkdownService;
