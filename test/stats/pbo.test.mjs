// The probability of backtest overfitting (CSCV): combinatorics by hand on tiny matrices,
// noise that is overfit by construction, an edge that is not, and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { probabilityOfBacktestOverfitting } from "../../build/index.mjs";
import { seededNormals } from "../helpers/random.mjs";

// Two blocks of two rows. Sharpe ratios (mean / sample sd), by hand:
//   A: block 0 [1, 3] -> 2 / sqrt(2) = 1.414; block 1 [2, 2.5] -> 2.25 / 0.3536 = 6.364
//   B: block 0 [1, 1.5] -> 1.25 / 0.3536 = 3.536; block 1 [-1, 1] -> 0 / 1.414 = 0
// In-sample block 0: B is best, out of sample (block 1) it ranks 1 of 2: w = 1/3, logit ln(1/2).
// In-sample block 1: A is best, out of sample (block 0) it ranks 1 of 2: w = 1/3, logit ln(1/2).
const A = [1, 3, 2, 2.5];
const B = [1, 1.5, -1, 1];
const columns = (...cols) => cols[0].map((_, row) => cols.map((col) => col[row]));

test("two strategies, two blocks: both splits pick the loser out of sample (PBO 1)", () => {
  const result = probabilityOfBacktestOverfitting(columns(A, B), { blocks: 2 });
  assert.equal(result.combinations, 2);
  assert.equal(result.logits.length, 2);
  result.logits.forEach((logit) => assert.ok(Math.abs(logit - Math.log(1 / 2)) < 1e-12, `${result.logits}`));
  assert.equal(result.pbo, 1);
});

test("rows past the last whole block are left out (T - T mod blocks)", () => {
  const matrix = [...columns(A, B), [100, -100]];
  assert.deepEqual(probabilityOfBacktestOverfitting(matrix, { blocks: 2 }), probabilityOfBacktestOverfitting(columns(A, B), { blocks: 2 }));
});

test("ties: the first strategy wins in sample, equal ones share their rank out of sample", () => {
  // B and its copy tie in sample on block 0: B (the first) is picked; out of sample B and
  // the copy both score 0 below A: ranks 1 and 2 averaged to 1.5, w = 1.5 / 4, logit ln(0.6).
  // In sample on block 1 A wins, and ranks 1 of 3 on block 0: w = 1/4, logit ln(1/3).
  const result = probabilityOfBacktestOverfitting(columns(A, B, B.slice()), { blocks: 2 });
  assert.equal(result.combinations, 2);
  assert.ok(Math.abs(result.logits[0] - Math.log(0.6)) < 1e-12, `${result.logits}`);
  assert.ok(Math.abs(result.logits[1] - Math.log(1 / 3)) < 1e-12, `${result.logits}`);
  assert.equal(result.pbo, 1);
});

test("a strategy that is best in every block: PBO 0, logit ln(N) in all C(4, 2) = 6 splits", () => {
  const steady = [2, 2.1, 2, 2.1, 2, 2.1, 2, 2.1];
  const weaker = steady.map((value) => value - 1);
  const weakest = steady.map((value) => value - 2.5);
  const result = probabilityOfBacktestOverfitting(columns(weaker, steady, weakest), { blocks: 4 });
  assert.equal(result.combinations, 6);
  // the same sd everywhere, so the highest mean wins: rank 3 of 3, w = 3/4, logit ln 3
  result.logits.forEach((logit) => assert.ok(Math.abs(logit - Math.log(3)) < 1e-12, `${result.logits}`));
  assert.equal(result.pbo, 0);
});

test("the default is 16 blocks: C(16, 8) = 12,870 splits", () => {
  const rows = Array.from({ length: 64 }, (_, row) => [Math.sin(row), Math.cos(row * 1.3), Math.sin(row * 0.7 + 1)]);
  const result = probabilityOfBacktestOverfitting(rows);
  assert.equal(result.combinations, 12_870);
  assert.equal(result.logits.length, 12_870);
  assert.equal(result.pbo, result.logits.filter((logit) => logit <= 0).length / 12_870);
});

const noiseMatrix = (seed, rows, strategies) => {
  const draw = seededNormals(seed);
  return Array.from({ length: rows }, () => Array.from({ length: strategies }, draw));
};

test("strategies of pure noise are overfit: PBO near 0.5 on average over 20 seeds", () => {
  const pbos = Array.from({ length: 20 }, (_, seed) => probabilityOfBacktestOverfitting(noiseMatrix(seed + 1, 800, 10), { blocks: 8 }).pbo);
  const average = pbos.reduce((sum, value) => sum + value, 0) / pbos.length;
  assert.ok(average > 0.35 && average < 0.8, `average PBO of noise ${average} (${pbos.map((p) => p.toFixed(2))})`);
});

test("one strategy with a real edge among noise is not overfit: PBO near 0", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const matrix = noiseMatrix(seed, 2000, 10).map((row) => row.map((value, column) => (column === 6 ? value + 0.25 : value)));
    const { pbo } = probabilityOfBacktestOverfitting(matrix);
    assert.ok(pbo < 0.02, `seed ${seed}: PBO ${pbo}`);
  }
});

test("bad input throws, naming the field and the value", () => {
  const good = columns(A, B);
  const cases = [
    [() => probabilityOfBacktestOverfitting([]), /probabilityOfBacktestOverfitting: matrix must be a non-empty array of rows.*got \[\]/],
    [() => probabilityOfBacktestOverfitting("rows"), /matrix must be a non-empty array of rows.*got "rows"/],
    [() => probabilityOfBacktestOverfitting([[1], [2], [3], [4]]), /matrix\[0\] must be an array of at least 2 strategies' returns, got \[1\]/],
    [() => probabilityOfBacktestOverfitting([[1, 2], [3, 4], [5], [6, 7]], { blocks: 2 }), /matrix\[2\] must be an array of 2 returns like matrix\[0\], got \[5\]/],
    [() => probabilityOfBacktestOverfitting([[1, 2], [3, NaN], [5, 6], [6, 7]], { blocks: 2 }), /matrix\[1\]\[1\] must be a finite number, got NaN/],
    [() => probabilityOfBacktestOverfitting(good, { blocks: 3 }), /options.blocks must be an even whole number >= 2, got 3/],
    [() => probabilityOfBacktestOverfitting(good, { blocks: 0 }), /options.blocks must be an even whole number >= 2, got 0/],
    [() => probabilityOfBacktestOverfitting(good, { blocks: 22 }), /options.blocks must be at most 20 .*got 22/],
    [() => probabilityOfBacktestOverfitting(good, { blocks: 6 }), /matrix.length must be at least 6 rows for 6 blocks \(2 rows in each half\), got 4$/],
    [() => probabilityOfBacktestOverfitting(good.slice(0, 3), { blocks: 2 }), /matrix.length must be at least 4 rows for 2 blocks \(2 rows in each half\), got 3$/],
    [() => probabilityOfBacktestOverfitting(good, null), /options must be an object, got null/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, message);
  }
});
