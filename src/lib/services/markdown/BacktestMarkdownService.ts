import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { riskRefusalEmitter, signalBacktestEmitter } from "../../../config/emitters";
import { IRiskRefusal } from "../../../interfaces/Risk.interface";
import { IStrategyTickResult, IStrategyTickResultClosed } from "../../../interfaces/Strategy.interface";
import { BacktestStatistics } from "../../../interfaces/Statistics.interface";
import { IRunBenchmarks } from "../../../interfaces/Benchmark.interface";
import { IDataEndedSignals, IStatisticsRange, computeStatistics } from "../../../utils/stats/computeStatistics";
import { PromptMode } from "../../../interfaces/Llm.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { combinePromptModes, describePromptMode } from "../../../utils/blind/promptMode";
import { formatPercent, formatRatio, markdownTable } from "../../../utils/report/markdown";
import { describeLuck } from "../../../utils/stats/describeLuck";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

/** What one backtest (symbol, strategy, frame) produced. */
interface IBacktestRecord {
  closed: IStrategyTickResultClosed[];
  cancelled: number;
  run?: IBacktestRun;
  /** Signals the data ran out on, kept apart from the others. */
  dataEnded: IDataEndedSignals;
  /** Set once the run has finished (see BacktestBenchmarkService). */
  benchmarks: IRunBenchmarks;
  /** Modes of the run's askSignal calls. */
  promptModes: Set<PromptMode>;
  /** Signals the strategy's risk profile refused. */
  refusals: IRiskRefusal[];
}

/** Where a backtest ran: its exchange and the span of its frame (UTC ms, end exclusive). */
export interface IBacktestRun extends IStatisticsRange {
  exchangeName: string;
}

const NO_BENCHMARKS: IRunBenchmarks = Object.freeze({ buyAndHold: null, luck: () => null, settleLuck: async () => {} });

const TRADE_COLUMNS: ReadonlyArray<[string, (result: IStrategyTickResultClosed) => string]> = [
  ["Signal ID", (r) => r.signal.id],
  ["Symbol", (r) => r.signal.symbol],
  ["Position", (r) => r.signal.position.toUpperCase()],
  ["Note", (r) => r.signal.note ?? "N/A"],
  ["Open Price", (r) => `${r.signal.priceOpen.toFixed(8)} USD`],
  ["Close Price", (r) => `${r.currentPrice.toFixed(8)} USD`],
  ["Take Profit", (r) => `${r.signal.priceTakeProfit.toFixed(8)} USD`],
  ["Stop Loss", (r) => `${r.signal.priceStopLoss.toFixed(8)} USD`],
  ["PNL (net)", (r) => formatPercent(r.pnl.pnlPercentage)],
  ["Close Reason", (r) => (r.dataEnded ? `${r.closeReason} (data ended)` : r.closeReason)],
  ["Duration (min)", (r) => `${Math.round((r.closeTimestamp - r.signal.pendingAt) / 60_000)}`],
  ["Open Time", (r) => new Date(r.signal.pendingAt).toISOString()],
  ["Close Time", (r) => new Date(r.closeTimestamp).toISOString()],
];

const REFUSAL_COLUMNS: ReadonlyArray<[string, (refusal: IRiskRefusal) => string]> = [
  ["Time", (r) => new Date(r.timestamp).toISOString()],
  ["Signal ID", (r) => r.signalId ?? "N/A"],
  ["Stage", (r) => r.stage],
  ["Price", (r) => `${r.currentPrice.toFixed(8)} USD`],
  ["Open Positions", (r) => `${r.activePositionCount}`],
  ["Risk", (r) => r.riskName],
  ["Reason", (r) => r.reason],
];

/** The count of refused signals, only for a run that had any. */
const refusalLine = (refusals: IRiskRefusal[]): string[] =>
  refusals.length === 0 ? [] : [`**Refused by the risk profile:** ${refusals.length} signal(s) (listed below)`];

/** The signals the risk profile refused, as their own table; nothing when there are none. */
const refusalSection = (refusals: IRiskRefusal[]): string[] =>
  refusals.length === 0
    ? []
    : [
        "## Signals refused by the risk profile",
        "",
        markdownTable(
          REFUSAL_COLUMNS.map(([label]) => label),
          refusals.map((refusal) => REFUSAL_COLUMNS.map(([, format]) => format(refusal)))
        ),
        "",
      ];

/** The trades the data ran out on, as their own table after the figures; nothing when there are none. */
const dataEndedSection = (stats: BacktestStatistics): string[] =>
  stats.dataEndedCount === 0
    ? []
    : [
        "## Trades cut short by the end of data",
        "",
        "The candles ended before these positions reached take-profit, stop-loss or the end of their lifetime; each closed at the last candle it had. They are in no figure above.",
        "",
        markdownTable(
          TRADE_COLUMNS.map(([label]) => label),
          stats.dataEndedList.map((result) => TRADE_COLUMNS.map(([, format]) => format(result)))
        ),
        "",
      ];

const recordKey = (symbol: string, strategyName: string, frameName: string) =>
  `${symbol}\u0000${strategyName}\u0000${frameName}`;

const runKey = (symbol: string, strategyName: string) => `${symbol}\u0000${strategyName}`;

/**
 * Collects the closed and cancelled signals of backtests from the signal events, kept
 * per symbol + strategy + frame (a new run of the same three starts afresh), and turns
 * them into statistics and a markdown report. Reports reach disk only through dump.
 */
export class BacktestMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly records = new Map<string, IBacktestRecord>();
  private readonly lastFrame = new Map<string, string>();

  /** Starts an empty record for a run; later getData calls without a frame read it. */
  public clear = (symbol: string, strategyName: string, frameName: string, run?: IBacktestRun) => {
    this.records.set(recordKey(symbol, strategyName, frameName), {
      closed: [],
      cancelled: 0,
      run,
      dataEnded: { trades: [], scheduledCount: 0 },
      benchmarks: NO_BENCHMARKS,
      promptModes: new Set(),
      refusals: [],
    });
    this.lastFrame.set(runKey(symbol, strategyName), frameName);
  };

  /** The symbols the strategy has run on in this process, in the order they first ran. */
  public symbolsOf = (strategyName: string): string[] =>
    Array.from(this.lastFrame.keys())
      .map((key) => key.split("\u0000"))
      .filter(([, name]) => name === strategyName)
      .map(([symbol]) => symbol);

  /**
   * Statistics of the symbol and strategy on `frameName` (default: its latest run), with
   * the run's prompt mode. `luck` is a getter: the run's luck test is computed when it is
   * first read (see BacktestBenchmarkService) and every later read gives the same result.
   */
  public getData = (symbol: string, strategyName: string, frameName?: string): BacktestStatistics => {
    const record = this.findRecord(symbol, strategyName, frameName);
    const dataEnded = { trades: record.dataEnded.trades.slice(), scheduledCount: record.dataEnded.scheduledCount };
    const promptMode = combinePromptModes([...record.promptModes]);
    const { buyAndHold, luck } = record.benchmarks;
    // built in steps so the keys keep their order (a literal's getter would go last)
    const stats = { ...computeStatistics(record.closed.slice(), record.cancelled, dataEnded, record.run, GLOBAL_CONFIG.CC_ANNUALISE_MIN_DAYS), buyAndHold };
    Object.defineProperty(stats, "luck", { get: luck, enumerable: true, configurable: true });
    return Object.assign(stats, { promptMode }) as BacktestStatistics;
  };

  /** Notes the mode of one askSignal call of a running backtest (ignored outside one). */
  public notePromptMode = (symbol: string, strategyName: string, frameName: string, mode: PromptMode) => {
    this.records.get(recordKey(symbol, strategyName, frameName))?.promptModes.add(mode);
  };

  /** Computes the luck test of the run on `frameName` (default: latest) if it was not yet, with its warning delivered. */
  public settleLuck = async (symbol: string, strategyName: string, frameName?: string) => {
    await this.findRecord(symbol, strategyName, frameName).benchmarks.settleLuck();
  };

  /** Keeps the benchmarks of a finished run beside its trades. */
  public setBenchmarks = (symbol: string, strategyName: string, frameName: string, benchmarks: IRunBenchmarks) => {
    this.findRecord(symbol, strategyName, frameName).benchmarks = benchmarks;
  };

  /** The exchange and frame span of the latest run of the strategy on `frameName` (default: latest). */
  public getRun = (symbol: string, strategyName: string, frameName?: string): IBacktestRun & { frameName: string } => {
    const frame = frameName ?? this.lastFrame.get(runKey(symbol, strategyName)) ?? "";
    const { run } = this.findRecord(symbol, strategyName, frameName);
    if (run === undefined) {
      throw new Error(`the backtest of strategy ${strategyName} on ${symbol} did not record its exchange and frame`);
    }
    return { ...run, frameName: frame };
  };

  /** The markdown report of the symbol and strategy on `frameName` (default: latest run). */
  public getReport = (symbol: string, strategyName: string, frameName?: string): string => {
    const stats = this.getData(symbol, strategyName, frameName);
    const { refusals } = this.findRecord(symbol, strategyName, frameName);
    const title = `# Backtest Report: ${strategyName}`;
    const table =
      stats.totalSignals === 0
        ? "No signals closed yet."
        : markdownTable(
            TRADE_COLUMNS.map(([label]) => label),
            stats.signalList.map((result) => TRADE_COLUMNS.map(([, format]) => format(result)))
          );
    const winRate =
      stats.winRate === null ? "N/A" : `${stats.winRate.toFixed(2)}% (${stats.winCount}W / ${stats.lossCount}L) (higher is better)`;
    return [
      title,
      "",
      table,
      "",
      `**Prompt mode:** ${describePromptMode(stats.promptMode ?? null)}`,
      `**Total signals:** ${stats.totalSignals}`,
      `**Closed signals:** ${stats.totalSignals}`,
      `**Cancelled signals:** ${stats.cancelledCount}`,
      ...refusalLine(refusals),
      `**Cut short by the end of data:** ${stats.dataEndedCount} trade(s), ${stats.dataEndedScheduledCount} scheduled signal(s) (in no figure)`,
      `**Win rate:** ${winRate}`,
      `**Average PNL:** ${formatPercent(stats.avgPnl)} (higher is better)`,
      `**Total PNL:** ${formatPercent(stats.totalPnl)} (higher is better)`,
      `**Standard Deviation:** ${formatRatio(stats.stdDev)} (lower is better)`,
      `**Sharpe Ratio:** ${formatRatio(stats.sharpeRatio)} (higher is better)`,
      `**Annualized Sharpe Ratio:** ${formatRatio(stats.annualizedSharpeRatio)} (higher is better)`,
      `**Annualized Sortino Ratio:** ${formatRatio(stats.annualizedSortinoRatio)} (higher is better)`,
      `**Calmar Ratio:** ${formatRatio(stats.calmarRatio)} (higher is better)`,
      `**Certainty Ratio:** ${formatRatio(stats.certaintyRatio)} (higher is better)`,
      `**Expected Yearly Returns:** ${formatPercent(stats.expectedYearlyReturns)} (higher is better)`,
      `**Max Drawdown:** ${formatPercent(stats.maxDrawdown === null ? null : -stats.maxDrawdown)} (closer to 0 is better)`,
      `**Profit Factor:** ${formatRatio(stats.profitFactor)} (higher is better)`,
      `**Expectancy:** ${formatRatio(stats.expectancy)} (higher is better)`,
      `**Exposure:** ${stats.exposure === null ? "N/A" : `${stats.exposure.toFixed(2)}%`} (time in a position)`,
      `**Average Hold (min):** ${stats.avgHoldMinutes === null ? "N/A" : stats.avgHoldMinutes.toFixed(1)}`,
      `**Buy and Hold PNL:** ${formatPercent(stats.buyAndHold?.pnlPercentage ?? null)} (the same range, fees and slippage)`,
      `**Luck test:** ${describeLuck(stats.luck)}`,
      "",
      ...dataEndedSection(stats),
      ...refusalSection(refusals),
    ].join("\n");
  };

  /** Writes the report to `dir`/STRATEGY.md atomically and returns the file's path. */
  public dump = async (symbol: string, strategyName: string, dir = "./dump/backtest"): Promise<string> => {
    const report = this.getReport(symbol, strategyName);
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, strategyName, report);
    this.loggerService.info("backtestMarkdownService dump", { filePath });
    return filePath;
  };

  /** Subscribes to the backtest signal events; di-kit calls it once, when the container starts. */
  public init = () => {
    signalBacktestEmitter.subscribe(this.record);
    riskRefusalEmitter.subscribe(this.recordRefusal);
  };

  /**
   * The runs on `symbol` (on every symbol without one; each strategy and frame's latest), each as an object that stays
   * the same while the run's record does, with its exchange and its closed trades.
   */
  public runsOn = (symbol?: string): { run: object; exchangeName: string | null; trades: IStrategyTickResultClosed[] }[] =>
    Array.from(this.records)
      .filter(([key]) => symbol === undefined || key.startsWith(`${symbol}\u0000`))
      .map(([, record]) => ({
        run: record,
        exchangeName: record.run?.exchangeName ?? null,
        trades: [...record.closed, ...record.dataEnded.trades],
      }));

  /** The refusals of each run, in the order they happened. */
  public getRefusals = (symbol: string, strategyName: string, frameName?: string): IRiskRefusal[] =>
    this.findRecord(symbol, strategyName, frameName).refusals.slice();

  private recordRefusal = (refusal: IRiskRefusal) => {
    this.records.get(recordKey(refusal.symbol, refusal.strategyName, refusal.frameName))?.refusals.push(refusal);
  };

  private record = (result: IStrategyTickResult) => {
    const record = this.records.get(recordKey(result.symbol, result.strategyName, result.frameName));
    if (record === undefined) {
      return;
    }
    if (result.action === "closed") {
      (result.dataEnded ? record.dataEnded.trades : record.closed).push(result);
    } else if (result.action === "cancelled" && result.dataEnded) {
      record.dataEnded.scheduledCount += 1;
    } else if (result.action === "cancelled") {
      record.cancelled += 1;
    }
  };

  private findRecord = (symbol: string, strategyName: string, frameName?: string) => {
    const frame = frameName ?? this.lastFrame.get(runKey(symbol, strategyName));
    const record = frame === undefined ? undefined : this.records.get(recordKey(symbol, strategyName, frame));
    if (record === undefined) {
      throw new Error(
        `no backtest of strategy ${strategyName} on ${symbol}${frameName === undefined ? "" : ` with frame ${frameName}`} has run`
      );
    }
    return record;
  };
}

export default BacktestMarkdownService;
