import { TradeStatistics } from "../interfaces/Statistics.interface";
import { IStrategyTickResultClosed } from "../interfaces/Strategy.interface";

/** Signals the data ran out on: trades (kept out of every figure) and scheduled signals. */
export interface IDataEndedSignals {
  trades: IStrategyTickResultClosed[];
  scheduledCount: number;
}

const NO_DATA_ENDED: IDataEndedSignals = { trades: [], scheduledCount: 0 };

const DAY_MS = 86_400_000;

/** The number itself when finite, else null: no NaN or Infinity leaves this module. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * A spread this small next to the mean is rounding noise (trades that all closed at the
 * same fixed percent), not risk: it counts as zero, so Sharpe is null rather than 1e15.
 */
const isNoise = (stdDev: number, avg: number) => stdDev <= 1e-9 * Math.max(1, Math.abs(avg));

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Statistics of closed trades. Population standard deviation (0 below 1e-9 x max(1,
 * |avgPnl|)); Sharpe ratio = avgPnl / stdDev (risk-free rate 0), null when stdDev is 0; annualized = Sharpe x sqrt(365);
 * certainty ratio = average win / |average loss|, null without both; expected yearly
 * returns = avgPnl x trades per year at the average trade duration (pendingAt to close).
 * Trades the data ran out on are listed and counted apart and enter no figure.
 */
export const computeStatistics = (
  signalList: IStrategyTickResultClosed[],
  cancelledCount: number,
  dataEnded: IDataEndedSignals = NO_DATA_ENDED
): TradeStatistics => {
  const apart = {
    dataEndedList: dataEnded.trades,
    dataEndedCount: dataEnded.trades.length,
    dataEndedScheduledCount: dataEnded.scheduledCount,
  };
  const totalSignals = signalList.length;
  const returns = signalList.map((result) => result.pnl.pnlPercentage);
  const wins = returns.filter((value) => value > 0);
  const losses = returns.filter((value) => value < 0);
  if (totalSignals === 0) {
    return {
      signalList,
      totalSignals,
      winCount: 0,
      lossCount: 0,
      cancelledCount,
      ...apart,
      winRate: null,
      avgPnl: null,
      totalPnl: null,
      stdDev: null,
      sharpeRatio: null,
      annualizedSharpeRatio: null,
      certaintyRatio: null,
      expectedYearlyReturns: null,
    };
  }
  const avgPnl = mean(returns);
  const totalPnl = returns.reduce((sum, value) => sum + value, 0);
  const spread = Math.sqrt(mean(returns.map((value) => (value - avgPnl) ** 2)));
  const stdDev = isNoise(spread, avgPnl) ? 0 : spread;
  const sharpeRatio = stdDev > 0 ? avgPnl / stdDev : NaN;
  const certaintyRatio = wins.length > 0 && losses.length > 0 ? mean(wins) / Math.abs(mean(losses)) : NaN;
  const avgDurationDays = mean(signalList.map((result) => result.closeTimestamp - result.signal.pendingAt)) / DAY_MS;
  const expectedYearlyReturns = avgDurationDays > 0 ? avgPnl * (365 / avgDurationDays) : NaN;
  return {
    signalList,
    totalSignals,
    winCount: wins.length,
    lossCount: losses.length,
    cancelledCount,
    ...apart,
    winRate: finiteOrNull((wins.length / totalSignals) * 100),
    avgPnl: finiteOrNull(avgPnl),
    totalPnl: finiteOrNull(totalPnl),
    stdDev: finiteOrNull(stdDev),
    sharpeRatio: finiteOrNull(sharpeRatio),
    annualizedSharpeRatio: finiteOrNull(sharpeRatio * Math.sqrt(365)),
    certaintyRatio: finiteOrNull(certaintyRatio),
    expectedYearlyReturns: finiteOrNull(expectedYearlyReturns),
  };
};
