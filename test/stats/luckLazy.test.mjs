// The luck test runs when its result is first read (a report, getData, a walker step's
// stats.luck), not after every backtest; what it reports is what an eager computation
// of the same trades on the same candles gives.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import {
  addExchange, addFrame, addStrategy, addWalker, Backtest, Walker, listenWarning, runLuckTest,
} from "../../build/index.mjs";
import { createSeriesExchange, loadSeries, MINUTE } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy } from "../helpers/strategies.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "lazyluck-series";
// Crowded enough that some simulations cannot place every trade: computing the luck test
// says "luck-incomplete", so whether it ran is seen through listenWarning.
const START = Date.parse("2023-03-10T00:00:00Z");
const END = Date.parse("2023-03-13T23:59:00Z");
const FRAME = "lazyluck-0310-0313";

/** Every "luck-incomplete" warning said from now on, by strategy; stops with the test. */
const watchLuckWarnings = (t) => {
  const warnings = [];
  const stop = listenWarning((warning) => warning.kind === "luck-incomplete" && warnings.push(warning.details.strategyName));
  t.after(stop);
  return warnings;
};

const runBacktest = async (strategyName) => {
  for await (const _ of Backtest.run(SYMBOL, { strategyName, exchangeName: EXCHANGE, frameName: FRAME }));
};

before(() => {
  addExchange(createSeriesExchange(EXCHANGE));
  addFrame({ frameName: FRAME, interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  addStrategy(createEmaCrossStrategy("lazyluck-ema"));
  addStrategy(createEmaCrossStrategy("lazyluck-ema-walker"));
  addStrategy(createBreakoutStrategy("lazyluck-breakout-walker"));
  addWalker({
    walkerName: "lazyluck-walker",
    exchangeName: EXCHANGE,
    frameName: FRAME,
    strategies: ["lazyluck-ema-walker", "lazyluck-breakout-walker"],
  });
});

test("a default backtest reports the luck figures an eager runLuckTest gives on its trades", async () => {
  await runBacktest("lazyluck-ema");
  const stats = await Backtest.getData(SYMBOL, "lazyluck-ema");
  assert.ok(stats.totalSignals >= 10, "the strategy trades enough for the test");
  const eager = runLuckTest({
    trades: stats.signalList,
    candles: loadSeries(),
    startTimestamp: START,
    tickCount: (END - START) / MINUTE + 1,
  });
  assert.equal(eager.simulations, 1000, "the default number of simulations");
  assert.deepEqual(stats.luck, eager);
  assert.deepEqual(JSON.parse(JSON.stringify(stats)).luck, eager, "the luck test is written out with the statistics");
  assert.deepEqual(Object.keys(stats).slice(-3), ["buyAndHold", "luck", "promptMode"], "in its place, so written files stay byte-identical");
  const report = await Backtest.getReport(SYMBOL, "lazyluck-ema");
  assert.ok(report.includes(`better than ${eager.percentile.toFixed(1)}% of 1000 random-entry simulations`), "the report shows them");
});

test("a walker whose luck figures nobody reads runs no luck simulation; reading them runs each once", async (t) => {
  const warnings = watchLuckWarnings(t);
  const steps = [];
  for await (const step of Walker.run(SYMBOL, { walkerName: "lazyluck-walker" })) {
    steps.push(step);
  }
  await nextTurn();
  assert.deepEqual(warnings, [], "no simulation ran, so none could run out of frame");
  const lucks = steps.map((step) => step.stats.luck);
  await nextTurn();
  assert.ok(lucks.every((luck) => luck.incompleteSimulations > 0), "this frame is crowded for both strategies");
  assert.deepEqual(warnings, ["lazyluck-ema-walker", "lazyluck-breakout-walker"], "each luck test ran once when read");
  const results = await Walker.getData(SYMBOL, "lazyluck-walker");
  assert.deepEqual(results.strategyResults.map((result) => result.stats.luck), lucks, "later reads give the same figures");
  await Walker.getReport(SYMBOL, "lazyluck-walker");
  await nextTurn();
  assert.equal(warnings.length, 2, "and run no simulation again");
});

test("a backtest's luck test runs when getData asks, with its warning said before getData answers", async (t) => {
  const warnings = watchLuckWarnings(t);
  await runBacktest("lazyluck-ema");
  await nextTurn();
  assert.deepEqual(warnings, [], "the run itself computed no luck test");
  const { luck } = await Backtest.getData(SYMBOL, "lazyluck-ema");
  assert.ok(luck.incompleteSimulations > 0);
  assert.deepEqual(warnings, ["lazyluck-ema"]);
  await Backtest.getReport(SYMBOL, "lazyluck-ema");
  await nextTurn();
  assert.deepEqual(warnings, ["lazyluck-ema"], "computed once per run");
});
