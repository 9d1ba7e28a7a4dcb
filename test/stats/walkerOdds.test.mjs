// The walker's overfitting odds, cost stress test and annualised ratios on the real series,
// each checked against a computation in this file from the trades themselves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";

const { addExchange, addFrame, addStrategy, addWalker, Walker, setConfig, deflatedSharpeRatio, probabilityOfBacktestOverfitting } = lib;
const SYMBOL = "BTCUSDT";
const START = Date.parse("2023-03-13T00:00:00Z");
const END = Date.parse("2023-03-14T23:59:00Z");
const NAMES = ["odds-ema", "odds-breakout", "odds-limit", "odds-fails"];
const HOUR = 3_600_000;

let results;

before(async () => {
  addExchange(createSeriesExchange("odds-series"));
  addFrame({ frameName: "odds-frame", interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  addStrategy(createEmaCrossStrategy(NAMES[0]));
  addStrategy(createBreakoutStrategy(NAMES[1]));
  addStrategy(createScheduledLimitStrategy(NAMES[2]));
  addStrategy({ strategyName: NAMES[3], interval: "1h", getSignal: async () => { throw new Error("always fails"); } });
  addWalker({ walkerName: "odds-walker", exchangeName: "odds-series", frameName: "odds-frame", strategies: NAMES });
  for await (const _ of Walker.run(SYMBOL, { walkerName: "odds-walker" })) {
    // every strategy
  }
  results = await Walker.getData(SYMBOL, "odds-walker");
});

after(() => setConfig({ CC_ANNUALISE_MIN_DAYS: 30 }));

const moments = (values) => {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const central = (power) => values.reduce((a, v) => a + (v - mean) ** power, 0) / n;
  return { sharpe: mean / Math.sqrt(central(2)), skewness: central(3) / central(2) ** 1.5, kurtosis: central(4) / central(2) ** 2 };
};

test("the deflated Sharpe ratio of the pick counts every strategy tried, the failed one too", () => {
  const odds = results.overfitting;
  const best = results.strategyResults.find((result) => result.strategyName === results.bestStrategy);
  assert.equal(results.failedStrategies.length, 1);
  assert.equal(odds.strategyName, results.bestStrategy);
  assert.equal(odds.trials, 4);
  assert.equal(odds.observations, best.stats.totalSignals);
  const pick = moments(best.stats.signalList.map((trade) => trade.pnl.pnlPercentage));
  const sharpes = results.strategyResults.map((result) => result.stats.sharpeRatio).filter((value) => value !== null);
  const average = sharpes.reduce((a, b) => a + b, 0) / sharpes.length;
  const sharpeVariance = sharpes.reduce((a, v) => a + (v - average) ** 2, 0) / (sharpes.length - 1);
  assert.ok(Math.abs(odds.sharpe - pick.sharpe) < 1e-12 && Math.abs(odds.kurtosis - pick.kurtosis) < 1e-9);
  assert.ok(Math.abs(odds.sharpeVariance - sharpeVariance) < 1e-12);
  const expected = deflatedSharpeRatio({ ...pick, observations: best.stats.totalSignals, trials: 4, sharpeVariance });
  assert.ok(Math.abs(odds.deflatedSharpeRatio - expected) < 1e-9, `${odds.deflatedSharpeRatio} vs ${expected}`);
});

test("the PBO compares the strategies' PnL on an hourly grid of the frame", () => {
  const odds = results.overfitting;
  const periods = Math.ceil((END - START) / HOUR);
  assert.equal(odds.pboPeriods, periods); // 48 hourly periods: 16 blocks of 3
  assert.equal(odds.pboBlocks, 16);
  assert.equal(odds.pboStrategies, 3);
  const grid = results.strategyResults.map((result) => {
    const column = new Array(periods).fill(0);
    for (const trade of result.stats.signalList) column[Math.min(periods - 1, Math.floor((trade.closeTimestamp - START) / HOUR))] += trade.pnl.pnlPercentage;
    return column;
  });
  const matrix = grid[0].map((_, row) => grid.map((column) => column[row]));
  const expected = probabilityOfBacktestOverfitting(matrix, { blocks: 16 });
  assert.equal(odds.pbo, expected.pbo);
  assert.equal(odds.pboCombinations, 12_870);
});

test("the cost stress test re-prices every trade at 2x and 3x fees and slippage", () => {
  const stress = results.costStress;
  assert.equal(stress.pick, results.bestStrategy);
  assert.deepEqual(stress.scenarios.map((s) => [s.multiplier, s.feePercent, s.slippagePercent]), [[1, 0.1, 0.1], [2, 0.2, 0.2], [3, 0.3, 0.3]]);
  for (const result of results.strategyResults) {
    const row = stress.strategies.find((strategy) => strategy.strategyName === result.strategyName);
    assert.ok(Math.abs(row.totalPnl[0] - result.stats.totalPnl) < 1e-9, result.strategyName);
    assert.equal(row.metricValue[0], result.stats.sharpeRatio);
    const byHand = (multiple) =>
      result.stats.signalList.reduce((sum, trade) => {
        const slip = Number((0.1 * multiple).toPrecision(12)) / 100;
        const long = trade.signal.position === "long";
        const open = trade.pnl.priceOpen * (long ? 1 + slip : 1 - slip);
        const close = trade.pnl.priceClose * (long ? 1 - slip : 1 + slip);
        return sum + ((long ? close - open : open - close) / open) * 100 - 2 * Number((0.1 * multiple).toPrecision(12));
      }, 0);
    assert.ok(Math.abs(row.totalPnl[1] - byHand(2)) < 1e-9, `${result.strategyName} 2x`);
    assert.ok(Math.abs(row.totalPnl[2] - byHand(3)) < 1e-9, `${result.strategyName} 3x`);
  }
  assert.equal(stress.scenarios[0].bestStrategy, results.bestStrategy);
  stress.scenarios.forEach((scenario, column) => {
    const pickRow = stress.strategies.find((strategy) => strategy.strategyName === stress.pick);
    assert.equal(scenario.pickProfitable, pickRow.totalPnl[column] > 0);
    const bestMetric = Math.max(...stress.strategies.map((strategy) => strategy.metricValue[column] ?? -Infinity));
    assert.equal(scenario.pickStaysBest, pickRow.metricValue[column] === bestMetric);
  });
});

test("the walker report says what the odds mean and shows the cost stress table", async () => {
  const report = await Walker.getReport(SYMBOL, "odds-walker");
  const pboPercent = `${Math.round(results.overfitting.pbo * 100)}%`;
  assert.ok(report.includes("## Overfitting Odds"), report);
  assert.ok(report.includes(`the chance that picking the best of these 3 was overfitting: ${pboPercent}`), report);
  assert.ok(report.includes(`once all 4 strategies tried are allowed for: ${Math.round(results.overfitting.deflatedSharpeRatio * 100)}%`), report);
  assert.ok(report.includes("## Cost Stress Test"), report);
  assert.match(report, /\| 2x \| 0.2% \| 0.2% \|/);
  assert.doesNotMatch(report, /NaN|undefined|Infinity/);
});

test("annualised ratios are N/A on a frame shorter than CC_ANNUALISE_MIN_DAYS, and by the rule otherwise", async () => {
  for (const result of results.strategyResults) {
    assert.equal(result.stats.annualizedSharpeRatio, null);
    assert.equal(result.stats.annualizedSortinoRatio, null);
    assert.equal(result.stats.calmarRatio, null);
  }
  setConfig({ CC_ANNUALISE_MIN_DAYS: 1 });
  const stats = await lib.Backtest.getData(SYMBOL, NAMES[0]);
  const pnls = stats.signalList.map((trade) => trade.pnl.pnlPercentage);
  const years = (END + 60_000 - START) / 86_400_000 / 365;
  const perYear = Math.sqrt(pnls.length / years);
  const mean = pnls.reduce((a, b) => a + b, 0) / pnls.length;
  const downside = Math.sqrt(pnls.reduce((a, v) => a + Math.min(0, v) ** 2, 0) / pnls.length);
  assert.ok(Math.abs(stats.annualizedSharpeRatio - stats.sharpeRatio * perYear) < 1e-9);
  assert.ok(Math.abs(stats.annualizedSortinoRatio - (mean / downside) * perYear) < 1e-9);
  assert.ok(Math.abs(stats.calmarRatio - stats.totalPnl / years / stats.maxDrawdown) < 1e-9);
});

test("walk-forward odds count every window's strategies and put the windows on one grid", async () => {
  const days = [["2023-03-15T00:00:00Z", "2023-03-15T23:59:00Z"], ["2023-03-16T00:00:00Z", "2023-03-16T23:59:00Z"]];
  const walkerNames = days.map(([start, end], index) => {
    addFrame({ frameName: `odds-wf-${index}`, interval: "1m", startDate: new Date(start), endDate: new Date(end) });
    addWalker({ walkerName: `odds-wf-${index}`, exchangeName: "odds-series", frameName: `odds-wf-${index}`, strategies: NAMES.slice(0, 3) });
    return `odds-wf-${index}`;
  });
  for (const walkerName of walkerNames) {
    for await (const _ of Walker.run(SYMBOL, { walkerName })) {
      // each window
    }
  }
  const walkForward = await Walker.getWalkForward(SYMBOL, walkerNames);
  const odds = walkForward.overfitting;
  assert.equal(odds.strategyName, walkForward.bestStrategy);
  assert.equal(odds.trials, 6, "3 strategies in each of 2 windows");
  assert.equal(odds.pboStrategies, 3);
  assert.equal(odds.pboPeriods, 48, "24 hourly periods per window");
  const windows = await Promise.all(walkerNames.map((name) => Walker.getData(SYMBOL, name)));
  const pickTrades = windows.flatMap((window) => window.strategyResults.find((r) => r.strategyName === odds.strategyName).stats.signalList);
  assert.equal(odds.observations, pickTrades.length);
  const report = await Walker.getWalkForwardReport(SYMBOL, walkerNames);
  assert.ok(report.includes(`the chance that picking the best of these 3 was overfitting: ${Math.round(odds.pbo * 100)}%`), report);
});
