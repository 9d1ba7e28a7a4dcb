import { IHeatmapRow, IHeatmapStatistics } from "../../interfaces/Portfolio.interface";
import { BacktestStatistics } from "../../interfaces/Statistics.interface";

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

/** The longest runs of winning and of losing trades, in trade order. */
const streaks = (pnls: number[]) => {
  let win = 0;
  let loss = 0;
  let maxWinStreak = 0;
  let maxLossStreak = 0;
  for (const pnl of pnls) {
    win = pnl > 0 ? win + 1 : 0;
    loss = pnl < 0 ? loss + 1 : 0;
    maxWinStreak = Math.max(maxWinStreak, win);
    maxLossStreak = Math.max(maxLossStreak, loss);
  }
  return { maxWinStreak, maxLossStreak };
};

/** One symbol's heatmap row from its backtest statistics. */
export const heatmapRow = (symbol: string, stats: BacktestStatistics): IHeatmapRow => {
  const pnls = stats.signalList.map((trade) => trade.pnl.pnlPercentage);
  return {
    symbol,
    totalPnl: stats.totalPnl,
    sharpeRatio: stats.sharpeRatio,
    maxDrawdown: stats.maxDrawdown,
    totalTrades: stats.totalSignals,
    winCount: stats.winCount,
    lossCount: stats.lossCount,
    winRate: stats.winRate,
    avgPnl: stats.avgPnl,
    stdDev: stats.stdDev,
    profitFactor: stats.profitFactor,
    avgWin: mean(pnls.filter((pnl) => pnl > 0)),
    avgLoss: mean(pnls.filter((pnl) => pnl < 0)),
    ...streaks(pnls),
    expectancy: stats.expectancy,
  };
};

/** Best Sharpe ratio first, rows without one last (ties keep their order). */
const bySharpe = (a: IHeatmapRow, b: IHeatmapRow) =>
  a.sharpeRatio === null ? (b.sharpeRatio === null ? 0 : 1) : b.sharpeRatio === null ? -1 : b.sharpeRatio - a.sharpeRatio;

/** The portfolio heatmap: rows sorted by Sharpe ratio, with the portfolio's totals. */
export const heatmapStatistics = (rows: IHeatmapRow[]): IHeatmapStatistics => {
  const symbols = rows.slice().sort(bySharpe);
  const portfolioTotalTrades = symbols.reduce((sum, row) => sum + row.totalTrades, 0);
  const withSharpe = symbols.filter((row) => row.sharpeRatio !== null);
  const portfolioSharpeRatio =
    withSharpe.length === 0 || portfolioTotalTrades === 0
      ? null
      : withSharpe.reduce((sum, row) => sum + (row.sharpeRatio as number) * row.totalTrades, 0) / portfolioTotalTrades;
  return {
    symbols,
    totalSymbols: symbols.length,
    portfolioTotalPnl: symbols.length === 0 ? null : symbols.reduce((sum, row) => sum + (row.totalPnl ?? 0), 0),
    portfolioSharpeRatio: portfolioSharpeRatio !== null && Number.isFinite(portfolioSharpeRatio) ? portfolioSharpeRatio : null,
    portfolioTotalTrades,
  };
};
