import { TradeStatistics } from "../../interfaces/Statistics.interface";
import { IStrategyTickResultClosed } from "../../interfaces/Strategy.interface";
import { mean } from "./indicators";
import { DAY_MS } from "../candles/intervals";
import { GLOBAL_CONFIG } from "../../config/params";

/** Signals the data ran out on: trades (kept out of every figure) and scheduled signals. */
export interface IDataEndedSignals {
  trades: IStrategyTickResultClosed[];
  scheduledCount: number;
}

const NO_DATA_ENDED: IDataEndedSignals = { trades: [], scheduledCount: 0 };

/** The number itself when finite, else null: no NaN or Infinity leaves this module. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * A spread this small next to the mean is rounding noise (trades that all closed at the
 * same fixed percent), not risk: it counts as zero, so Sharpe is 0 (as with a single
 * trade, and as 1.4 has it) rather than 1e15.
 */
const isNoise = (stdDev: number, avg: number) => stdDev <= 1e-9 * Math.max(1, Math.abs(avg));

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The span of a test range in UTC ms, start inclusive, end exclusive. */
export interface IStatisticsRange {
  start: number;
  end: number;
}

/** One point of an equity curve: the summed PnL (%) of the trades closed by `time`. */
export interface IEquityPoint {
  time: number;
  equity: number;
  drawdown: number;
}

/**
 * The equity curve of closed trades in close order: after each trade the summed PnL in
 * percentage points, and how far it sits below its running peak (the peak starts at 0,
 * before any trade). The largest drawdown of this curve is the statistics' maxDrawdown.
 */
export const computeEquityCurve = (signalList: IStrategyTickResultClosed[]): IEquityPoint[] => {
  let equity = 0;
  let peak = 0;
  return signalList.map((result) => {
    equity += result.pnl.pnlPercentage;
    peak = Math.max(peak, equity);
    return { time: result.closeTimestamp, equity, drawdown: peak - equity };
  });
};

/** Default of CC_ANNUALISE_MIN_DAYS: the shortest test range a yearly figure is given for. */
export const DEFAULT_ANNUALISE_MIN_DAYS = 30;

/**
 * The trades' compounded return over `range`, scaled to a year by compounding, in percent:
 * ((1 + r1) x (1 + r2) x ...)^(365 / days) - 1, each trade's return at least -100%.
 * NaN (shown N/A) without a range or when the range covers fewer than `minDays` days: a
 * short range scaled to a year tells nothing honest. Never below -100%.
 */
export const compoundYearlyReturn = (returns: number[], range: IStatisticsRange | undefined, minDays: number) => {
  const days = range === undefined ? 0 : (range.end - range.start) / DAY_MS;
  if (range === undefined || days <= 0 || days < minDays) {
    return NaN;
  }
  const growth = returns.reduce((total, value) => total * Math.max(0, 1 + value / 100), 1);
  return (growth ** (365 / days) - 1) * 100;
};

/** Percent of the range's time with a position open (each trade from pendingAt to close, clipped to the range). */
const computeExposure = (signalList: IStrategyTickResultClosed[], range: IStatisticsRange) => {
  const held = sum(
    signalList.map((result) =>
      Math.max(0, Math.min(result.closeTimestamp, range.end) - Math.max(result.signal.pendingAt, range.start))
    )
  );
  return (held / (range.end - range.start)) * 100;
};

/** Years the range covers when it is at least CC_ANNUALISE_MIN_DAYS days long, else null (no figure is annualised). */
const annualisableYears = (range: IStatisticsRange | undefined): number | null => {
  if (range === undefined) {
    return null;
  }
  const days = (range.end - range.start) / DAY_MS;
  return days > 0 && days >= GLOBAL_CONFIG.CC_ANNUALISE_MIN_DAYS ? days / 365 : null;
};

/**
 * The annualised Sharpe, Sortino and Calmar ratios of the trades over a range of `years`
 * (null when the range is shorter than CC_ANNUALISE_MIN_DAYS): Sharpe = per-trade Sharpe
 * x sqrt(trades per year); Sortino = avgPnl / downside deviation (root mean square of the
 * losses, gains counting as 0) x sqrt(trades per year), null without a loss; Calmar =
 * summed PnL per year / max drawdown, null without a drawdown.
 */
const annualisedRatios = (returns: number[], sharpeRatio: number, maxDrawdown: number, years: number | null) => {
  if (years === null) {
    return { annualizedSharpeRatio: NaN, annualizedSortinoRatio: NaN, calmarRatio: NaN };
  }
  const tradesPerYear = returns.length / years;
  const downside = Math.sqrt(mean(returns.map((value) => Math.min(0, value) ** 2)));
  return {
    annualizedSharpeRatio: sharpeRatio * Math.sqrt(tradesPerYear),
    annualizedSortinoRatio: downside > 0 ? (mean(returns) / downside) * Math.sqrt(tradesPerYear) : NaN,
    calmarRatio: maxDrawdown > 0 ? sum(returns) / years / maxDrawdown : NaN,
  };
};

/**
 * Statistics of closed trades. Population standard deviation (0 below 1e-9 x max(1,
 * |avgPnl|)); Sharpe ratio = avgPnl / stdDev (risk-free rate 0), 0 when stdDev is 0; annualised
 * Sharpe, Sortino and Calmar ratios only over a range of at least CC_ANNUALISE_MIN_DAYS
 * days (see annualisedRatios), else null;
 * certainty ratio = average win / |average loss|, null without both; expected yearly
 * returns = the trades' compounded return over `range` scaled to a year by compounding
 * (compoundYearlyReturn), null when `range` covers fewer than `annualiseMinDays` days.
 * Max drawdown = the largest fall of the summed PnL from its running peak (computeEquityCurve);
 * profit factor = sum of wins / |sum of losses|, null without losses; expectancy =
 * avgPnl / |average loss| (PnL per unit of the average loss), null without losses;
 * exposure = percent of `range` with a position open, null without a range; average hold
 * in minutes (pendingAt to close).
 * Trades the data ran out on are listed and counted apart and enter no figure.
 */
export const computeStatistics = (
  signalList: IStrategyTickResultClosed[],
  cancelledCount: number,
  dataEnded: IDataEndedSignals = NO_DATA_ENDED,
  range?: IStatisticsRange,
  annualiseMinDays = DEFAULT_ANNUALISE_MIN_DAYS
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
      annualizedSortinoRatio: null,
      calmarRatio: null,
      certaintyRatio: null,
      expectedYearlyReturns: null,
      maxDrawdown: null,
      profitFactor: null,
      expectancy: null,
      exposure: range === undefined ? null : 0,
      avgHoldMinutes: null,
    };
  }
  const avgPnl = mean(returns);
  const totalPnl = returns.reduce((sum, value) => sum + value, 0);
  const spread = Math.sqrt(mean(returns.map((value) => (value - avgPnl) ** 2)));
  const stdDev = isNoise(spread, avgPnl) ? 0 : spread;
  const sharpeRatio = stdDev > 0 ? avgPnl / stdDev : 0;
  const certaintyRatio = wins.length > 0 && losses.length > 0 ? mean(wins) / Math.abs(mean(losses)) : NaN;
  const avgDurationDays = mean(signalList.map((result) => result.closeTimestamp - result.signal.pendingAt)) / DAY_MS;
  const expectedYearlyReturns = compoundYearlyReturn(returns, range, annualiseMinDays);
  const averageLoss = losses.length > 0 ? Math.abs(mean(losses)) : NaN;
  const maxDrawdown = computeEquityCurve(signalList).reduce((largest, point) => Math.max(largest, point.drawdown), 0);
  const annualised = annualisedRatios(returns, sharpeRatio, maxDrawdown, annualisableYears(range));
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
    annualizedSharpeRatio: finiteOrNull(annualised.annualizedSharpeRatio),
    annualizedSortinoRatio: finiteOrNull(annualised.annualizedSortinoRatio),
    calmarRatio: finiteOrNull(annualised.calmarRatio),
    certaintyRatio: finiteOrNull(certaintyRatio),
    expectedYearlyReturns: finiteOrNull(expectedYearlyReturns),
    maxDrawdown: finiteOrNull(maxDrawdown),
    profitFactor: finiteOrNull(losses.length > 0 ? sum(wins) / Math.abs(sum(losses)) : NaN),
    expectancy: finiteOrNull(avgPnl / averageLoss),
    exposure: range === undefined ? null : finiteOrNull(computeExposure(signalList, range)),
    avgHoldMinutes: finiteOrNull((avgDurationDays * DAY_MS) / 60_000),
  };
};
