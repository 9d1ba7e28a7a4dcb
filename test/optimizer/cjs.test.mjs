import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

test("the CommonJS build loads with require and runs an optimizer", async () => {
  const { addOptimizer, Optimizer, listOptimizers } = require("backtest-kit");
  assert.match(require.resolve("backtest-kit"), /build[\\/]index\.cjs$/);
  addOptimizer({
    optimizerName: "cjs",
    prefix: "cjs",
    rangeTrain: [{ startDate: new Date("2023-03-01"), endDate: new Date("2023-03-02") }],
    rangeTest: { startDate: new Date("2023-03-03"), endDate: new Date("2023-03-04") },
    source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
    getPrompt: async () => "cjs strategy",
  });
  assert.equal((await listOptimizers()).length, 1);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: "cjs" });
  assert.match(code, /const strategyPrompt = "cjs strategy";/);
});

test("the CommonJS build runs a backtest", async () => {
  const { addExchange, addFrame, addStrategy, Backtest } = require("backtest-kit");
  const start = Date.UTC(2024, 0, 1);
  const candles = Array.from({ length: 120 }, (_, i) => ({
    timestamp: start + i * 60_000,
    open: 100,
    high: i === 30 ? 110 : 100.5,
    low: 99.5,
    close: 100,
    volume: 1,
  }));
  addExchange({
    exchangeName: "cjs-exchange",
    getCandles: async (symbol, interval, since, limit) =>
      candles.filter((c) => c.timestamp >= since.getTime()).slice(0, limit),
    formatPrice: async (symbol, price) => price.toFixed(2),
    formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
  });
  addFrame({ frameName: "cjs-frame", interval: "1m", startDate: new Date(start + 10 * 60_000), endDate: new Date(start + 60 * 60_000) });
  let asked = false;
  addStrategy({
    strategyName: "cjs-strategy",
    interval: "1m",
    getSignal: async () => {
      if (asked) {
        return null;
      }
      asked = true;
      return { position: "long", priceTakeProfit: 105, priceStopLoss: 95, minuteEstimatedTime: 60 };
    },
  });
  const trades = [];
  for await (const trade of Backtest.run("BTCUSDT", { strategyName: "cjs-strategy", exchangeName: "cjs-exchange", frameName: "cjs-frame" })) {
    trades.push(trade);
  }
  assert.equal(trades.length, 1);
  assert.equal(trades[0].closeReason, "take_profit");
  assert.equal(trades[0].closeTimestamp, start + 31 * 60_000);
});
