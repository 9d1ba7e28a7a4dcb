import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import WalkerMarkdownService from "./WalkerMarkdownService";
import FrameSchemaService from "../schema/FrameSchemaService";
import { WalkerName } from "../../../interfaces/Walker.interface";
import { IWalkForwardResults, IWalkForwardWindow } from "../../../interfaces/WalkForward.interface";
import { WALK_FORWARD_TOTAL_KEYS, rankBy } from "../../../utils/stats/rankStrategies";
import { pickWalkForward } from "../../../utils/stats/walkForwardPick";
import { formatPercent, markdownTable } from "../../../utils/report/markdown";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import { computeOverfittingOdds, describeOverfittingOdds, sharpesOf } from "../../../utils/stats/overfittingOdds";
import { GLOBAL_CONFIG } from "../../../config/params";
import { verdictSentences } from "../../../utils/report/verdict";

/**
 * Reads several walkers (one per test window) as one walk-forward test: the windows,
 * each strategy's out-of-sample total, the best on that total, and its markdown report.
 */
export class WalkForwardMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly walkerMarkdownService = inject<WalkerMarkdownService>(TYPES.walkerMarkdownService);
  private readonly frameSchemaService = inject<FrameSchemaService>(TYPES.frameSchemaService);

  /** The walk-forward results of walkers that have run on the symbol, in window order. */
  public getData = (symbol: string, walkerNames: WalkerName[]): IWalkForwardResults => {
    const results = walkerNames.map((walkerName) => this.walkerMarkdownService.getData(symbol, walkerName));
    const windows: IWalkForwardWindow[] = results.map((walker) => {
      const { startDate, endDate } = this.frameSchemaService.get(walker.frameName);
      return { walkerName: walker.walkerName, frameName: walker.frameName, startDate, endDate, results: walker };
    });
    const { totals, best, tieBroken, tiedStrategies, buyAndHoldPnl, buyAndHoldTotalPnl } = pickWalkForward(results);
    const everyWindow = totals.filter((total) => total.totalPnl !== null);
    const overfitting = computeOverfittingOdds({
      pick: best?.strategyName ?? null,
      strategies: everyWindow.map(({ strategyName }) => ({
        strategyName,
        trades: results.flatMap((walker) => walker.strategyResults.find((result) => result.strategyName === strategyName)?.stats.signalList ?? []),
      })),
      trials: results.reduce((sum, walker) => sum + walker.totalStrategies, 0),
      trialSharpes: sharpesOf(results),
      ranges: windows.map((window) => ({ start: window.startDate.getTime(), end: window.endDate.getTime() })),
      periodMinutes: GLOBAL_CONFIG.CC_PBO_PERIOD_MINUTES,
    });
    return {
      symbol,
      windows,
      totals,
      buyAndHoldPnl,
      buyAndHoldTotalPnl,
      bestStrategy: best?.strategyName ?? null,
      bestTotalPnl: best?.totalPnl ?? null,
      tieBroken,
      tiedStrategies,
      overfitting,
    };
  };

  /** The plain-words verdict: the pick's out-of-sample total against buy-and-hold over the windows. */
  private verdictOf = (data: IWalkForwardResults) =>
    verdictSentences({ bestStrategy: data.bestStrategy, bestPnl: data.bestTotalPnl, buyAndHoldPnl: data.buyAndHoldTotalPnl });

  /** The out-of-sample totals table, ranked, with buy-and-hold (markdown). */
  private totalsTable = (data: IWalkForwardResults) => {
    const windowLabels = data.windows.map((_, index) => `Window ${index + 1}`);
    const totalRows = rankBy(data.totals, WALK_FORWARD_TOTAL_KEYS).map(({ rank, item }) => [
      item.totalPnl === null ? "-" : `${rank}`,
      item.strategyName,
      ...item.windowPnl.map((pnl) => (pnl === null ? "failed" : formatPercent(pnl))),
      formatPercent(item.totalPnl),
      `${item.totalSignals}`,
    ]);
    const buyAndHoldRow = [
      "-",
      "Buy and hold",
      ...data.buyAndHoldPnl.map(formatPercent),
      formatPercent(data.buyAndHoldTotalPnl),
      `${data.windows.length}`,
    ];
    return markdownTable(["Rank", "Strategy", ...windowLabels, "Total PNL", "Trades"], [...totalRows, buyAndHoldRow]);
  };

  /**
   * What a walk-forward run prints when it is done (generated files): the verdict in plain
   * words, then the out-of-sample totals of the report.
   */
  public getSummary = (symbol: string, walkerNames: WalkerName[]): string => {
    const data = this.getData(symbol, walkerNames);
    return [...this.verdictOf(data), "", this.totalsTable(data)].join("\n");
  };

  /** The walk-forward report: the verdict, the windows, the out-of-sample totals with buy-and-hold, the pick. */
  public getReport = (symbol: string, walkerNames: WalkerName[], reportName = "walk_forward"): string => {
    const data = this.getData(symbol, walkerNames);
    const windowRows = data.windows.map((window, index) => [
      `${index + 1}`,
      window.walkerName,
      window.startDate.toISOString(),
      window.endDate.toISOString(),
      window.results.bestStrategy ?? "N/A",
      formatPercent(data.buyAndHoldPnl[index]),
    ]);
    const tie = data.tieBroken
      ? [
          "",
          `**Tie:** ${data.tiedStrategies.join(", ")} share the best out-of-sample total (${formatPercent(data.bestTotalPnl)}); ` +
            `${data.bestStrategy} was chosen by the tie-break rule: more closed trades, then the strategy order.`,
        ]
      : [];
    return [
      `# Walk-Forward Report: ${reportName}`,
      "",
      ...this.verdictOf(data).map((sentence) => `**${sentence}**`),
      "",
      `**Symbol:** ${symbol}`,
      `**Test windows:** ${data.windows.length}`,
      "**Chosen on:** the out-of-sample total PNL over all windows (a strategy that failed in a window cannot win)",
      "",
      `## Best Strategy: ${data.bestStrategy ?? "N/A"}`,
      "",
      `**Out-of-sample total PNL:** ${formatPercent(data.bestTotalPnl)}`,
      ...tie,
      "",
      ...describeOverfittingOdds(data.overfitting).map((line) => `- ${line}`),
      "",
      "Trials: every strategy of every window. The probability of backtest overfitting compares the strategies that ran in every window, on one grid over all windows.",
      "",
      "## Test Windows",
      "",
      markdownTable(["Window", "Walker", "Start", "End", "Best in window", "Buy and hold"], windowRows),
      "",
      "## Out-of-Sample Total",
      "",
      this.totalsTable(data),
      "",
      "Each window's own report (with its luck test) is the walker report of that window.",
      "",
    ].join("\n");
  };

  /** Writes the report to `dir`/REPORTNAME.md atomically and returns the file's path. */
  public dump = async (symbol: string, walkerNames: WalkerName[], reportName: string, dir = "./dump/walker") => {
    const report = this.getReport(symbol, walkerNames, reportName);
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, reportName, report);
    this.loggerService.info("walkForwardMarkdownService dump", { filePath });
    return filePath;
  };
}

export default WalkForwardMarkdownService;
