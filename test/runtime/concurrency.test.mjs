// Several runs at once: each has its own execution context and throttle, and the
// exchange's shared candle cache stays consistent while they grow it concurrently.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, Backtest } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createBreakoutStrategy, createEmaCrossStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";

const SYMBOL = "BTCUSDT";

addFrame({
  frameName: "concurrency-frame",
  interval: "1m",
  startDate: new Date("2023-03-10T00:00:00Z"),
  endDate: new Date("2023-03-12T23:59:00Z"),
});

const FACTORIES = { ema: createEmaCrossStrategy, breakout: createBreakoutStrategy, limit: createScheduledLimitStrategy };

/** Registers an exchange and the three strategies under names ending in `suffix`. */
const register = (suffix) => {
  addExchange(createSeriesExchange(`concurrency-exchange-${suffix}`));
  for (const [kind, create] of Object.entries(FACTORIES)) {
    addStrategy(create(`concurrency-${kind}-${suffix}`));
  }
};

const trades = async (kind, suffix) => {
  const found = [];
  for await (const trade of Backtest.run(SYMBOL, {
    strategyName: `concurrency-${kind}-${suffix}`,
    exchangeName: `concurrency-exchange-${suffix}`,
    frameName: "concurrency-frame",
  })) {
    found.push([trade.signal.pendingAt, trade.closeTimestamp, trade.closeReason, trade.signal.priceOpen, trade.currentPrice]);
  }
  return found;
};

test("three backtests at once on one exchange give exactly the trades they give one at a time", async () => {
  register("alone");
  register("together");
  const alone = {};
  for (const kind of Object.keys(FACTORIES)) {
    alone[kind] = await trades(kind, "alone");
  }
  const together = await Promise.all(Object.keys(FACTORIES).map((kind) => trades(kind, "together")));
  Object.keys(FACTORIES).forEach((kind, index) => {
    assert.ok(alone[kind].length > 5, `${kind} trades at all (${alone[kind].length})`);
    assert.deepEqual(together[index], alone[kind], kind);
  });
});

test("the same strategy on two frames at once keeps separate statistics per frame", async () => {
  addFrame({
    frameName: "concurrency-frame-b",
    interval: "1m",
    startDate: new Date("2023-03-14T00:00:00Z"),
    endDate: new Date("2023-03-15T23:59:00Z"),
  });
  register("frames");
  const run = async (frameName) => {
    let count = 0;
    for await (const _ of Backtest.run(SYMBOL, {
      strategyName: "concurrency-ema-frames",
      exchangeName: "concurrency-exchange-frames",
      frameName,
    })) {
      count += 1;
    }
    return count;
  };
  const [first, second] = await Promise.all([run("concurrency-frame"), run("concurrency-frame-b")]);
  assert.ok(first > 0 && second > 0);
  assert.notEqual(first, second);
  const stats = await Backtest.getData(SYMBOL, "concurrency-ema-frames");
  assert.ok(stats.totalSignals === first || stats.totalSignals === second, "getData reads one frame's run, not a mix");
});
