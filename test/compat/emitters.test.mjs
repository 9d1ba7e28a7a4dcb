// 1.4's `emitters` as this library exports it: a listen-only view of the event subjects by
// their 1.4 names. Nobody can send an event through it; a subscription through it is a
// listener like listen*'s (toPromise resolves when a walker finishes on the real series, and
// the per-tick timings paid for only while someone listens turn on).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { createSeriesExchange, loadSeries, seriesOf } from "../helpers/series.mjs";
import { createEmaCrossStrategy } from "../helpers/strategies.mjs";

loadSeries();
["1m", "5m", "15m", "1h"].forEach(seriesOf);
lib.setConfig({ CC_LUCK_SIMULATIONS: 0 });

const NAMES_OF_1_4 = [
  "signalEmitter",
  "signalLiveEmitter",
  "signalBacktestEmitter",
  "errorEmitter",
  "doneLiveSubject",
  "doneBacktestSubject",
  "doneWalkerSubject",
  "progressBacktestEmitter",
  "progressWalkerEmitter",
  "progressOptimizerEmitter",
  "performanceEmitter",
  "walkerEmitter",
  "walkerCompleteSubject",
  "validationSubject",
  "partialProfitSubject",
  "partialLossSubject",
];

/** Registers an exchange, a one-day frame, an EMA-cross strategy and a walker over it, named by `tag`. */
const setup = (tag) => {
  lib.addExchange(createSeriesExchange(`${tag}-ex`));
  lib.addFrame({ frameName: `${tag}-frame`, interval: "1m", startDate: new Date("2023-03-02T00:00:00Z"), endDate: new Date("2023-03-02T23:59:00Z") });
  lib.addStrategy(createEmaCrossStrategy(`${tag}-ema`));
  lib.addWalker({ walkerName: `${tag}-wk`, exchangeName: `${tag}-ex`, frameName: `${tag}-frame`, strategies: [`${tag}-ema`] });
};

test("emitters has 1.4's subjects, each with subscribe, once, filter, map, toObserver and toPromise, and none can next", () => {
  assert.deepEqual(Object.keys(lib.emitters).sort(), [...NAMES_OF_1_4].sort());
  for (const name of NAMES_OF_1_4) {
    const subject = lib.emitters[name];
    for (const method of ["subscribe", "once", "filter", "map", "toObserver", "toPromise"]) {
      assert.equal(typeof subject[method], "function", `${name}.${method}`);
    }
    assert.equal(subject.next, undefined, `${name} has no next`);
    assert.throws(() => {
      subject.next = () => undefined;
    }, TypeError);
  }
  assert.throws(() => {
    lib.emitters.doneWalkerSubject = { next: () => undefined };
  }, TypeError);
  const observer = lib.emitters.signalEmitter.toObserver();
  assert.equal(observer.next, undefined, "its observer cannot send either");
  observer.unsubscribe();
});

test("emitters.doneWalkerSubject.toPromise() resolves with the walker's done event when Walker.background finishes", async () => {
  setup("ew");
  const done = lib.emitters.doneWalkerSubject.toPromise();
  const names = lib.emitters.walkerEmitter.map((event) => event.strategyName).toPromise();
  lib.Walker.background("BTCUSDT", { walkerName: "ew-wk" });
  const event = await done;
  assert.equal(event.symbol, "BTCUSDT");
  assert.equal(event.strategyName, "ew-wk");
  assert.equal(event.exchangeName, "ew-ex");
  assert.equal(event.backtest, true);
  assert.equal(await names, "ew-ema");
});

test("a subscription through emitters counts as a listener: performanceEmitter turns on the per-tick timings, and stops them when it leaves", async () => {
  setup("ep");
  const timings = [];
  const stop = lib.emitters.performanceEmitter.subscribe((event) => timings.push(event.metricType));
  for await (const _ of lib.Backtest.run("BTCUSDT", { strategyName: "ep-ema", exchangeName: "ep-ex", frameName: "ep-frame" })) {
  }
  stop();
  assert.ok(timings.includes("backtest_timeframe"), "ticks were timed while subscribed");
  const signals = [];
  const filtered = lib.emitters.signalBacktestEmitter.filter((event) => event.action === "closed");
  const disconnect = filtered.connect((event) => signals.push(event.action));
  for await (const _ of lib.Backtest.run("BTCUSDT", { strategyName: "ep-ema", exchangeName: "ep-ex", frameName: "ep-frame" })) {
  }
  disconnect();
  assert.ok(signals.length > 0 && signals.every((action) => action === "closed"), "filter passed the closed signals only");
  const perf = await lib.Performance.getData("ep-ema");
  const timedRuns = perf.metricStats.backtest_total.count;
  assert.equal(timedRuns, 2);
  assert.equal(perf.metricStats.backtest_timeframe.count, timings.filter((type) => type === "backtest_timeframe").length,
    "the second run, with no performance listener, timed no ticks");
});

test("a toPromise through emitters stops listening once it resolved", async () => {
  setup("eq");
  const run = async () => {
    for await (const _ of lib.Backtest.run("BTCUSDT", { strategyName: "eq-ema", exchangeName: "eq-ex", frameName: "eq-frame" })) {
    }
  };
  const first = lib.emitters.performanceEmitter.filter((event) => event.metricType === "backtest_timeframe").toPromise();
  await run();
  assert.equal((await first).metricType, "backtest_timeframe");
  const timedBefore = (await lib.Performance.getData("eq-ema")).metricStats.backtest_timeframe.count;
  assert.ok(timedBefore > 0);
  await run();
  const after = await lib.Performance.getData("eq-ema");
  assert.equal(after.metricStats.backtest_total.count, 2);
  assert.equal(after.metricStats.backtest_timeframe.count, timedBefore, "the run after it timed no ticks");
});

test("emitters' once calls its listener with the first event only, then stops listening", async () => {
  setup("eo");
  const seen = [];
  lib.emitters.signalBacktestEmitter.once((event) => seen.push(event.action));
  for await (const _ of lib.Backtest.run("BTCUSDT", { strategyName: "eo-ema", exchangeName: "eo-ex", frameName: "eo-frame" })) {
  }
  const events = [];
  const stop = lib.emitters.signalBacktestEmitter.subscribe((event) => events.push(event.action));
  for await (const _ of lib.Backtest.run("BTCUSDT", { strategyName: "eo-ema", exchangeName: "eo-ex", frameName: "eo-frame" })) {
  }
  stop();
  assert.ok(events.length > 1, `the run sends several signal events (${events.length})`);
  assert.deepEqual(seen, [events[0]]);
});
