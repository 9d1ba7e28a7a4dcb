// Max drawdown, profit factor, expectancy, exposure and average hold: fields of the one
// statistics computation, checked against a hand computation over the trades.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, Backtest } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy } from "../helpers/strategies.mjs";

const SYMBOL = "BTCUSDT";
const START = Date.parse("2023-03-13T00:00:00Z");
const END = Date.parse("2023-03-14T23:59:00Z");
const MINUTE = 60_000;

before(() => {
  addExchange(createSeriesExchange("metrics-series"));
  addFrame({ frameName: "metrics-0313-0314", interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  addStrategy(createEmaCrossStrategy("metrics-ema"));
  addStrategy({ strategyName: "metrics-never", interval: "1h", getSignal: async () => null });
});

/** The figures by hand, from the closed trades in close order. */
const byHand = (trades) => {
  const pnls = trades.map((trade) => trade.pnl.pnlPercentage);
  let equity = 0;
  let peak = 0;
  let maxDrawdown = 0;
  for (const pnl of pnls) {
    equity += pnl;
    peak = Math.max(peak, equity);
    maxDrawdown = Math.max(maxDrawdown, peak - equity);
  }
  const wins = pnls.filter((pnl) => pnl > 0);
  const losses = pnls.filter((pnl) => pnl < 0);
  const total = (list) => list.reduce((sum, value) => sum + value, 0);
  const avgPnl = total(pnls) / pnls.length;
  const avgLoss = Math.abs(total(losses) / losses.length);
  const frameEnd = END + MINUTE;
  const held = total(trades.map((t) => Math.min(t.closeTimestamp, frameEnd) - Math.max(t.signal.pendingAt, START)));
  return {
    maxDrawdown,
    profitFactor: total(wins) / Math.abs(total(losses)),
    expectancy: avgPnl / avgLoss,
    exposure: (held / (frameEnd - START)) * 100,
    avgHoldMinutes: total(trades.map((t) => t.closeTimestamp - t.signal.pendingAt)) / trades.length / MINUTE,
  };
};

const close = (actual, expected, label) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${label}: ${actual} vs ${expected}`);

test("getData's trade metrics match a hand computation over the real series", async () => {
  const trades = [];
  for await (const trade of Backtest.run(SYMBOL, { strategyName: "metrics-ema", exchangeName: "metrics-series", frameName: "metrics-0313-0314" })) {
    trades.push(trade);
  }
  const stats = await Backtest.getData(SYMBOL, "metrics-ema");
  assert.ok(trades.length > 5 && stats.lossCount > 0 && stats.winCount > 0, `${trades.length} trades`);
  const hand = byHand(trades);
  for (const field of Object.keys(hand)) {
    close(stats[field], hand[field], field);
  }
  assert.ok(stats.maxDrawdown > 0 && stats.exposure > 0 && stats.exposure < 100);
  const report = await Backtest.getReport(SYMBOL, "metrics-ema");
  assert.match(report, new RegExp(`\\*\\*Max Drawdown:\\*\\* -${hand.maxDrawdown.toFixed(2)}%`));
  assert.match(report, new RegExp(`\\*\\*Profit Factor:\\*\\* ${hand.profitFactor.toFixed(3)}`));
  assert.match(report, new RegExp(`\\*\\*Exposure:\\*\\* ${hand.exposure.toFixed(2)}%`));
});

test("with no trades the metrics are null, and exposure is 0% of the frame", async () => {
  for await (const _ of Backtest.run(SYMBOL, { strategyName: "metrics-never", exchangeName: "metrics-series", frameName: "metrics-0313-0314" }));
  const stats = await Backtest.getData(SYMBOL, "metrics-never");
  assert.deepEqual(
    [stats.maxDrawdown, stats.profitFactor, stats.expectancy, stats.avgHoldMinutes, stats.exposure],
    [null, null, null, null, 0]
  );
});
