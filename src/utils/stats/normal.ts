/**
 * The standard normal distribution, written here so the statistics need no dependency.
 *
 * normalCdf: Hart's double-precision rational approximation (1968, algorithm 5666, as
 * published by G. West, "Better approximations to cumulative normal functions", 2005)
 * for |x| < 5, and from there the tail's continued fraction with 20 terms; absolute error
 * below 1e-14 everywhere and relative error of the lower tail below 1e-10 down to x = -37
 * (past it the result is 0 or 1, as in double precision).
 *
 * normalQuantile: P. J. Acklam's rational approximation (relative error 1.15e-9) followed
 * by one Halley step on normalCdf, which brings it close to normalCdf's own accuracy;
 * test/stats/sharpeRatioTests.test.mjs checks both, through the PSR and the DSR, against
 * Simpson integration of the density and a quantile found by bisection on it.
 */

const SQRT_2PI = 2.5066282746310002;

/** Standard normal density. */
export const normalPdf = (x: number): number => Math.exp(-0.5 * x * x) / SQRT_2PI;

const HART_NUMERATOR = [
  0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931,
  220.206867912376,
];
const HART_DENOMINATOR = [
  0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831,
  793.826512519948, 440.413735824752,
];

/** Where the tail switches to its continued fraction x + 1/(x + 2/(x + 3/(...))), and its terms. */
const TAIL_FRACTION_FROM = 5;
const TAIL_FRACTION_TERMS = 20;

/** Horner's rule: coefficients from the highest power down. */
const polynomial = (coefficients: number[], x: number) => coefficients.reduce((total, coefficient) => total * x + coefficient, 0);

/** The lower tail P(Z <= -|x|). */
const lowerTail = (absolute: number): number => {
  if (absolute > 37) {
    return 0;
  }
  const density = Math.exp(-0.5 * absolute * absolute);
  if (absolute < TAIL_FRACTION_FROM) {
    return (density * polynomial(HART_NUMERATOR, absolute)) / polynomial(HART_DENOMINATOR, absolute);
  }
  let fraction = absolute;
  for (let term = TAIL_FRACTION_TERMS; term >= 1; term--) {
    fraction = absolute + term / fraction;
  }
  return density / fraction / SQRT_2PI;
};

/** Standard normal cumulative distribution Phi(x) = P(Z <= x); NaN for NaN. */
export const normalCdf = (x: number): number => {
  if (Number.isNaN(x)) {
    return NaN;
  }
  const tail = lowerTail(Math.abs(x));
  return x > 0 ? 1 - tail : tail;
};

const ACKLAM_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572, 1];
const ACKLAM_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416, 1];
const ACKLAM_LOW = 0.02425;

/** Acklam's first approximation of the quantile (relative error 1.15e-9). */
const acklam = (p: number): number => {
  if (p < ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return polynomial(ACKLAM_C, q) / polynomial(ACKLAM_D, q);
  }
  if (p > 1 - ACKLAM_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -polynomial(ACKLAM_C, q) / polynomial(ACKLAM_D, q);
  }
  const q = p - 0.5;
  const r = q * q;
  return (polynomial(ACKLAM_A, r) * q) / polynomial(ACKLAM_B, r);
};

/**
 * The standard normal quantile Z(p), the x with Phi(x) = p: -Infinity at 0, Infinity at
 * 1, NaN outside [0, 1].
 */
export const normalQuantile = (p: number): number => {
  if (!(p >= 0 && p <= 1)) {
    return NaN;
  }
  if (p === 0) {
    return -Infinity;
  }
  if (p === 1) {
    return Infinity;
  }
  const x = acklam(p);
  const error = x > 0 ? 1 - p - lowerTail(x) : normalCdf(x) - p;
  const step = error / normalPdf(x);
  return x - step / (1 + (x * step) / 2);
};
