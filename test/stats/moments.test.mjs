// The walker's overfitting odds on a pick with two trades: the kurtosis of two returns is
// exactly 1, and rounding must not push it below the deflated Sharpe ratio's domain
// (a walker whose best strategy made two trades once failed with "kurtosis must be >= 1").
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";

/** 1m candles whose prices climb 100 per candle from wherever a request starts (1.4's spec mock). */
const climbingFromRequest = async (_symbol, interval, since, limit) => {
  const step = { "1m": 1, "5m": 5, "15m": 15, "1h": 60 }[interval] * 60_000;
  return Array.from({ length: limit }, (_, i) => {
    const base = 42_000 + i * 100;
    return { timestamp: since.getTime() + i * step, open: base + 150.5, high: base + 380.2, low: base + 100, close: base + 250.8, volume: 100 + i * 10 };
  });
};

/** A strategy entering long at the average price with take-profit `up` and stop-loss 1,000 away. */
const longAt = (strategyName, up) => ({
  strategyName,
  interval: "1m",
  getSignal: async (symbol) => {
    const price = await lib.getAveragePrice(symbol);
    return { position: "long", priceOpen: price, priceTakeProfit: price + up, priceStopLoss: price - 1_000, minuteEstimatedTime: 60 };
  },
});

test("a walker whose best strategy made two trades gets its odds (kurtosis 1, not a rounding below it)", async () => {
  lib.setConfig({ CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: 0, CC_MAX_STOPLOSS_DISTANCE_PERCENT: 100 });
  lib.addExchange({ exchangeName: "km-ex", getCandles: climbingFromRequest, formatPrice: async (_s, p) => p.toFixed(2), formatQuantity: async (_s, q) => q.toFixed(8) });
  lib.addStrategy(longAt("km-1", 1_000));
  lib.addStrategy(longAt("km-2", 2_000));
  // Ticks at 00:00 and 12:00 on 1 January and 00:00 on the 2nd: a trade at each midnight (the noon tick held the first one's close).
  lib.addFrame({ frameName: "km-frame", interval: "12h", startDate: new Date("2024-01-01T00:00:00Z"), endDate: new Date("2024-01-02T00:00:00Z") });
  lib.addWalker({ walkerName: "km-wk", exchangeName: "km-ex", frameName: "km-frame", strategies: ["km-1", "km-2"], metric: "winRate" });
  const errors = [];
  const stop = lib.listenError((error) => errors.push(error.message));
  const complete = lib.emitters.walkerCompleteSubject.toPromise();
  for await (const _ of lib.Walker.run("BTCUSDT", { walkerName: "km-wk" })) {
  }
  const results = await complete;
  stop();
  assert.deepEqual(errors, []);
  assert.equal(results.totalStrategies, 2);
  assert.ok(results.bestStats.totalSignals >= 2, "the best strategy made at least two trades");
});
