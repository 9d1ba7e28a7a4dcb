// Buy-and-hold over a backtest's frame: a field of the statistics and a row of the walker report.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, addWalker, Backtest, Walker, setConfig } from "../../build/index.mjs";
import { createSeriesExchange, loadSeries } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy } from "../helpers/strategies.mjs";

const SYMBOL = "BTCUSDT";
const START = Date.parse("2023-03-19T00:00:00Z");
const END = Date.parse("2023-03-19T23:59:00Z");

/** By hand: buy at the open of 00:00, sell at the close of 23:59, 0.1% slippage and 0.1% fee per leg. */
const handBuyAndHold = (fee = 0.1, slippage = 0.1) => {
  const series = loadSeries();
  const open = series.find((c) => c.timestamp === START).open;
  const close = series.find((c) => c.timestamp === END).close;
  const bought = open * (1 + slippage / 100);
  const sold = close * (1 - slippage / 100);
  return { open, close, pnl: ((sold - bought) / bought) * 100 - 2 * fee };
};

before(() => {
  addExchange(createSeriesExchange("bh-series"));
  addFrame({ frameName: "bh-0319", interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  addStrategy(createEmaCrossStrategy("bh-ema"));
  addStrategy(createBreakoutStrategy("bh-breakout"));
  addWalker({ walkerName: "bh-walker", exchangeName: "bh-series", frameName: "bh-0319", strategies: ["bh-ema", "bh-breakout"] });
});

test("getData.buyAndHold is a long from the frame's first open to its last close, with the engine's fees", async () => {
  for await (const _ of Backtest.run(SYMBOL, { strategyName: "bh-ema", exchangeName: "bh-series", frameName: "bh-0319" }));
  const { buyAndHold } = await Backtest.getData(SYMBOL, "bh-ema");
  const hand = handBuyAndHold();
  assert.equal(buyAndHold.priceOpen, hand.open);
  assert.equal(buyAndHold.priceClose, hand.close);
  assert.equal(buyAndHold.openTimestamp, START);
  assert.equal(buyAndHold.closeTimestamp, END + 60_000);
  assert.ok(Math.abs(buyAndHold.pnlPercentage - hand.pnl) < 1e-9, `${buyAndHold.pnlPercentage} vs ${hand.pnl}`);
  const report = await Backtest.getReport(SYMBOL, "bh-ema");
  assert.match(report, new RegExp(`\\*\\*Buy and Hold PNL:\\*\\* \\+${hand.pnl.toFixed(2)}%`));
});

test("buy-and-hold follows the fee and slippage settings", async (t) => {
  t.after(() => setConfig({ CC_PERCENT_FEE: 0.1, CC_PERCENT_SLIPPAGE: 0.1 }));
  setConfig({ CC_PERCENT_FEE: 0.25, CC_PERCENT_SLIPPAGE: 0 });
  for await (const _ of Backtest.run(SYMBOL, { strategyName: "bh-ema", exchangeName: "bh-series", frameName: "bh-0319" }));
  const { buyAndHold } = await Backtest.getData(SYMBOL, "bh-ema");
  assert.ok(Math.abs(buyAndHold.pnlPercentage - handBuyAndHold(0.25, 0).pnl) < 1e-9);
});

test("the walker's results and report carry buy-and-hold as a row of the comparison", async () => {
  for await (const _ of Walker.run(SYMBOL, { walkerName: "bh-walker" }));
  const results = await Walker.getData(SYMBOL, "bh-walker");
  const hand = handBuyAndHold();
  assert.ok(Math.abs(results.buyAndHold.pnlPercentage - hand.pnl) < 1e-9);
  const report = await Walker.getReport(SYMBOL, "bh-walker");
  const row = report.split("\n").find((line) => line.startsWith("| - | Buy and hold |"));
  assert.ok(row, report);
  assert.equal(row.split("|").filter((cell) => cell.trim() === `+${hand.pnl.toFixed(2)}%`).length, 2, row);
});
