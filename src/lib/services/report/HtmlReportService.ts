import { stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import BacktestMarkdownService from "../markdown/BacktestMarkdownService";
import WalkerMarkdownService from "../markdown/WalkerMarkdownService";
import WalkForwardMarkdownService from "../markdown/WalkForwardMarkdownService";
import HeatMarkdownService from "../markdown/HeatMarkdownService";
import LiveMarkdownService from "../markdown/LiveMarkdownService";
import StrategySchemaService from "../schema/StrategySchemaService";
import FrameSchemaService from "../schema/FrameSchemaService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import LlmConnectionService from "../connection/LlmConnectionService";
import { addLlmUsageReadings, readingOfLlmUsage } from "../../../utils/llm/llmUsage";
import { ExecutionContextService } from "../context/ExecutionContextService";
import ClientHtmlReport from "../../../client/report/ClientHtmlReport";
import { IReportInput, IReportSectionInput, IReportStrategyInput } from "../../../interfaces/Report.interface";
import { IWalkerResults } from "../../../interfaces/Walker.interface";
import { BacktestStatistics } from "../../../interfaces/Statistics.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { FRAME_INTERVAL_MS, MINUTE_MS, countTicks } from "../../../utils/candles/intervals";
import { writeFileAtomic } from "../../../utils/writeFileAtomic";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import REPORT_TEMPLATE from "./report.html?text";
import PAGE_SCRIPT from "./reportPage.js?text";
import CHARTS_SCRIPT from "virtual:lightweight-charts";

/** Where generated strategies dump each signal's LLM conversation (one folder per signal id). */
const CONVERSATIONS_DIR = "./dump/strategy";

/** The report's file name inside the directory it is written to. */
const REPORT_FILE = "report.html";

/** The relative link from `reportDir` to the signal's conversation folder, or null when there is none. */
const findConversation = async (signalId: string, reportDir: string) => {
  const folder = resolve(CONVERSATIONS_DIR, signalId);
  const isFolder = await stat(folder).then(
    (info) => info.isDirectory(),
    () => false
  );
  if (!isFolder || resolve(CONVERSATIONS_DIR) !== resolve(folder, "..")) {
    return null;
  }
  return `${relative(reportDir, folder).split(sep).map(encodeURIComponent).join("/")}/`;
};

/**
 * Writes the self-contained HTML report of a walker, a walk-forward (walkers over
 * consecutive test windows) or a backtest: each test range's
 * candles (read through the run's exchange, so mostly from its candle cache), each
 * strategy's trades and the same statistics as getData, rendered by ClientHtmlReport.
 */
export class HtmlReportService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  private readonly heatMarkdownService = inject<HeatMarkdownService>(TYPES.heatMarkdownService);
  private readonly walkerMarkdownService = inject<WalkerMarkdownService>(TYPES.walkerMarkdownService);
  private readonly walkForwardMarkdownService = inject<WalkForwardMarkdownService>(TYPES.walkForwardMarkdownService);
  private readonly liveMarkdownService = inject<LiveMarkdownService>(TYPES.liveMarkdownService);
  private readonly strategySchemaService = inject<StrategySchemaService>(TYPES.strategySchemaService);
  private readonly frameSchemaService = inject<FrameSchemaService>(TYPES.frameSchemaService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);

  private readonly client = new ClientHtmlReport({
    template: REPORT_TEMPLATE,
    chartsScript: CHARTS_SCRIPT,
    pageScript: PAGE_SCRIPT,
    getMaxCandles: () => GLOBAL_CONFIG.CC_REPORT_MAX_CANDLES,
    getCosts: () => ({ feePercent: GLOBAL_CONFIG.CC_PERCENT_FEE, slippagePercent: GLOBAL_CONFIG.CC_PERCENT_SLIPPAGE }),
    conversationLink: findConversation,
  });

  /** Writes the report of the walker's latest run on the symbol to `dir`/report.html; resolves to its path. */
  public dumpWalker = async (symbol: string, walkerName: string, dir = "./dump"): Promise<string> => {
    const results = this.walkerMarkdownService.getData(symbol, walkerName);
    const section = await this.walkerSection(symbol, results, "");
    return await this.write(
      { kind: "walker", title: `Walker ${walkerName} on ${symbol}`, symbol, sections: [section], walkForward: null, llmUsage: this.walkerLlmUsage([results]) },
      dir
    );
  };

  /**
   * Writes the walk-forward report of walkers (one per test window) to `dir`/report.html:
   * the out-of-sample totals, then one section per window; resolves to its path.
   */
  public dumpWalkForward = async (symbol: string, walkerNames: string[], dir = "./dump"): Promise<string> => {
    const walkForward = this.walkForwardMarkdownService.getData(symbol, walkerNames);
    const sections = [];
    for (const [index, window] of walkForward.windows.entries()) {
      const heading = `Window ${index + 1}: ${window.startDate.toISOString()} to ${window.endDate.toISOString()} (walker ${window.walkerName})`;
      sections.push(await this.walkerSection(symbol, window.results, heading));
    }
    return await this.write(
      {
        kind: "walkForward",
        title: `Walk-forward of ${walkerNames.length} windows on ${symbol}`,
        symbol,
        sections,
        walkForward,
        llmUsage: this.walkerLlmUsage(walkForward.windows.map((window) => window.results)),
      },
      dir
    );
  };

  /** Writes the report of the strategy's latest backtest on the symbol to `dir`/report.html; resolves to its path. */
  public dumpBacktest = async (symbol: string, strategyName: string, dir = "./dump"): Promise<string> => {
    const stats = this.backtestMarkdownService.getData(symbol, strategyName);
    const { exchangeName, frameName } = this.backtestMarkdownService.getRun(symbol, strategyName);
    const strategies = [this.strategyInput(symbol, frameName, strategyName, stats, stats.sharpeRatio)];
    const section: IReportSectionInput = {
      heading: "",
      exchangeName,
      frameName,
      metric: "sharpeRatio",
      best: strategyName,
      failed: [],
      buyAndHold: stats.buyAndHold,
      tieBreak: null,
      overfitting: null,
      costStress: null,
      strategies,
      ...(await this.readRange(symbol, exchangeName, frameName, strategies)),
    };
    const heat = this.heatMarkdownService.getData(strategyName);
    return await this.write(
      {
        kind: "backtest",
        title: `Backtest of ${strategyName} on ${symbol}`,
        symbol,
        sections: [section],
        walkForward: null,
        llmUsage: null,
        heat: heat.totalSymbols > 1 ? heat : null,
      },
      dir
    );
  };

  /** The model calls of walker runs (a walk-forward's windows ran one after another), summed and priced. */
  private walkerLlmUsage = (runs: IWalkerResults[]) =>
    this.llmConnectionService.priceUsage(
      runs.map((results) => readingOfLlmUsage(results.llmUsage)).reduce(addLlmUsageReadings, { models: {}, waitMs: 0 })
    );

  /**
   * Writes the report of a paper run (Paper.run) to `dir`/report.html: titled paper, its
   * heading naming the position still open, the run's trades and statistics over the
   * candles of [range.start, range.end); resolves to its path.
   */
  public dumpPaper = async (
    symbol: string,
    strategyName: string,
    exchangeName: string,
    range: { start: number; end: number },
    open: { position: string; priceOpen: number; openTime: string } | null,
    dir = "./dump/live"
  ): Promise<string> => {
    range = { start: Math.min(range.start, range.end - 60_000), end: range.end };
    const { eventList: _events, totalEvents: _total, totalClosed: _closed, ...trades } = this.liveMarkdownService.getData(symbol, strategyName);
    const stats: BacktestStatistics = { ...trades, buyAndHold: null, luck: null };
    const openText = open === null ? "no open position" : `open position: ${open.position} from ${open.priceOpen} since ${open.openTime}`;
    const minutes = Math.max(0, Math.ceil((range.end - range.start) / MINUTE_MS));
    const exchange = this.exchangeConnectionService.getExchange(exchangeName);
    // The chart only: a live exchange that cannot serve these candles now leaves the chart empty, not the report unwritten.
    const candles = await ExecutionContextService.runInContext(
      () => exchange.getNextCandles(symbol, range.start, minutes),
      { symbol, when: range.end, backtest: false }
    ).catch((error: unknown) => {
      this.loggerService.warn("htmlReportService dumpPaper: no candles for the chart", { symbol, exchangeName, error });
      return [];
    });
    const section: IReportSectionInput = {
      heading: `Paper trading, ${openText}`,
      exchangeName,
      frameName: "paper",
      metric: "sharpeRatio",
      best: strategyName,
      failed: [],
      buyAndHold: null,
      tieBreak: null,
      strategies: [this.strategyInput(symbol, "paper", strategyName, stats, stats.sharpeRatio)],
      range,
      candles,
      overfitting: null,
      costStress: null,
    };
    return await this.write(
      { kind: "backtest", title: `Paper trading of ${strategyName} on ${symbol} (paper, ${openText})`, symbol, sections: [section], walkForward: null, llmUsage: null },
      dir
    );
  };

  /** Writes the report of the strategy's live run (Live.dumpHtml) to `dir`/report.html; resolves to its path. */
  public dumpLive = async (symbol: string, strategyName: string, dir = "./dump/live"): Promise<string> => {
    const { exchangeName, start, end, open } = this.liveMarkdownService.getRange(symbol, strategyName);
    const described = open === null ? null : { position: open.position, priceOpen: open.priceOpen, openTime: new Date(open.pendingAt).toISOString() };
    return await this.dumpPaper(symbol, strategyName, exchangeName, { start, end }, described, dir);
  };

  private walkerSection = async (symbol: string, results: IWalkerResults, heading: string): Promise<IReportSectionInput> => {
    const strategies = results.strategyResults.map((result) =>
      this.strategyInput(symbol, results.frameName, result.strategyName, result.stats, result.metricValue)
    );
    return {
      heading,
      exchangeName: results.exchangeName,
      frameName: results.frameName,
      metric: results.metric,
      best: results.bestStrategy,
      failed: results.failedStrategies,
      buyAndHold: results.buyAndHold,
      tieBreak: { tieBroken: results.tieBroken, tiedStrategies: results.tiedStrategies },
      overfitting: results.overfitting ?? null,
      costStress: results.costStress ?? null,
      strategies,
      ...(await this.readRange(symbol, results.exchangeName, results.frameName, strategies)),
    };
  };

  private strategyInput = (
    symbol: string,
    frameName: string,
    strategyName: string,
    stats: BacktestStatistics,
    metricValue: number | null
  ): IReportStrategyInput => ({
    strategyName,
    note: this.strategySchemaService.get(strategyName).note ?? null,
    stats,
    metricValue,
    refusals: this.refusalsOf(symbol, strategyName, frameName),
  });

  /** The risk refusals of the strategy's run on the symbol and frame; none when no such run is recorded. */
  private refusalsOf = (symbol: string, strategyName: string, frameName: string) => {
    try {
      return this.backtestMarkdownService.getRefusals(symbol, strategyName, frameName);
    } catch {
      return [];
    }
  };

  /** The range of the frame and its 1m candles up to the frame's end or the last trade's close. */
  private readRange = async (symbol: string, exchangeName: string, frameName: string, strategies: IReportStrategyInput[]) => {
    const frame = this.frameSchemaService.get(frameName);
    const start = frame.startDate.getTime();
    const step = FRAME_INTERVAL_MS[frame.interval];
    const end = start + countTicks(start, frame.endDate.getTime(), step) * step;
    const lastClose = Math.max(
      end,
      ...strategies.map((strategy) => strategy.stats.signalList.at(-1)?.closeTimestamp ?? end)
    );
    const minutes = Math.ceil((lastClose - start) / MINUTE_MS);
    const exchange = this.exchangeConnectionService.getExchange(exchangeName);
    const candles = await ExecutionContextService.runInContext(
      () => exchange.getNextCandles(symbol, start, minutes),
      { symbol, when: lastClose, backtest: true }
    );
    return { range: { start, end }, candles };
  };

  private write = async (input: IReportInput, dir: string) => {
    const directory = resolve(dir);
    const filePath = resolve(directory, REPORT_FILE);
    const html = await this.client.render(input, directory);
    await NODE_FILE_SYSTEM.mkdir(directory, { recursive: true });
    await writeFileAtomic(NODE_FILE_SYSTEM, filePath, html);
    this.loggerService.info("htmlReportService write", { filePath, bytes: html.length });
    return filePath;
  };
}

export default HtmlReportService;
