// A walker comparing the three deterministic strategies on the real BTCUSDT 1m series.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addExchange,
  addFrame,
  addStrategy,
  addWalker,
  Walker,
  Backtest,
  listenWalker,
  listenWalkerProgress,
  listenWalkerComplete,
  listenDoneWalker,
  listenError,
} from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "e2e-walker-series";
const FRAME = "e2e-walker-0310-0313";
const WALKER = "e2e-walker-three";
const STRATEGIES = ["e2e-walker-ema-cross", "e2e-walker-breakout", "e2e-walker-scheduled-limit"];

const contracts = [];
const progress = [];
const completes = [];
const doneWalker = [];
const errors = [];
const walkerCallbacks = { starts: [], completes: [], complete: [] };
const yielded = [];

before(async () => {
  listenWalker((event) => contracts.push(event));
  listenWalkerProgress((event) => progress.push(event));
  listenWalkerComplete((event) => completes.push(event));
  listenDoneWalker((event) => doneWalker.push(event));
  listenError((error) => errors.push(error));

  addExchange(createSeriesExchange(EXCHANGE));
  addFrame({
    frameName: FRAME,
    interval: "1m",
    startDate: new Date("2023-03-10T00:00:00Z"),
    endDate: new Date("2023-03-13T00:00:00Z"),
  });
  addStrategy(createEmaCrossStrategy(STRATEGIES[0]));
  addStrategy(createBreakoutStrategy(STRATEGIES[1]));
  addStrategy(createScheduledLimitStrategy(STRATEGIES[2]));
  addWalker({
    walkerName: WALKER,
    exchangeName: EXCHANGE,
    frameName: FRAME,
    strategies: STRATEGIES,
    callbacks: {
      onStrategyStart: (strategyName, symbol) => walkerCallbacks.starts.push([strategyName, symbol]),
      onStrategyComplete: (strategyName, symbol) => walkerCallbacks.completes.push([strategyName, symbol]),
      onComplete: (results) => walkerCallbacks.complete.push(results),
    },
  });
  for await (const contract of Walker.run(SYMBOL, { walkerName: WALKER })) yielded.push(contract);
  // let any listener scheduled right after the last yield run
  await new Promise((resolve) => setImmediate(resolve));
});

/** The best strategy by sharpeRatio, computed from each strategy's Backtest.getData. */
const bestBySharpe = async () => {
  let best = null;
  let bestValue = null;
  for (const name of STRATEGIES) {
    const { sharpeRatio } = await Backtest.getData(SYMBOL, name);
    if (sharpeRatio === null || sharpeRatio === undefined) continue;
    if (bestValue === null || sharpeRatio > bestValue) {
      best = name;
      bestValue = sharpeRatio;
    }
  }
  return { best, bestValue };
};

test("the walker tests every strategy: one contract and one progress event each, in order", () => {
  assert.deepEqual(errors, []);
  assert.deepEqual(yielded.map((c) => c.strategyName), STRATEGIES);
  assert.deepEqual(contracts.map((c) => c.strategyName), STRATEGIES);
  assert.equal(progress.length, 3);
  assert.deepEqual(progress.map((p) => p.processedStrategies), [1, 2, 3]);
  assert.ok(progress.every((p) => p.totalStrategies === 3 && p.walkerName === WALKER && p.symbol === SYMBOL));
  assert.equal(progress.at(-1).progress, 1);
  assert.deepEqual(yielded.map((c) => c.strategiesTested), [1, 2, 3]);
  assert.ok(yielded.every((c) => c.totalStrategies === 3 && c.metric === "sharpeRatio" && c.frameName === FRAME));
  assert.deepEqual(walkerCallbacks.starts, STRATEGIES.map((name) => [name, SYMBOL]));
  assert.deepEqual(walkerCallbacks.completes, STRATEGIES.map((name) => [name, SYMBOL]));
  assert.equal(walkerCallbacks.complete.length, 1);
});

test("each contract's metricValue is the sharpeRatio of that strategy's backtest", async () => {
  for (const contract of yielded) {
    const stats = await Backtest.getData(SYMBOL, contract.strategyName);
    assert.ok(stats.totalSignals > 0, `${contract.strategyName} traded`);
    assert.equal(contract.metricValue, stats.sharpeRatio);
    assert.equal(contract.stats.totalSignals, stats.totalSignals);
  }
});

test("the best strategy is the one with the highest sharpeRatio", async () => {
  const { best, bestValue } = await bestBySharpe();
  assert.ok(best, "at least one strategy has a sharpeRatio");
  const data = await Walker.getData(SYMBOL, WALKER);
  assert.equal(data.bestStrategy, best);
  assert.equal(data.bestMetric, bestValue);
  assert.equal(data.metric, "sharpeRatio");
  assert.equal(data.totalStrategies, 3);
  assert.deepEqual(data.strategyResults.map((r) => r.strategyName).sort(), [...STRATEGIES].sort());
  assert.deepEqual(data.failedStrategies, []);
  assert.equal(yielded.at(-1).bestStrategy, best);
  assert.equal(yielded.at(-1).bestMetric, bestValue);
});

test("listenWalkerComplete fires once with the walker's results", async () => {
  const { best } = await bestBySharpe();
  assert.equal(completes.length, 1);
  assert.equal(completes[0].bestStrategy, best);
  assert.equal(completes[0].walkerName, WALKER);
  assert.equal(doneWalker.length, 1);
});

test("getReport names the best strategy", async () => {
  const { best } = await bestBySharpe();
  const report = await Walker.getReport(SYMBOL, WALKER);
  assert.ok(report.includes("Walker Comparison Report"));
  assert.ok(report.includes(`# Walker Comparison Report: ${WALKER}`));
  assert.ok(report.includes(`Best Strategy: ${best}`));
  for (const name of STRATEGIES) assert.ok(report.includes(name), `report lists ${name}`);
});

test("Walker.dump writes the report into the given directory", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "backtest-kit-walker-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = await Walker.dump(SYMBOL, WALKER, dir);
  assert.equal(path, join(dir, `${WALKER}.md`));
  assert.deepEqual(await readdir(dir), [`${WALKER}.md`]);
  const text = await readFile(path, "utf8");
  assert.ok(text.includes("Walker Comparison Report"));
  assert.ok(text.includes("Best Strategy"));
  assert.equal(text, await Walker.getReport(SYMBOL, WALKER));
});
