// Signal prefetch: a strategy that declares `prefetch: true` gets the signals of its next
// due ticks asked ahead (CC_SIGNAL_PREFETCH), each at its own tick; the trades and the
// events are exactly those of the run without prefetch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, Backtest, getAveragePrice, listenDoneBacktest, setConfig } from "../../build/index.mjs";
import { createSeriesExchange, INTERVAL_MS } from "../helpers/series.mjs";
import { createBreakoutStrategy, createEmaCrossStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";
import { errorText, normalizeIds, recordEvents } from "../helpers/eventLog.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "prefetch-exchange";
const FRAME = "prefetch-frame";

addExchange(createSeriesExchange(EXCHANGE));
addFrame({ frameName: FRAME, interval: "1m", startDate: new Date("2023-03-13T00:00:00Z"), endDate: new Date("2023-03-15T23:59:00Z") });

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers after a delay that varies by tick, so prefetched answers complete out of order. */
const delayed = (schema) => ({
  ...schema,
  getSignal: async (symbol, when) => {
    await pause((when.getTime() / 60_000) % 3);
    return await schema.getSignal(symbol, when);
  },
});

/** Registers `create(name)` twice: as declared (prefetch on) and without the declaration. */
const registerPair = (name, create) => {
  addStrategy({ ...delayed(create(`${name}-on`)), prefetch: true });
  addStrategy(delayed(create(`${name}-off`)));
};

// the pool's own state on the done event (llmConcurrency) describes the requests, not the result
const events = recordEvents({ drop: ["signalPrefetch", "llmConcurrency"] });
const done = [];
listenDoneBacktest((event) => done.push(event));

/** Trades and events of one backtest; strategy names lose their -on/-off ending so runs compare. */
const backtest = async (strategyName) => {
  events.entries = [];
  events.active = true;
  const trades = [];
  let failure = null;
  try {
    for await (const trade of Backtest.run(SYMBOL, { strategyName, exchangeName: EXCHANGE, frameName: FRAME })) {
      trades.push([trade.signal.scheduledAt, trade.signal.pendingAt, trade.closeTimestamp, trade.closeReason, trade.pnl.pnlPercentage]);
    }
  } catch (error) {
    failure = errorText(error);
  } finally {
    events.active = false;
  }
  const unify = (text) => normalizeIds(text).replaceAll(/-(on|off)\b/g, "");
  return { trades, failure, events: unify(JSON.stringify(events.entries)), failureText: failure && unify(failure) };
};

test("prefetch on and off give the same trades and events for three strategies on the real series, each call at its own tick", async () => {
  const calls = [];
  const record = (entry) => calls.push(entry);
  registerPair("pf-ema", (name) => createEmaCrossStrategy(name, { record }));
  registerPair("pf-breakout", (name) => createBreakoutStrategy(name, { record }));
  registerPair("pf-limit", (name) => createScheduledLimitStrategy(name, { record }));
  for (const name of ["pf-ema", "pf-breakout", "pf-limit"]) {
    const off = await backtest(`${name}-off`);
    const on = await backtest(`${name}-on`);
    assert.ok(off.trades.length > 3, `${name} trades (${off.trades.length})`);
    assert.deepEqual(on.trades, off.trades, `${name}: trade for trade`);
    assert.equal(on.events, off.events, `${name}: the same events in the same order`);
    const counts = done.at(-1).signalPrefetch;
    assert.ok(counts.useful > 0 && counts.speculative > 0, `${name}: ${JSON.stringify(counts)}`);
    assert.equal(done.at(-2).signalPrefetch, undefined, "no counts for a strategy that does not declare prefetch");
  }
  for (const { when, date, candles } of calls) {
    assert.equal(date, when, "getDate inside a prefetched call is its own tick");
    for (const [interval, list] of Object.entries(candles)) {
      const last = list.at(-1);
      assert.ok(last === undefined || last.timestamp + INTERVAL_MS[interval] <= when, "no candle after the tick");
    }
  }
});

test("an error of a prefetched tick is reported when that tick is reached, an error of a skipped tick never", async () => {
  const OPEN_AT = Date.parse("2023-03-13T02:00:00Z");
  const create = (strategyName, failAt) => ({
    strategyName,
    interval: "5m",
    getSignal: async (symbol, when) => {
      await pause(when.getTime() === failAt ? 0 : 2);
      const time = when.getTime();
      if (time === OPEN_AT) {
        const price = await getAveragePrice(symbol);
        return { position: "long", priceTakeProfit: price * 1.1, priceStopLoss: price * 0.9, minuteEstimatedTime: 60 };
      }
      if (time === failAt) throw new Error(`broken at ${when.toISOString()}`);
      return null;
    },
  });
  const SKIPPED = OPEN_AT + 20 * 60_000; // inside the open position: never reached
  const REACHED = OPEN_AT + 3 * 60 * 60_000;
  addStrategy({ ...create("pf-skip-on", SKIPPED), prefetch: true });
  addStrategy(create("pf-skip-off", SKIPPED));
  addStrategy({ ...create("pf-fail-on", REACHED), prefetch: true });
  addStrategy(create("pf-fail-off", REACHED));

  const skipOff = await backtest("pf-skip-off");
  const skipOn = await backtest("pf-skip-on");
  assert.equal(skipOff.failure, null);
  assert.equal(skipOn.failure, null, "the skipped tick's error is dropped with its answer");
  assert.deepEqual(skipOn.trades, skipOff.trades);
  assert.equal(skipOn.events, skipOff.events);
  assert.equal(skipOn.trades.length, 1);

  const failOff = await backtest("pf-fail-off");
  const failOn = await backtest("pf-fail-on");
  assert.match(failOff.failure, /broken at 2023-03-13T05:00:00.000Z/);
  assert.equal(failOn.failureText, failOff.failureText, "the same error, at the same tick");
  assert.equal(failOn.events, failOff.events, "and the same events before it");
});

test("a prefetched getSignal that hangs times out at its own tick, as without prefetch", async (t) => {
  setConfig({ CC_GET_SIGNAL_TIMEOUT_MS: 300 });
  t.after(() => setConfig({ CC_GET_SIGNAL_TIMEOUT_MS: 300_000 }));
  const HANGS = Date.parse("2023-03-15T12:00:00Z");
  const create = (strategyName) => ({
    strategyName,
    interval: "1h",
    getSignal: async (symbol, when) => (when.getTime() === HANGS ? new Promise(() => {}) : null),
  });
  addStrategy({ ...create("pf-hang-on"), prefetch: true });
  addStrategy(create("pf-hang-off"));
  const off = await backtest("pf-hang-off");
  const on = await backtest("pf-hang-on");
  assert.equal(off.failure, null);
  assert.match(off.events, /timed out after 300 ms/);
  assert.equal(on.events, off.events);
});

test("CC_SIGNAL_PREFETCH 0 turns prefetch off; a strategy that does not declare it is asked tick by tick", async (t) => {
  const asked = { on: [], off: [] };
  const create = (strategyName, list) => ({
    strategyName,
    interval: "15m",
    getSignal: async (symbol, when) => {
      list.push(when.getTime());
      return null;
    },
  });
  addStrategy({ ...create("pf-zero", asked.on), prefetch: true });
  addStrategy(create("pf-plain", asked.off));
  setConfig({ CC_SIGNAL_PREFETCH: 0 });
  t.after(() => setConfig({ CC_SIGNAL_PREFETCH: 8 }));
  await backtest("pf-zero");
  assert.equal(done.at(-1).signalPrefetch, undefined);
  await backtest("pf-plain");
  assert.deepEqual(asked.on, asked.off);
  assert.equal(asked.off.length, 3 * 24 * 4);
  assert.ok(asked.off.every((when, i) => i === 0 || when > asked.off[i - 1]), "one call per due tick, in order");
});

test("addStrategy checks prefetch", () => {
  assert.throws(
    () => addStrategy({ strategyName: "pf-bad", interval: "5m", getSignal: async () => null, prefetch: "yes" }),
    /prefetch must be a boolean, got "yes" for strategyName="pf-bad"/
  );
});

test("askSignal's reports from prefetched ticks arrive at their tick; those of skipped ticks never", async (t) => {
  const { startOllamaServer } = await import("../helpers/ollamaServer.mjs");
  const { askSignal, getCandles, listenWarning } = await import("../../build/index.mjs");
  const reasks = [];
  t.after(listenWarning((warning) => warning.kind === "llm-reask" && reasks.push(warning.details)));
  const answer = (body) => {
    const iso = /tick (\S+)/.exec(body.messages.find((m) => m.role === "user").content)[1];
    const close = Number(/close (\S+)/.exec(body.messages.find((m) => m.role === "user").content)[1]);
    const when = new Date(iso);
    if (when.getUTCMinutes() >= 10 && when.getUTCMinutes() < 15 && when.getUTCHours() % 2 === 1) return "this is not JSON";
    if (when.getUTCMinutes() < 5 && when.getUTCHours() % 3 === 0) {
      return JSON.stringify({ position: "long", priceTakeProfit: close * 1.004, priceStopLoss: close * 0.996, minuteEstimatedTime: 90 });
    }
    return JSON.stringify({ position: "wait" });
  };
  const server = await startOllamaServer(answer);
  t.after(() => server.close());
  const create = (strategyName) => ({
    strategyName,
    interval: "5m",
    getSignal: async (symbol, when) => {
      const [last] = (await getCandles(symbol, "1m", 1)).slice(-1);
      const messages = [{ role: "user", content: `tick ${when.toISOString()} close ${last.close}` }];
      const { signal } = await askSignal(messages, { host: server.host, model: "m", cache: false });
      return signal;
    },
  });
  addFrame({ frameName: "prefetch-llm-day", interval: "1m", startDate: new Date("2023-03-14T00:00:00Z"), endDate: new Date("2023-03-14T23:59:00Z") });
  addStrategy({ ...create("pf-llm-on"), prefetch: true });
  addStrategy(create("pf-llm-off"));
  const run = async (strategyName) => {
    reasks.length = 0;
    events.entries = [];
    events.active = true;
    const trades = [];
    for await (const trade of Backtest.run(SYMBOL, { strategyName, exchangeName: EXCHANGE, frameName: "prefetch-llm-day" })) {
      trades.push([trade.signal.pendingAt, trade.closeTimestamp, trade.closeReason]);
    }
    events.active = false;
    const warned = reasks.map(({ when, problem }) => [when, problem]);
    return { trades, warned, events: normalizeIds(JSON.stringify(events.entries)).replaceAll(/-(on|off)\b/g, "") };
  };
  const off = await run("pf-llm-off");
  const offRequests = server.requests.length;
  const on = await run("pf-llm-on");
  assert.ok(off.trades.length > 2, `trades: ${off.trades.length}`);
  assert.match(off.events, /the LLM answered an invalid signal twice/);
  assert.deepEqual(on.trades, off.trades);
  assert.equal(on.events, off.events);
  assert.ok(off.warned.length > 0, "invalid answers were asked again");
  assert.deepEqual(on.warned, off.warned, "llm-reask warnings only for ticks reached, in tick order");
  const { useful, speculative } = done.at(-1).signalPrefetch;
  assert.ok(speculative > 0, "some ticks inside positions were asked ahead");
  assert.equal(server.requests.length - offRequests > offRequests, true, "the skipped ticks were asked too, and never reported");
  assert.ok(useful > 0);
});
