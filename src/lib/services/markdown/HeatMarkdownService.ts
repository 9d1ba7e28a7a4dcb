import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import BacktestMarkdownService from "./BacktestMarkdownService";
import { StrategyName } from "../../../interfaces/Strategy.interface";
import { IHeatmapRow, IHeatmapStatistics } from "../../../interfaces/Portfolio.interface";
import { heatmapRow, heatmapStatistics } from "../../../utils/portfolio/heatmap";
import { formatPercent, markdownTable } from "../../../utils/report/markdown";
import { writeReportFile } from "../../../utils/report/writeReportFile";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

const fixed = (value: number | null, digits = 2) => (value === null ? "N/A" : value.toFixed(digits));

const COLUMNS: ReadonlyArray<[string, (row: IHeatmapRow) => string]> = [
  ["Symbol", (r) => r.symbol],
  ["Total PNL", (r) => formatPercent(r.totalPnl)],
  ["Sharpe", (r) => fixed(r.sharpeRatio)],
  ["PF", (r) => fixed(r.profitFactor)],
  ["Expect", (r) => formatPercent(r.expectancy)],
  ["WR", (r) => (r.winRate === null ? "N/A" : `${r.winRate.toFixed(1)}%`)],
  ["Avg Win", (r) => formatPercent(r.avgWin)],
  ["Avg Loss", (r) => formatPercent(r.avgLoss)],
  ["Max DD", (r) => formatPercent(r.maxDrawdown === null ? null : -r.maxDrawdown)],
  ["W Streak", (r) => `${r.maxWinStreak}`],
  ["L Streak", (r) => `${r.maxLossStreak}`],
  ["Trades", (r) => `${r.totalTrades}`],
];

/**
 * The portfolio heatmap of a strategy (backtest-kit 1.4's Heat): one row per symbol it
 * ran on in this process (its latest backtest there), best Sharpe ratio first.
 */
export class HeatMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);

  /** The strategy's heatmap across the symbols it ran on. */
  public getData = (strategyName: StrategyName): IHeatmapStatistics =>
    heatmapStatistics(
      this.backtestMarkdownService
        .symbolsOf(strategyName)
        .map((symbol) => heatmapRow(symbol, this.backtestMarkdownService.getData(symbol, strategyName)))
    );

  /** The markdown report ("# Portfolio Heatmap: NAME", portfolio totals, one row per symbol). */
  public getReport = (strategyName: StrategyName): string => {
    const data = this.getData(strategyName);
    const header = `# Portfolio Heatmap: ${strategyName}`;
    if (data.totalSymbols === 0) {
      return [header, "", "*No data available*", ""].join("\n");
    }
    return [
      header,
      "",
      `**Total Symbols:** ${data.totalSymbols} | **Portfolio PNL:** ${formatPercent(data.portfolioTotalPnl)} | **Portfolio Sharpe:** ${fixed(data.portfolioSharpeRatio)} | **Total Trades:** ${data.portfolioTotalTrades}`,
      "",
      markdownTable(
        COLUMNS.map(([label]) => label),
        data.symbols.map((row) => COLUMNS.map(([, format]) => format(row)))
      ),
      "",
    ].join("\n");
  };

  /** Writes the report to `dir`/STRATEGY.md atomically and returns the file's path. */
  public dump = async (strategyName: StrategyName, dir = "./dump/heatmap"): Promise<string> => {
    const filePath = await writeReportFile(NODE_FILE_SYSTEM, dir, strategyName, this.getReport(strategyName));
    this.loggerService.info("heatMarkdownService dump", { filePath });
    return filePath;
  };
}

export default HeatMarkdownService;
