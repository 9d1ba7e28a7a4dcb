// The 1.4 portfolio features through the public API on the real BTCUSDT series: a risk
// profile refusing signals (a listenValidation event and a backtest report section),
// partial milestones once per signal and level, Schedule/Heat/Performance figures, and a
// walker whose strategies share a risk profile giving the same events and reports with
// the concurrency settings off and on.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { createSeriesExchange, loadSeries, seriesOf } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";

loadSeries();
["1m", "5m", "15m", "1h"].forEach(seriesOf);
lib.setConfig({ CC_LUCK_SIMULATIONS: 0 });

/** Registers an exchange, a frame, two strategies under one risk profile and a walker, named by `tag`. */
const setup = (tag) => {
  lib.addExchange(createSeriesExchange(`${tag}-ex`));
  lib.addFrame({ frameName: `${tag}-frame`, interval: "1m", startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-04T23:59:00Z") });
  lib.addRisk({
    riskName: `${tag}-risk`,
    validations: [
      ({ timestamp }) => {
        if (new Date(timestamp).getUTCHours() < 6) {
          throw new Error("no entries before 06:00 UTC");
        }
      },
    ],
  });
  lib.addStrategy({ ...createEmaCrossStrategy(`${tag}-ema`), riskName: `${tag}-risk` });
  lib.addStrategy({ ...createScheduledLimitStrategy(`${tag}-limit`), riskName: `${tag}-risk` });
  lib.addWalker({ walkerName: `${tag}-wk`, exchangeName: `${tag}-ex`, frameName: `${tag}-frame`, strategies: [`${tag}-ema`, `${tag}-limit`] });
};

/** Runs the walker and returns what a user observes: validation, partial and signal events, and the reports. */
const observe = async (tag) => {
  setup(tag);
  const events = [];
  const unsubscribe = [
    lib.listenValidation((error) => events.push(["validation", error.message.replaceAll(tag, "T")])),
    lib.listenPartialProfit((e) => events.push(["profit", e.data.id.length > 0, e.level, e.timestamp, e.currentPrice])),
    lib.listenPartialLoss((e) => events.push(["loss", e.level, e.timestamp, e.currentPrice])),
    lib.listenSignalBacktest((e) => events.push([e.action, e.strategyName.replace(tag, "T"), e.currentPrice])),
  ];
  for await (const _ of lib.Walker.run("BTCUSDT", { walkerName: `${tag}-wk` })) {
  }
  unsubscribe.forEach((stop) => stop());
  const reports = [];
  for (const name of ["ema", "limit"]) {
    reports.push((await lib.Backtest.getReport("BTCUSDT", `${tag}-${name}`)).replaceAll(tag, "T").replace(/[0-9a-f-]{36}/g, "ID"));
    reports.push((await lib.Schedule.getReport(`${tag}-${name}`)).replaceAll(tag, "T").replace(/[0-9a-f-]{36}/g, "ID"));
  }
  return { events: JSON.stringify(events).replace(/[0-9a-f-]{36}/g, "ID"), reports };
};

test("a risk profile refuses signals before 06:00 UTC: listenValidation events naming the profile and the reason, a report section, no trade opened then", async () => {
  const { events, reports } = await observe("rk");
  const parsed = JSON.parse(events);
  const refusals = parsed.filter(([kind]) => kind === "validation");
  assert.ok(refusals.length > 0, "some signals were refused");
  assert.match(refusals[0][1], /^risk T-risk refused the signal .* of strategy T-(ema|limit) on BTCUSDT at /);
  assert.ok(reports.some((report) => report.includes("## Signals refused by the risk profile") && report.includes("no entries before 06:00 UTC")));
  const opened = await lib.Backtest.getData("BTCUSDT", "rk-ema");
  assert.ok(opened.signalList.every((trade) => new Date(trade.signal.pendingAt).getUTCHours() >= 6));
});

test("partial milestones: each level at most once per signal, in rising order, and counted by Partial", async () => {
  lib.Partial.clear();
  const { events } = await observe("pt");
  const parsed = JSON.parse(events).filter(([kind]) => kind === "profit" || kind === "loss");
  assert.ok(parsed.length > 0, "milestones were reached on the real series");
  const stats = await lib.Partial.getData("BTCUSDT");
  assert.equal(stats.totalEvents, parsed.length);
  const seen = new Set();
  const highest = new Map();
  for (const event of stats.eventList) {
    const key = `${event.signalId}:${event.action}:${event.level}`;
    assert.ok(!seen.has(key), `${key} told once`);
    seen.add(key);
    const side = `${event.signalId}:${event.action}`;
    assert.ok((highest.get(side) ?? 0) < event.level, `${side} levels rise`);
    highest.set(side, event.level);
  }
});

test("the walker under a shared risk profile gives identical events and reports with concurrency off and on", async (t) => {
  lib.setConfig({ CC_WALKER_CONCURRENCY: 1, CC_SIGNAL_PREFETCH: 0, CC_LLM_CONCURRENCY: 1 });
  t.after(() => lib.setConfig({ CC_LLM_CONCURRENCY: 4, CC_WALKER_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 8 }));
  const sequential = await observe("sq");
  lib.setConfig({ CC_WALKER_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 8, CC_LLM_CONCURRENCY: 4 });
  const concurrent = await observe("cq");
  assert.equal(concurrent.events, sequential.events);
  assert.deepEqual(concurrent.reports, sequential.reports);
});

test("Schedule, Heat, Performance and PositionSize give 1.4's figures", async () => {
  const timings = [];
  const stop = lib.listenPerformance((event) => timings.push(event));
  await observe("fx");
  stop();
  const schedule = await lib.Schedule.getData("fx-limit");
  assert.ok(schedule.totalScheduled > 0);
  assert.equal(schedule.totalScheduled, schedule.totalOpened + schedule.totalCancelled);
  const heat = await lib.Heat.getData("fx-ema");
  assert.equal(heat.totalSymbols, 1);
  assert.match(await lib.Heat.getReport("fx-ema"), /# Portfolio Heatmap: fx-ema[\s\S]*\| Symbol \| Total PNL \| Sharpe \|/);
  const perf = await lib.Performance.getData("fx-ema");
  assert.deepEqual(Object.keys(perf.metricStats).sort(), ["backtest_signal", "backtest_timeframe", "backtest_total"]);
  assert.equal(timings.filter((event) => event.strategyName === "fx-ema").length, perf.totalEvents);
  lib.addSizing({ sizingName: "fx-2pct", method: "fixed-percentage", riskPercentage: 2 });
  assert.equal(await lib.PositionSize.fixedPercentage("BTCUSDT", 10_000, 50_000, 49_000, { sizingName: "fx-2pct" }), 0.2);
  await assert.rejects(lib.PositionSize.atrBased("BTCUSDT", 10_000, 50_000, 500, { sizingName: "fx-2pct" }), /method mismatch/);
  assert.equal(lib.Constant.TP_LEVEL1, 30);
});

test("without a listenPerformance listener a run records only its total time (ticks are not timed)", async () => {
  await observe("fy");
  const perf = await lib.Performance.getData("fy-ema");
  assert.deepEqual(Object.keys(perf.metricStats), ["backtest_total"]);
  assert.equal(perf.metricStats.backtest_total.count, 1);
});
