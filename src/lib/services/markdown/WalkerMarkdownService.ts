import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { IWalkerResults, IWalkerStrategyResult } from "../../../interfaces/Walker.interface";
import { formatPercent, formatRatio, markdownTable } from "../../../utils/report/markdown";
import { IRanked, rankStrategies } from "../../../utils/stats/rankStrategies";
import { describeLuck, formatPValue } from "../../../utils/stats/describeLuck";
import { IBuyAndHold } from "../../../interfaces/Benchmark.interface";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import { describePromptMode } from "../../../utils/blind/promptMode";
import { describeOverfittingOdds } from "../../../utils/stats/overfittingOdds";
import { costStressSection } from "../../../utils/report/costStressTable";
import { GLOBAL_CONFIG } from "../../../config/params";
import { verdictSentences } from "../../../utils/report/verdict";
import { handBackWalkerResults } from "../../../utils/generated/generatedRun";

const TOP_STRATEGIES = 10;

const COMPARISON_COLUMNS: ReadonlyArray<[string, (result: IWalkerStrategyResult, rank: number) => string]> = [
  ["Rank", (_, rank) => `${rank}`],
  ["Strategy", (r) => r.strategyName],
  ["Metric", (r) => formatRatio(r.metricValue)],
  ["Total Signals", (r) => `${r.stats.totalSignals}`],
  ["Data Ended", (r) => `${r.stats.dataEndedCount}`],
  ["Win Rate", (r) => (r.stats.winRate === null ? "N/A" : `${r.stats.winRate.toFixed(2)}%`)],
  ["Avg PNL", (r) => formatPercent(r.stats.avgPnl)],
  ["Total PNL", (r) => formatPercent(r.stats.totalPnl)],
  ["Sharpe Ratio", (r) => formatRatio(r.stats.sharpeRatio)],
  ["Ann. Sharpe", (r) => formatRatio(r.stats.annualizedSharpeRatio)],
  ["Ann. Sortino", (r) => formatRatio(r.stats.annualizedSortinoRatio)],
  ["Calmar", (r) => formatRatio(r.stats.calmarRatio)],
  ["Std Dev", (r) => formatRatio(r.stats.stdDev)],
  ["Luck p-value", (r) => (r.stats.luck === null ? "N/A" : formatPValue(r.stats.luck.pValue))],
];

/** The buy-and-hold row of the comparison: its total PnL in the Avg and Total PNL columns, N/A elsewhere. */
const buyAndHoldRow = (buyAndHold: IBuyAndHold) =>
  COMPARISON_COLUMNS.map(([label]) => {
    if (label === "Rank") return "-";
    if (label === "Strategy") return "Buy and hold";
    if (label === "Total Signals") return "1";
    if (label === "Avg PNL" || label === "Total PNL") return formatPercent(buyAndHold.pnlPercentage);
    return "N/A";
  });

/** The sentence that says a tie was broken, or nothing. */
const describeTie = (results: IWalkerResults) =>
  results.tieBroken
    ? [
        `**Tie:** ${results.tiedStrategies.join(", ")} share the best ${results.metric} (${formatRatio(results.bestMetric)}); ` +
          `${results.bestStrategy} was chosen by the tie-break rule: more closed trades, then the walker's strategy order.`,
      ]
    : [];

/** One line per strategy: beats random entries, or plainly not distinguishable from luck. */
const describeLuckLines = (ranked: IRanked<IWalkerStrategyResult>[]) =>
  ranked.map(({ item }) => `- **${item.strategyName}**: ${describeLuck(item.stats.luck)}`);

const resultsKey = (symbol: string, walkerName: string) => `${symbol}\u0000${walkerName}`;

/** Keeps each walker's latest results per symbol and renders its comparison report. */
export class WalkerMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly results = new Map<string, IWalkerResults>();
  /** Every walker completed in this process, in order (kept only while BACKTEST_KIT_WALKER_RESULTS_ALL is set). */
  private readonly completedResults: IWalkerResults[] = [];

  /** Stores the results of a walker run (also while it runs, after every strategy). */
  public setResults = (results: IWalkerResults) => {
    this.results.set(resultsKey(results.symbol, results.walkerName), results);
  };

  /** The symbols the walker has run on in this process, in the order they first ran. */
  public symbolsOf = (walkerName: string): string[] =>
    Array.from(this.results.values())
      .filter((results) => results.walkerName === walkerName)
      .map((results) => results.symbol);

  /** The latest results of the walker on the symbol. */
  public getData = (symbol: string, walkerName: string): IWalkerResults => {
    const results = this.results.get(resultsKey(symbol, walkerName));
    if (results === undefined) {
      throw new Error(`walker ${walkerName} has not run on ${symbol}`);
    }
    return results;
  };

  /** The plain-words verdict: the best strategy's total PnL against buy-and-hold. */
  public getVerdict = (symbol: string, walkerName: string): string[] => {
    const results = this.getData(symbol, walkerName);
    return verdictSentences({
      bestStrategy: results.bestStrategy,
      bestPnl: results.bestStats?.totalPnl ?? null,
      buyAndHoldPnl: results.buyAndHold?.pnlPercentage ?? null,
    });
  };

  /** The top strategies' comparison table with the buy-and-hold row (markdown). */
  private getComparison = (results: IWalkerResults, ranked: IRanked<IWalkerStrategyResult>[]) => {
    const rows = ranked.map(({ rank, item }) => COMPARISON_COLUMNS.map(([, format]) => format(item, rank)));
    return ranked.length === 0
      ? "No strategy results available."
      : markdownTable(
          COMPARISON_COLUMNS.map(([label]) => label),
          results.buyAndHold === null ? rows : [...rows, buyAndHoldRow(results.buyAndHold)]
        );
  };

  /**
   * What a run prints when the walker is done (the demo and generated files): the verdict
   * in plain words, then the comparison table of the report.
   */
  public getSummary = (symbol: string, walkerName: string): string => {
    const results = this.getData(symbol, walkerName);
    const ranked = rankStrategies(results.strategyResults).slice(0, TOP_STRATEGIES);
    return [...this.getVerdict(symbol, walkerName), "", this.getComparison(results, ranked)].join("\n");
  };

  /** The comparison report: the verdict, best strategy, top strategies, every trade, failures. */
  public getReport = (symbol: string, walkerName: string): string => {
    const results = this.getData(symbol, walkerName);
    const ranked = rankStrategies(results.strategyResults).slice(0, TOP_STRATEGIES);
    const comparison = this.getComparison(results, ranked);
    const trades = results.strategyResults.flatMap((result) =>
      result.stats.signalList.concat(result.stats.dataEndedList).map((closed) => [
        result.strategyName,
        closed.signal.id,
        closed.signal.position.toUpperCase(),
        formatPercent(closed.pnl.pnlPercentage),
        closed.dataEnded ? `${closed.closeReason} (data ended, in no figure)` : closed.closeReason,
        new Date(closed.signal.pendingAt).toISOString(),
        new Date(closed.closeTimestamp).toISOString(),
      ])
    );
    const tradeTable =
      trades.length === 0
        ? "No closed signals available."
        : markdownTable(["Strategy", "Signal ID", "Position", "PNL (net)", "Close Reason", "Open Time", "Close Time"], trades);
    const failures = results.failedStrategies.map((failure) => `- ${failure.strategyName}: ${failure.error}`);
    return [
      `# Walker Comparison Report: ${results.walkerName}`,
      "",
      ...this.getVerdict(symbol, walkerName).map((sentence) => `**${sentence}**`),
      "",
      `**Symbol:** ${results.symbol}`,
      `**Exchange:** ${results.exchangeName}`,
      `**Frame:** ${results.frameName}`,
      `**Optimization Metric:** ${results.metric}`,
      `**Strategies Tested:** ${results.totalStrategies}`,
      `**Prompt mode:** ${describePromptMode(results.promptMode)}`,
      "",
      `## Best Strategy: ${results.bestStrategy ?? "N/A"}`,
      "",
      `**Best ${results.metric}:** ${formatRatio(results.bestMetric)}`,
      `**Total Signals:** ${results.bestStats?.totalSignals ?? 0}`,
      ...describeTie(results),
      "",
      "## Top Strategies Comparison",
      "",
      comparison,
      "",
      "Equal metrics share a rank. Buy and hold: one long over the whole frame, with the same fees and slippage.",
      `Ann. Sharpe, Ann. Sortino and Calmar are annualised over the frame's trades per year; N/A on a frame shorter than ${GLOBAL_CONFIG.CC_ANNUALISE_MIN_DAYS} days.`,
      "",
      "## Overfitting Odds",
      "",
      ...describeOverfittingOdds(results.overfitting).map((line) => `- ${line}`),
      "",
      "The deflated Sharpe ratio discounts the pick's Sharpe ratio for the number of strategies tried; the probability of backtest overfitting (CSCV) splits the frame into blocks and counts how often the in-sample best lands in the bottom half out of sample.",
      "",
      ...costStressSection(results.costStress, results.metric),
      "## Luck Test",
      "",
      ...(ranked.length === 0 ? ["No strategy results available."] : describeLuckLines(ranked)),
      "",
      "p-value = (1 + random-entry simulations with a total PNL >= the strategy's) / (1 + simulations); above 0.05 the strategy is not distinguishable from luck.",
      "",
      "## All Signals (PNL Table)",
      "",
      tradeTable,
      "",
      ...(failures.length === 0 ? [] : ["## Failed Strategies", "", ...failures, ""]),
      "**Note:** Higher values are better for all metrics except Standard Deviation (lower is better).",
      "",
    ].join("\n");
  };

  /**
   * Hands the completed walker's results back to the process that ran this one, where
   * BACKTEST_KIT_WALKER_RESULTS (this walker's) and BACKTEST_KIT_WALKER_RESULTS_ALL
   * (every walker completed here, in order) say (utils/generated/generatedRun).
   */
  public exportResults = async (results: IWalkerResults) => {
    const targets = await handBackWalkerResults(NODE_FILE_SYSTEM, process.env, results, this.completedResults);
    if (targets.length > 0) {
      this.loggerService.info("walkerMarkdownService exportResults", { targets, walkers: this.completedResults.length });
    }
  };

  /** Writes the report to `dir`/WALKER.md atomically and returns the file's path. */
  public dump = async (symbol: string, walkerName: string, dir = "./dump/walker"): Promise<string> => {
    const report = this.getReport(symbol, walkerName);
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, walkerName, report);
    this.loggerService.info("walkerMarkdownService dump", { filePath });
    return filePath;
  };
}

export default WalkerMarkdownService;
