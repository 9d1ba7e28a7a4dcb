// The probabilistic and deflated Sharpe ratios against the published example and an
// independent computation: Phi by Simpson integration of the normal density and its
// quantile by bisection on that integral (no code shared with the library).
import { test } from "node:test";
import assert from "node:assert/strict";
import { probabilisticSharpeRatio, deflatedSharpeRatio } from "../../build/index.mjs";

const density = (x) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Phi(z) = 1/2 + integral of the density from 0 to z, Simpson's rule on 20,000 intervals. */
const phiByIntegration = (z) => {
  const steps = 20_000;
  const h = z / steps;
  let total = density(0) + density(z);
  for (let i = 1; i < steps; i++) total += (i % 2 === 0 ? 2 : 4) * density(i * h);
  return 0.5 + (total * h) / 3;
};

/** The lower tail Phi(-a) for large a, integrated over [a, a + 40] (the rest is below 1e-300). */
const lowerTailByIntegration = (a) => {
  const steps = 200_000;
  const h = 40 / steps;
  let total = density(a) + density(a + 40);
  for (let i = 1; i < steps; i++) total += (i % 2 === 0 ? 2 : 4) * density(a + i * h);
  return (total * h) / 3;
};

/** Z(p) by bisection on phiByIntegration. */
const quantileByBisection = (p) => {
  let low = -10;
  let high = 10;
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2;
    if (phiByIntegration(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
};

const GAMMA = 0.5772156649015329;

/** The PSR straight from its formula, with the integrated Phi. */
const psrByHand = ({ sharpe, observations, skewness, kurtosis }, benchmark) =>
  phiByIntegration(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe ** 2));

const sr0ByHand = (trials, variance) =>
  Math.sqrt(variance) * ((1 - GAMMA) * quantileByBisection(1 - 1 / trials) + GAMMA * quantileByBisection(1 - 1 / (trials * Math.E)));

test("the deflated Sharpe ratio of Bailey and Lopez de Prado (2014)'s numerical example is 0.9004", () => {
  // Annual SR 2.5 over 5 years of daily returns (1250), 100 trials whose annual Sharpe
  // ratios vary by 0.5, skewness -3, kurtosis 10: the paper finds SR0 = 0.1132 a day and DSR 0.9004.
  const input = { sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10, trials: 100, sharpeVariance: 0.5 / 250 };
  const dsr = deflatedSharpeRatio(input);
  assert.ok(Math.abs(dsr - 0.9004) < 5e-5, `DSR ${dsr}`);
  const sr0 = sr0ByHand(100, 0.5 / 250);
  assert.ok(Math.abs(sr0 - 0.1132) < 5e-5, `SR0 by hand ${sr0}`);
  assert.ok(Math.abs(dsr - psrByHand(input, sr0)) < 1e-9, `DSR ${dsr} vs by hand ${psrByHand(input, sr0)}`);
  assert.ok(Math.abs(dsr - probabilisticSharpeRatio({ ...input, benchmark: sr0 })) < 1e-9);
});

test("the PSR matches its formula with an integrated Phi, across the whole range", () => {
  const cases = [];
  for (const sharpe of [-0.5, -0.1, -0.01, 0, 0.02, 0.1, 0.3, 1]) {
    for (const observations of [2, 10, 250, 5000]) {
      for (const [skewness, kurtosis] of [[0, 3], [-1.5, 8], [0.7, 4.2]]) {
        cases.push({ sharpe, observations, skewness, kurtosis });
      }
    }
  }
  for (const input of cases) {
    for (const benchmark of [0, 0.05]) {
      const factor = 1 - input.skewness * input.sharpe + ((input.kurtosis - 1) / 4) * input.sharpe ** 2;
      if (factor <= 0) continue;
      const ours = probabilisticSharpeRatio({ ...input, benchmark });
      const z = ((input.sharpe - benchmark) * Math.sqrt(input.observations - 1)) / Math.sqrt(factor);
      const expected = Math.abs(z) > 8 ? (z > 0 ? 1 - lowerTailByIntegration(z) : lowerTailByIntegration(-z)) : psrByHand(input, benchmark);
      assert.ok(Math.abs(ours - expected) < 1e-12, `${JSON.stringify({ ...input, benchmark })}: ${ours} vs ${expected}`);
    }
  }
});

test("the PSR's far tail keeps its relative accuracy (Phi(-z) to 1e-10 relative up to z = 30)", () => {
  for (const z of [3, 5, 7, 7.5, 8.5, 12, 20, 30]) {
    // with n = 2, skewness 0 and kurtosis 1 the statistic is the Sharpe ratio itself
    const ours = probabilisticSharpeRatio({ sharpe: -z, observations: 2, skewness: 0, kurtosis: 1 });
    const expected = lowerTailByIntegration(z);
    assert.ok(Math.abs(ours / expected - 1) < 1e-10, `z ${z}: ${ours} vs ${expected}`);
  }
});

test("the deflated Sharpe ratio matches SR0 from a bisected quantile for 2 to a million trials", () => {
  const pick = { sharpe: 0.2, observations: 300, skewness: -0.4, kurtosis: 5 };
  for (const trials of [2, 3, 10, 1000, 1_000_000]) {
    for (const sharpeVariance of [0, 0.001, 0.04]) {
      const ours = deflatedSharpeRatio({ ...pick, trials, sharpeVariance });
      const expected = psrByHand(pick, sr0ByHand(trials, sharpeVariance));
      assert.ok(Math.abs(ours - expected) < 1e-10, `trials ${trials} variance ${sharpeVariance}: ${ours} vs ${expected}`);
    }
  }
});

test("more trials deflate more; one trial is no selection (the PSR against 0)", () => {
  const pick = { sharpe: 0.15, observations: 200, skewness: 0, kurtosis: 3, sharpeVariance: 0.01 };
  const values = [1, 2, 5, 20, 100].map((trials) => deflatedSharpeRatio({ ...pick, trials }));
  values.slice(1).forEach((value, index) => assert.ok(value < values[index], `${values}`));
  assert.equal(values[0], probabilisticSharpeRatio({ sharpe: 0.15, observations: 200, skewness: 0, kurtosis: 3 }));
});

test("bad input throws, naming the field and the value", () => {
  const good = { sharpe: 0.1, observations: 100, skewness: 0, kurtosis: 3 };
  const psrCases = [
    [null, /probabilisticSharpeRatio: input must be an object, got null/],
    [{ ...good, sharpe: NaN }, /sharpe must be a finite number, got NaN/],
    [{ ...good, observations: 1 }, /observations must be a whole number >= 2, got 1$/],
    [{ ...good, observations: 10.5 }, /observations must be a whole number >= 2, got 10.5/],
    [{ ...good, skewness: "0" }, /skewness must be a finite number, got "0"/],
    [{ ...good, kurtosis: 0.5 }, /kurtosis must be >= 1 \(kurtosis, not excess kurtosis.*got 0.5/],
    [{ ...good, benchmark: Infinity }, /benchmark must be a finite number, got Infinity/],
    [{ ...good, sharpe: 2, skewness: 3 }, /1 - skewness \* sharpe \+ \(kurtosis - 1\) \/ 4 \* sharpe\^2 must be > 0.*got -3/],
  ];
  for (const [input, message] of psrCases) {
    assert.throws(() => probabilisticSharpeRatio(input), message);
  }
  const dsrGood = { ...good, trials: 10, sharpeVariance: 0.01 };
  assert.throws(() => deflatedSharpeRatio({ ...dsrGood, trials: 0 }), /deflatedSharpeRatio: trials must be a whole number >= 1, got 0/);
  assert.throws(() => deflatedSharpeRatio({ ...dsrGood, trials: 2.5 }), /trials must be a whole number >= 1, got 2.5/);
  assert.throws(() => deflatedSharpeRatio({ ...dsrGood, sharpeVariance: -1 }), /sharpeVariance must be >= 0, got -1/);
  assert.throws(() => deflatedSharpeRatio({ ...dsrGood, sharpeVariance: undefined }), /sharpeVariance must be a finite number, got undefined/);
  assert.throws(() => deflatedSharpeRatio({ ...dsrGood, observations: 0 }), /deflatedSharpeRatio: observations must be/);
});
