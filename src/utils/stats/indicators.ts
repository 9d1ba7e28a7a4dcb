/** Arithmetic mean; NaN for no values. */
export const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Population standard deviation; NaN for no values. */
export const standardDeviation = (values: number[]) => {
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
};

/** Natural-log returns between consecutive values (one fewer than the values). */
export const logReturns = (values: number[]) =>
  values.slice(1).map((value, index) => Math.log(value / values[index]));

/**
 * The last value of the exponential moving average of `period` (smoothing 2 / (period + 1)),
 * seeded with the simple average of the first `period` values; NaN with fewer values.
 */
export const lastEma = (values: number[], period: number) => {
  if (values.length < period) {
    return NaN;
  }
  const k = 2 / (period + 1);
  let ema = mean(values.slice(0, period));
  for (let i = period; i < values.length; i++) {
    ema = values[i] * k + ema * (1 - k);
  }
  return ema;
};
