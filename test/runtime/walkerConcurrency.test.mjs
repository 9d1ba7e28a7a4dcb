// A walker backtests its strategies concurrently (CC_WALKER_CONCURRENCY) and everything a
// user observes is the sequential run's: results, reports, markdown, every event in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, addWalker, Backtest, setConfig, Walker } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createBreakoutStrategy, createEmaCrossStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";
import { normalizeIds, recordEvents } from "../helpers/eventLog.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "walker-concurrency-exchange";
const FRAME = "walker-concurrency-frame";
const WALKER = "walker-concurrency";
const FAILS_AT = Date.parse("2023-03-11T06:00:00Z");

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a strategy slow on some ticks (the earlier strategies slower), so concurrent
 * backtests finish out of schema order and their events would interleave if not held.
 */
const slowed = (schema, everyNthTick, ms) => {
  let calls = 0;
  return {
    ...schema,
    getSignal: async (symbol, when) => {
      calls += 1;
      if (calls % everyNthTick === 0) await pause(ms);
      return await schema.getSignal(symbol, when);
    },
  };
};

/** Now and then answers a signal whose take-profit is on the wrong side: a validation event. */
const sometimesInvalid = (schema) => ({
  ...schema,
  getSignal: async (symbol, when) => {
    if (when.getUTCHours() % 7 === 3 && when.getUTCMinutes() === 0) {
      return { position: "long", priceTakeProfit: 1, priceStopLoss: 2, minuteEstimatedTime: 30 };
    }
    return await schema.getSignal(symbol, when);
  },
});

const STRATEGIES = ["wc-ema", "wc-breakout", "wc-fails", "wc-limit", "wc-invalid"];
const callbackLog = { active: false, entries: [] };
const note = (...entry) => callbackLog.active && callbackLog.entries.push(entry);

addExchange(createSeriesExchange(EXCHANGE));
addFrame({ frameName: FRAME, interval: "1m", startDate: new Date("2023-03-10T00:00:00Z"), endDate: new Date("2023-03-12T23:59:00Z") });
addStrategy(slowed(createEmaCrossStrategy("wc-ema"), 40, 3));
addStrategy(slowed(createBreakoutStrategy("wc-breakout"), 30, 2));
addStrategy({
  ...createBreakoutStrategy("wc-fails"),
  getSignal: async (symbol, when) => {
    if (when.getTime() >= FAILS_AT) throw new Error("wc-fails gives up");
    return null;
  },
});
addStrategy(createScheduledLimitStrategy("wc-limit"));
addStrategy(sometimesInvalid(createEmaCrossStrategy("wc-invalid")));
addWalker({
  walkerName: WALKER,
  exchangeName: EXCHANGE,
  frameName: FRAME,
  strategies: STRATEGIES,
  callbacks: {
    onStrategyStart: (name) => note("onStrategyStart", name),
    onStrategyComplete: (name, symbol, stats, metric) => note("onStrategyComplete", name, stats.totalSignals, metric),
    onStrategyError: (name, symbol, error) => note("onStrategyError", name, error.message),
    onComplete: (results) => note("onComplete", results.bestStrategy),
  },
});

const events = recordEvents();

/** One walk with the given concurrency: yielded steps, events, callbacks, data and reports. */
const walk = async (concurrency) => {
  setConfig({ CC_WALKER_CONCURRENCY: concurrency });
  events.entries = [];
  callbackLog.entries = [];
  events.active = callbackLog.active = true;
  const steps = [];
  try {
    for await (const step of Walker.run(SYMBOL, { walkerName: WALKER })) {
      steps.push([step.strategyName, step.metricValue, step.bestStrategy, step.strategiesTested]);
    }
  } finally {
    events.active = callbackLog.active = false;
    setConfig({ CC_WALKER_CONCURRENCY: 4 });
  }
  const data = await Walker.getData(SYMBOL, WALKER);
  const reports = [await Walker.getReport(SYMBOL, WALKER)];
  for (const name of STRATEGIES.filter((name) => name !== "wc-fails")) {
    reports.push(await Backtest.getReport(SYMBOL, name));
  }
  return {
    text: normalizeIds(JSON.stringify({ events: events.entries, callbacks: callbackLog.entries, steps, data, reports })),
    events: events.entries,
    data,
  };
};

test("a walker at concurrency 1 and 4 gives the same results, reports, callbacks and events in the same order", async () => {
  const sequential = await walk(1);
  const concurrent = await walk(4);
  assert.equal(concurrent.text, sequential.text);

  const { data } = sequential;
  assert.deepEqual(data.failedStrategies.map((f) => f.strategyName), ["wc-fails"], "the failing strategy fails alone");
  assert.match(data.failedStrategies[0].error, /wc-fails gives up/, "the failure's whole line");
  assert.deepEqual(data.strategyResults.map((r) => r.strategyName), ["wc-ema", "wc-breakout", "wc-limit", "wc-invalid"]);
  assert.ok(data.strategyResults.every((r) => r.stats.totalSignals > 0), "every other strategy traded");
  assert.ok(sequential.events.some(([kind]) => kind === "validation"), "the invalid answers were reported");

  const progress = sequential.events.filter(([kind]) => kind === "walkerProgress").map(([, , processed]) => processed);
  assert.deepEqual(progress, [1, 2, 3, 4, 5], "walker progress is monotonic");
  const order = sequential.events
    .filter(([kind]) => kind === "doneBacktest")
    .map(([, event]) => event.strategyName);
  assert.deepEqual(order, ["wc-ema", "wc-breakout", "wc-limit", "wc-invalid"], "done events in schema order");
});

test("CC_WALKER_CONCURRENCY is checked by setConfig", () => {
  assert.throws(() => setConfig({ CC_WALKER_CONCURRENCY: 0 }), /CC_WALKER_CONCURRENCY/);
  assert.throws(() => setConfig({ CC_WALKER_CONCURRENCY: 2.5 }), /CC_WALKER_CONCURRENCY/);
  assert.throws(() => setConfig({ CC_SIGNAL_PREFETCH: -1 }), /CC_SIGNAL_PREFETCH/);
});

test("concurrent walks of one walker on two symbols keep their own results", async () => {
  addExchange(createSeriesExchange("walker-concurrency-exchange-2"));
  addWalker({ walkerName: "walker-concurrency-pair", exchangeName: "walker-concurrency-exchange-2", frameName: FRAME, strategies: ["wc-ema", "wc-limit"] });
  const run = async (symbol) => {
    const steps = [];
    for await (const step of Walker.run(symbol, { walkerName: "walker-concurrency-pair" })) steps.push(step.stats.totalSignals);
    return steps;
  };
  const alone = await run("BTCUSDT");
  const [first, second] = await Promise.all([run("BTCUSDT"), run("ETHUSDT")]);
  assert.deepEqual(first, alone);
  assert.deepEqual(second, alone, "the series exchange serves the same candles under any symbol");
  const report = await Walker.getReport("ETHUSDT", "walker-concurrency-pair");
  assert.match(report, /\*\*Symbol:\*\* ETHUSDT/);
});
