import { IStrategyTickResultClosed } from "../../interfaces/Strategy.interface";
import { IOverfittingOdds } from "../../interfaces/Overfitting.interface";
import { IWalkerResults } from "../../interfaces/Walker.interface";
import { IStatisticsRange } from "./computeStatistics";
import { deflatedSharpeRatio, expectedMaxSharpe } from "./sharpeRatioTests";
import { probabilityOfBacktestOverfitting } from "./pbo";
import { mean } from "./indicators";

/** The blocks of the PBO when the periods allow them. */
const DEFAULT_PBO_BLOCKS = 16;

/**
 * Sharpe ratio, skewness and kurtosis (population moments) of a list of returns; null
 * without spread. Kurtosis is at least 1 (exactly 1 for two values, or any two-point
 * distribution); rounding can put it just below, so it is kept at 1 there.
 */
export const returnMoments = (returns: number[]) => {
  if (returns.length < 2) {
    return null;
  }
  const average = mean(returns);
  const moment = (power: number) => mean(returns.map((value) => (value - average) ** power));
  const variance = moment(2);
  if (!(Math.sqrt(variance) > 1e-9 * Math.max(1, Math.abs(average)))) {
    return null;
  }
  return {
    sharpe: average / Math.sqrt(variance),
    skewness: moment(3) / variance ** 1.5,
    kurtosis: Math.max(1, moment(4) / variance ** 2),
  };
};

/** Sample variance (n - 1); null below 2 values. */
const sampleVariance = (values: number[]) => {
  if (values.length < 2) {
    return null;
  }
  const average = mean(values);
  return values.reduce((total, value) => total + (value - average) ** 2, 0) / (values.length - 1);
};

/** Periods of `periodMs` that cover a range (the last one may be cut short). */
const periodsOf = (range: IStatisticsRange, periodMs: number) => Math.max(1, Math.ceil((range.end - range.start) / periodMs));

/**
 * A strategy's returns on the common grid: the test ranges (one, or one per walk-forward
 * window, in order) cut into periods of `periodMs`, each period holding the summed PnL (%)
 * of the trades that closed in it (a trade closing past its range's end counts in the
 * range's last period); periods without a close hold 0.
 */
export const returnsOnGrid = (trades: IStrategyTickResultClosed[], ranges: IStatisticsRange[], periodMs: number): number[] => {
  const offsets = ranges.map((_, index) => ranges.slice(0, index).reduce((total, range) => total + periodsOf(range, periodMs), 0));
  const total = ranges.reduce((sum, range) => sum + periodsOf(range, periodMs), 0);
  const grid = new Array<number>(total).fill(0);
  for (const trade of trades) {
    const rangeIndex = Math.max(0, ranges.filter((range) => range.start <= trade.closeTimestamp).length - 1);
    const range = ranges[rangeIndex];
    const period = Math.min(periodsOf(range, periodMs) - 1, Math.max(0, Math.floor((trade.closeTimestamp - range.start) / periodMs)));
    grid[offsets[rangeIndex] + period] += trade.pnl.pnlPercentage;
  }
  return grid;
};

/**
 * The blocks of a PBO over `periods` periods: 16 when each block then holds at least 2
 * periods, else the largest even number that lets it (periods / 2, rounded down to even);
 * null below 4 periods.
 */
export const choosePboBlocks = (periods: number): number | null => {
  const most = Math.min(DEFAULT_PBO_BLOCKS, Math.floor(periods / 2));
  const even = most - (most % 2);
  return even >= 2 ? even : null;
};

/** One strategy of a comparison: its name and the trades that enter its figures. */
export interface IOddsStrategy {
  strategyName: string;
  trades: IStrategyTickResultClosed[];
}

/** What computeOverfittingOdds takes. */
export interface IOverfittingOddsInput {
  /** The pick's name; null when the comparison has none. */
  pick: string | null;
  /** The strategies with a backtest result, for the PBO (their trades on the grid) and the pick's trades. */
  strategies: IOddsStrategy[];
  /** Strategies tried for this symbol, failed ones included (at least the compared ones). */
  trials: number;
  /** The per-trade Sharpe ratios of every strategy tried that has one (for the variance across trials). */
  trialSharpes: number[];
  /** The test ranges of the grid, in order. */
  ranges: IStatisticsRange[];
  periodMinutes: number;
}

/** The deflated Sharpe ratio part of the odds, with a note when it cannot be computed. */
const deflatedPart = (input: IOverfittingOddsInput, pickTrades: IStrategyTickResultClosed[] | null, notes: string[]) => {
  const moments = pickTrades === null ? null : returnMoments(pickTrades.map((trade) => trade.pnl.pnlPercentage));
  const sharpeVariance = sampleVariance(input.trialSharpes);
  const empty = { sharpe: null, skewness: null, kurtosis: null, sharpeVariance, expectedMaxSharpe: null, deflatedSharpeRatio: null };
  if (moments === null) {
    notes.push(`deflated Sharpe ratio: N/A, the pick needs at least 2 trades with different PnL`);
    return empty;
  }
  if (sharpeVariance === null) {
    notes.push(`deflated Sharpe ratio: N/A, the variance across trials needs at least 2 strategies with a Sharpe ratio`);
    return { ...empty, ...moments };
  }
  const observations = pickTrades!.length;
  const factor = 1 - moments.skewness * moments.sharpe + ((moments.kurtosis - 1) / 4) * moments.sharpe ** 2;
  if (!(factor > 0)) {
    notes.push(`deflated Sharpe ratio: N/A, the pick's skewness and kurtosis leave no valid variance of its Sharpe ratio`);
    return { ...empty, ...moments };
  }
  const trials = Math.max(1, input.trials);
  return {
    ...moments,
    sharpeVariance,
    expectedMaxSharpe: expectedMaxSharpe(trials, sharpeVariance),
    deflatedSharpeRatio: deflatedSharpeRatio({ ...moments, observations, trials, sharpeVariance }),
  };
};

/** The PBO part of the odds, with a note when it cannot be computed. */
const pboPart = (input: IOverfittingOddsInput, notes: string[]) => {
  const periodMs = input.periodMinutes * 60_000;
  const columns = input.strategies.map((strategy) => returnsOnGrid(strategy.trades, input.ranges, periodMs));
  const periods = input.ranges.length === 0 ? 0 : columns[0]?.length ?? 0;
  const blocks = choosePboBlocks(periods);
  const base = { pboStrategies: input.strategies.length, pboPeriods: periods, pboPeriodMinutes: input.periodMinutes };
  if (input.strategies.length < 2 || input.ranges.length === 0) {
    notes.push(`probability of backtest overfitting: N/A, it needs at least 2 strategies with a result`);
    return { ...base, pboBlocks: null, pboCombinations: null, pbo: null };
  }
  if (blocks === null) {
    notes.push(`probability of backtest overfitting: N/A, ${periods} period(s) of ${input.periodMinutes} min are fewer than the 4 it needs`);
    return { ...base, pboBlocks: null, pboCombinations: null, pbo: null };
  }
  const matrix = Array.from({ length: periods }, (_, row) => columns.map((column) => column[row]));
  const { pbo, combinations } = probabilityOfBacktestOverfitting(matrix, { blocks });
  return { ...base, pboBlocks: blocks, pboCombinations: combinations, pbo };
};

/**
 * The odds that a comparison's pick is luck: its deflated Sharpe ratio (per-trade Sharpe
 * ratio, skewness and kurtosis of its trades; trials = every strategy tried; variance of
 * the tried strategies' Sharpe ratios) and the PBO of the compared strategies' returns on
 * a grid of equal periods of the test range(s). What cannot be computed is null, with a note.
 */
export const computeOverfittingOdds = (input: IOverfittingOddsInput): IOverfittingOdds => {
  const notes: string[] = [];
  const pickTrades = input.strategies.find((strategy) => strategy.strategyName === input.pick)?.trades ?? null;
  const deflated = deflatedPart(input, pickTrades, notes);
  const pbo = pboPart(input, notes);
  return {
    strategyName: input.pick,
    trials: input.trials,
    observations: pickTrades?.length ?? 0,
    ...deflated,
    ...pbo,
    notes,
  };
};

/** "62%" or "N/A". */
const percentOf = (value: number | null) => (value === null ? "N/A" : `${Math.round(value * 100)}%`);

/**
 * The odds in words, one line each: what the deflated Sharpe ratio and the PBO mean
 * ("the chance that picking the best of these 3 was overfitting: 62%").
 */
export const describeOverfittingOdds = (odds: IOverfittingOdds | null): string[] => {
  if (odds === null) {
    return ["Overfitting odds: N/A (no strategy completed)"];
  }
  const deflated =
    odds.deflatedSharpeRatio === null
      ? "Deflated Sharpe ratio: N/A"
      : `Deflated Sharpe ratio: ${odds.deflatedSharpeRatio.toFixed(3)}, the chance that ${odds.strategyName}'s edge is real ` +
        `(true Sharpe ratio above 0) once all ${odds.trials} strategies tried are allowed for: ${percentOf(odds.deflatedSharpeRatio)}`;
  const pbo =
    odds.pbo === null
      ? "Probability of backtest overfitting: N/A"
      : `Probability of backtest overfitting: ${odds.pbo.toFixed(3)}, the chance that picking the best of these ` +
        `${odds.pboStrategies} was overfitting: ${percentOf(odds.pbo)} (${odds.pboPeriods} periods of ${odds.pboPeriodMinutes} min, ` +
        `${odds.pboBlocks} blocks, ${odds.pboCombinations} splits)`;
  return [deflated, pbo, ...odds.notes.map((note) => `Note: ${note}`)];
};

/**
 * The odds of a walker's pick on one test range: trials = every strategy it tried (failed
 * ones included), the PBO over the strategies with a result.
 */
export const computeWalkerOdds = (results: IWalkerResults, range: IStatisticsRange, periodMinutes: number): IOverfittingOdds =>
  computeOverfittingOdds({
    pick: results.bestStrategy,
    strategies: results.strategyResults.map((result) => ({ strategyName: result.strategyName, trades: result.stats.signalList })),
    trials: results.totalStrategies,
    trialSharpes: sharpesOf([results]),
    ranges: [range],
    periodMinutes,
  });

/** The per-trade Sharpe ratios of every strategy with one in the given walker results. */
export const sharpesOf = (walkers: IWalkerResults[]): number[] =>
  walkers.flatMap((walker) =>
    walker.strategyResults.map((result) => result.stats.sharpeRatio).filter((sharpe): sharpe is number => sharpe !== null)
  );

/** A sweep row as the sweep's deflated Sharpe ratio reads it. */
export interface ISweepSelectionRow {
  symbol: string;
  status: string;
  strategies: number | null;
  sharpes?: number[] | null;
  bestShape?: { sharpe: number; observations: number; skewness: number; kurtosis: number } | null;
}

/**
 * Each sweep row's best strategy deflated against every strategy tried on its symbol in
 * the whole sweep (every done job's strategies: trials, and the variance of their
 * per-trade Sharpe ratios); null for a row without a best shape or a variance, or whose
 * shape leaves no valid variance of its Sharpe ratio. Also the trials per symbol.
 */
export const deflateAcrossJobs = (rows: ISweepSelectionRow[]) => {
  const done = rows.filter((row) => row.status === "done");
  const trialsOf = (symbol: string) => done.filter((row) => row.symbol === symbol).reduce((sum, row) => sum + (row.strategies ?? 0), 0);
  const varianceOf = (symbol: string) => sampleVariance(done.filter((row) => row.symbol === symbol).flatMap((row) => row.sharpes ?? []));
  const deflated = rows.map((row) => {
    const shape = row.bestShape ?? null;
    const sharpeVariance = varianceOf(row.symbol);
    const trials = trialsOf(row.symbol);
    if (row.status !== "done" || shape === null || sharpeVariance === null || trials < 1) {
      return null;
    }
    const factor = 1 - shape.skewness * shape.sharpe + ((shape.kurtosis - 1) / 4) * shape.sharpe ** 2;
    return factor > 0 && shape.observations >= 2 ? deflatedSharpeRatio({ ...shape, trials, sharpeVariance }) : null;
  });
  return { deflated, trialsBySymbol: [...new Set(done.map((row) => row.symbol))].map((symbol) => ({ symbol, trials: trialsOf(symbol) })) };
};
