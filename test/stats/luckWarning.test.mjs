// A luck test whose simulations cannot all place every trade says so through listenWarning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, Backtest, listenWarning } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy } from "../helpers/strategies.mjs";

test("incomplete luck-test simulations raise one luck-incomplete warning with their count", async (t) => {
  addExchange(createSeriesExchange("luckwarn-series"));
  addFrame({ frameName: "luckwarn-0310-0313", interval: "1m", startDate: new Date("2023-03-10T00:00:00Z"), endDate: new Date("2023-03-13T23:59:00Z") });
  addStrategy(createEmaCrossStrategy("luckwarn-ema"));
  const warnings = [];
  const stop = listenWarning((warning) => warning.kind === "luck-incomplete" && warnings.push(warning));
  t.after(stop);
  for await (const _ of Backtest.run("BTCUSDT", { strategyName: "luckwarn-ema", exchangeName: "luckwarn-series", frameName: "luckwarn-0310-0313" }));
  const { luck, totalSignals } = await Backtest.getData("BTCUSDT", "luckwarn-ema");
  assert.ok(luck.incompleteSimulations > 0, "this frame is too crowded for every simulation to fit");
  assert.equal(warnings.length, 1);
  assert.deepEqual(warnings[0].details, {
    strategyName: "luckwarn-ema", symbol: "BTCUSDT", frameName: "luckwarn-0310-0313",
    incompleteSimulations: luck.incompleteSimulations, simulations: 1000, trades: totalSignals,
  });
  assert.match(warnings[0].message, new RegExp(`luck test of strategy luckwarn-ema on BTCUSDT \\(frame luckwarn-0310-0313\\): ${luck.incompleteSimulations} of 1000 random-entry simulations ran out of frame before placing all ${totalSignals} trades`));
});
