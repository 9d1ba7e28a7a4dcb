// Position sizing's three 1.4 methods and limits, and a risk profile's portfolio shared
// across strategies and symbols, through the public API on the real BTCUSDT series.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { createSeriesExchange, loadSeries, seriesOf } from "../helpers/series.mjs";
import { createEmaCrossStrategy } from "../helpers/strategies.mjs";

loadSeries();
["1m", "5m"].forEach(seriesOf);
lib.setConfig({ CC_LUCK_SIMULATIONS: 0 });

test("PositionSize: fixed percentage, Kelly criterion and ATR-based quantities, then the schema's limits", async () => {
  lib.addSizing({ sizingName: "sz-fixed", method: "fixed-percentage", riskPercentage: 2, maxPositionPercentage: 50 });
  lib.addSizing({ sizingName: "sz-kelly", method: "kelly-criterion", kellyMultiplier: 0.25 });
  lib.addSizing({ sizingName: "sz-atr", method: "atr-based", riskPercentage: 2, atrMultiplier: 2, maxPositionSize: 0.15 });
  // 2% of 10 000 over a 1 000 stop distance; the 50% cap (0.1 at 50 000) is lower.
  assert.equal(await lib.PositionSize.fixedPercentage("BTCUSDT", 10_000, 50_000, 49_000, { sizingName: "sz-fixed" }), 0.1);
  // Kelly (0.55 * 1.5 - 0.45) / 1.5 = 0.25, a quarter of it: 6.25% of 10 000 at 50 000.
  const kelly = await lib.PositionSize.kellyCriterion("BTCUSDT", 10_000, 50_000, 0.55, 1.5, { sizingName: "sz-kelly" });
  assert.ok(Math.abs(kelly - 0.0125) < 1e-12, `kelly ${kelly}`);
  // 2% of 10 000 over 2 ATRs of 500 is 0.2, capped at 0.15.
  assert.equal(await lib.PositionSize.atrBased("BTCUSDT", 10_000, 50_000, 500, { sizingName: "sz-atr" }), 0.15);
  await assert.rejects(lib.PositionSize.kellyCriterion("BTCUSDT", 10_000, 50_000, 1.5, 1.5, { sizingName: "sz-kelly" }), /winRate must be between 0 and 1, got 1.5/);
  await assert.rejects(lib.PositionSize.atrBased("BTCUSDT", 1, 1, 1, { sizingName: "sz-none" }), /sizing sz-none not found/);
  assert.deepEqual((await lib.listSizings()).map((schema) => schema.sizingName).filter((name) => name.startsWith("sz-")), ["sz-fixed", "sz-kelly", "sz-atr"]);
});

test("addSizing and addRisk name the malformed field and value", () => {
  assert.throws(() => lib.addSizing({ sizingName: "sz-bad", method: "fixed-percentage", riskPercentage: -1 }), /riskPercentage must be a finite number above 0, got -1 for sizingName="sz-bad"/);
  assert.throws(() => lib.addSizing({ sizingName: "sz-bad2", method: "martingale" }), /method must be one of fixed-percentage, kelly-criterion, atr-based/);
  assert.throws(() => lib.addRisk({ riskName: "rk-bad", validations: [42] }), /validations\[0\] must be a function or \{ validate: function, note\? \}, got 42/);
  assert.throws(() => lib.addStrategy({ strategyName: "rk-bad-s", interval: "5m", getSignal: async () => null, riskName: "" }), /riskName must be a non-empty string/);
});

test("a risk profile's validations see positions open under it from elsewhere: refused while one is open, allowed once it closed", async () => {
  lib.addExchange(createSeriesExchange("rp-ex"));
  lib.addFrame({ frameName: "rp-frame", interval: "1m", startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-01T11:59:00Z") });
  const seen = [];
  lib.addRisk({
    riskName: "rp-one",
    validations: [{
      note: "one position at a time across the portfolio",
      validate: ({ activePositionCount, activePositions }) => {
        seen.push(activePositions.map((position) => position.strategyName).join(","));
        if (activePositionCount >= 1) throw new Error("a position is open already");
      },
    }],
    callbacks: { onRejected: (symbol) => assert.equal(symbol, "BTCUSDT") },
  });
  lib.addStrategy({ ...createEmaCrossStrategy("rp-ema"), riskName: "rp-one" });
  const context = { strategyName: "rp-ema", exchangeName: "rp-ex", frameName: "rp-frame" };
  await lib.lib.riskGlobalService.addSignal("ETHUSDT", { strategyName: "elsewhere", riskName: "rp-one" });
  for await (const _ of lib.Backtest.run("BTCUSDT", context)) {
  }
  const refused = await lib.Backtest.getData("BTCUSDT", "rp-ema");
  assert.equal(refused.totalSignals, 0, "every signal refused while ETHUSDT is open");
  assert.ok(seen.length > 0 && seen.every((names) => names === "elsewhere"));
  assert.match(await lib.Backtest.getReport("BTCUSDT", "rp-ema"), /Refused by the risk profile:\*\* \d+ signal\(s\)/);
  await lib.lib.riskGlobalService.removeSignal("ETHUSDT", { strategyName: "elsewhere", riskName: "rp-one" });
  for await (const _ of lib.Backtest.run("BTCUSDT", context)) {
  }
  const allowed = await lib.Backtest.getData("BTCUSDT", "rp-ema");
  assert.ok(allowed.totalSignals > 0, "signals open once the portfolio is empty");
  assert.deepEqual((await lib.listRisks()).filter((schema) => schema.riskName === "rp-one").length, 1);
});
