import { describeValue } from "../describeValue";
import { normalCdf, normalQuantile } from "./normal";

/** The Euler-Mascheroni constant. */
const EULER_MASCHERONI = 0.5772156649015329;

/** What probabilisticSharpeRatio takes: a Sharpe ratio per observation and its return's shape. */
export interface IProbabilisticSharpeInput {
  /** Sharpe ratio per observation (not annualised): mean / standard deviation of the returns. */
  sharpe: number;
  /** Returns the Sharpe ratio was measured on (n >= 2). */
  observations: number;
  /** Skewness of those returns (0 for a normal distribution). */
  skewness: number;
  /** Kurtosis of those returns, not excess: 3 for a normal distribution. */
  kurtosis: number;
  /** The Sharpe ratio to beat, per observation (default 0). */
  benchmark?: number;
}

/** What deflatedSharpeRatio takes: the pick's Sharpe ratio and how many were tried. */
export interface IDeflatedSharpeInput {
  sharpe: number;
  observations: number;
  skewness: number;
  kurtosis: number;
  /** Strategies tried, the pick among them (a whole number >= 1). */
  trials: number;
  /** Variance of the tried strategies' Sharpe ratios (per observation, as `sharpe`). */
  sharpeVariance: number;
}

const fail = (caller: string, field: string, problem: string, value: unknown): never => {
  throw new Error(`${caller}: ${field} ${problem}, got ${describeValue(value)}`);
};

const requireObject = (caller: string, input: unknown) => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    fail(caller, "input", "must be an object", input);
  }
};

const requireFinite = (caller: string, field: string, value: unknown) => {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    fail(caller, field, "must be a finite number", value);
  }
};

/** Checks the fields PSR and DSR share; returns the variance factor of the Sharpe estimate. */
const checkShape = (caller: string, input: IProbabilisticSharpeInput) => {
  requireObject(caller, input);
  requireFinite(caller, "sharpe", input.sharpe);
  if (!Number.isInteger(input.observations) || input.observations < 2) {
    fail(caller, "observations", "must be a whole number >= 2", input.observations);
  }
  requireFinite(caller, "skewness", input.skewness);
  requireFinite(caller, "kurtosis", input.kurtosis);
  if (input.kurtosis < 1) {
    fail(caller, "kurtosis", "must be >= 1 (kurtosis, not excess kurtosis: 3 for a normal distribution)", input.kurtosis);
  }
  const { sharpe, skewness, kurtosis } = input;
  const factor = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(factor > 0)) {
    fail(
      caller,
      "1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe^2",
      `must be > 0 (sharpe ${sharpe}, skewness ${skewness}, kurtosis ${kurtosis}: no valid variance of the Sharpe estimate)`,
      factor
    );
  }
  return factor;
};

const psr = (input: IProbabilisticSharpeInput, benchmark: number, factor: number) =>
  normalCdf(((input.sharpe - benchmark) * Math.sqrt(input.observations - 1)) / Math.sqrt(factor));

/**
 * The probabilistic Sharpe ratio (Bailey and Lopez de Prado, 2012): the probability that
 * the true Sharpe ratio is above `benchmark`, given the measured one, the number of
 * observations and the returns' skewness and kurtosis:
 * Phi((SR - benchmark) * sqrt(n - 1) / sqrt(1 - skewness * SR + (kurtosis - 1) / 4 * SR^2)).
 * SR is per observation and kurtosis is not excess (normal = 3). Bad input throws,
 * naming the field and its value.
 *
 * @example
 * probabilisticSharpeRatio({ sharpe: 0.1, observations: 250, skewness: 0, kurtosis: 3 }); // 0.9423...
 */
export function probabilisticSharpeRatio(input: IProbabilisticSharpeInput): number {
  const caller = "probabilisticSharpeRatio";
  const factor = checkShape(caller, input);
  const benchmark = input.benchmark ?? 0;
  requireFinite(caller, "benchmark", benchmark);
  return psr(input, benchmark, factor);
}

/**
 * The Sharpe ratio the best of `trials` strategies reaches by luck alone when their true
 * Sharpe ratios are all 0 (Bailey and Lopez de Prado, 2014): sqrt(sharpeVariance) *
 * ((1 - g) * Z(1 - 1/trials) + g * Z(1 - 1/(trials * e))); 0 for one trial (no choice made).
 */
export const expectedMaxSharpe = (trials: number, sharpeVariance: number): number =>
  trials === 1
    ? 0
    : Math.sqrt(sharpeVariance) *
      ((1 - EULER_MASCHERONI) * normalQuantile(1 - 1 / trials) + EULER_MASCHERONI * normalQuantile(1 - 1 / (trials * Math.E)));

/**
 * The deflated Sharpe ratio (Bailey and Lopez de Prado, 2014): the probabilistic Sharpe
 * ratio of the pick against SR0 = expectedMaxSharpe(trials, sharpeVariance), the Sharpe
 * ratio the best of `trials` would show by chance. Read it as the probability that the
 * pick's true Sharpe ratio is above 0 once the selection among `trials` is allowed for.
 * One trial means no selection: SR0 = 0 and the result is the PSR against 0. Bad input
 * throws, naming the field and its value.
 *
 * @example
 * // the paper's example: annual SR 2.5 over 5 years of daily returns, 100 trials, variance 0.5 a year
 * deflatedSharpeRatio({ sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10,
 *   trials: 100, sharpeVariance: 0.5 / 250 }); // 0.9004...
 */
export function deflatedSharpeRatio(input: IDeflatedSharpeInput): number {
  const caller = "deflatedSharpeRatio";
  const factor = checkShape(caller, input);
  if (!Number.isInteger(input.trials) || input.trials < 1) {
    fail(caller, "trials", "must be a whole number >= 1", input.trials);
  }
  requireFinite(caller, "sharpeVariance", input.sharpeVariance);
  if (input.sharpeVariance < 0) {
    fail(caller, "sharpeVariance", "must be >= 0", input.sharpeVariance);
  }
  return psr(input, expectedMaxSharpe(input.trials, input.sharpeVariance), factor);
}
