// One test per warning kind, asserting its payload through listenWarning; data that ends
// inside a frame with and without an open trade; trades cut short kept out of the figures.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import {
  T0, at, candles1m, flat, series, setupBacktest, collect, flush, record, never, DEFAULT_CONFIG, FAST_CONFIG,
} from "../helpers/synthetic.mjs";

const { Backtest, setConfig, getCandles, listenWarning } = lib;
const SYMBOL = "BTCUSDT";
const HOUR = 3_600_000;

before(() => setConfig({ ...FAST_CONFIG }));
after(() => setConfig({ ...DEFAULT_CONFIG, CC_LISTENER_TIMEOUT_MS: 30_000 }));

/** Runs a backtest of `options` and returns its results and the warnings of its exchange or strategy. */
const runWithWarnings = async (options) => {
  const setup = setupBacktest(lib, { label: "kinds", ...options });
  const mine = (w) =>
    w.details.exchangeName === setup.exchangeName ||
    w.details.strategyName === setup.strategyName ||
    [setup.strategyName, setup.exchangeName, setup.frameName].some((name) => String(w.details.listener ?? "").includes(name));
  const { events, stop } = record(listenWarning, mine);
  try {
    const results = await collect(Backtest.run(SYMBOL, setup.ctx));
    await flush();
    return { ...setup, results, warnings: events };
  } finally {
    stop();
  }
};

const ofKind = (warnings, kind) => warnings.filter((w) => w.kind === kind);

/** A strategy that reads 1h and 15m candles at every tick and never trades. */
const readsTwoIntervals = async (symbol) => {
  await getCandles(symbol, "1h", 2);
  await getCandles(symbol, "15m", 2);
  return null;
};

/** Runs a strategy reading 1h and 15m candles from an exchange whose 1h and 15m replies go through `fault`. */
const faultyReplies = (fault, candles = series({ tail: 30 })) =>
  runWithWarnings({
    candles,
    endDate: at(2),
    misbehave: (call) => (call.interval === "1m" ? call.reply() : fault(call)),
    signals: readsTwoIntervals,
  });

test("exchange-repair order: a newest-first reply is sorted and said once per run, symbol and fault", async () => {
  const replies = [];
  const run = await faultyReplies((call) => {
    const reply = call.reply().reverse();
    replies.push({ interval: call.interval, since: call.since, limit: call.limit, length: reply.length });
    return reply;
  });
  const repairs = ofKind(run.warnings, "exchange-repair");
  assert.equal(replies.length, 2, "two faulty replies (1h and 15m) in the run");
  assert.equal(repairs.length, 1, "said once for the symbol and fault");
  const first = replies[0];
  assert.deepEqual(repairs[0].details, {
    exchangeName: run.exchangeName,
    symbol: SYMBOL,
    interval: first.interval,
    since: first.since,
    limit: first.limit,
    repair: "order",
    count: first.length - 1,
  });
  assert.match(repairs[0].message, /out of time order .*sorted them/);
  const other = record(listenWarning, (w) => w.kind === "exchange-repair" && w.details.exchangeName === run.exchangeName);
  await collect(Backtest.run("ETHUSDT", run.ctx));
  await flush();
  other.stop();
  assert.deepEqual(other.events.map((w) => [w.details.symbol, w.details.repair]), [["ETHUSDT", "order"]], "another symbol is said on its own");
});

test("exchange-repair duplicates: every candle twice is deduplicated and counted", async () => {
  const replies = [];
  const run = await faultyReplies((call) => {
    const clean = call.reply();
    replies.push(clean.length);
    return clean.flatMap((candle) => [candle, { ...candle }]);
  });
  const repairs = ofKind(run.warnings, "exchange-repair");
  // The first read of a window asks for just its candles, so the doubled reply is also longer than asked.
  assert.deepEqual(repairs.map((w) => [w.details.repair, w.details.count]), [["duplicates", replies[0]], ["more-than-asked", replies[0]]]);
  assert.match(repairs[0].message, new RegExp(`dropped ${replies[0]} duplicate`));
});

test("exchange-repair out-of-range: a candle before the asked range is dropped and counted", async () => {
  const run = await faultyReplies((call) => {
    const step = call.interval === "1h" ? HOUR : 15 * 60_000;
    const clean = call.reply();
    return [{ ...clean[0], timestamp: call.since - step }, ...clean];
  });
  const repairs = ofKind(run.warnings, "exchange-repair");
  // The first read of a window asks for just its candles, so the extra candle is also one more than asked.
  assert.deepEqual(repairs.map((w) => [w.details.repair, w.details.count]), [["out-of-range", 1], ["more-than-asked", 1]]);
});

test("exchange-repair more-than-asked: a reply longer than the limit is cut to the asked range", async () => {
  const candles = series({ tail: 1_100 });
  const run = await runWithWarnings({
    candles,
    endDate: at(1),
    misbehave: (call) =>
      call.interval === "1m" ? call.all.filter((c) => c.timestamp >= call.since).slice(0, call.limit + 3) : call.reply(),
    signals: async (symbol) => {
      await getCandles(symbol, "1m", 5);
      return null;
    },
  });
  const repairs = ofKind(run.warnings, "exchange-repair");
  const first = run.calls.find((c) => c.interval === "1m");
  assert.deepEqual(
    repairs.map((w) => [w.details.repair, w.details.count, w.details.limit, w.details.interval]).sort(),
    [
      ["more-than-asked", 3, first.limit, "1m"],
      ["out-of-range", 3, first.limit, "1m"],
    ]
  );
});

test("a clean reply raises no exchange-repair", async () => {
  const run = await faultyReplies((call) => call.reply());
  assert.deepEqual(ofKind(run.warnings, "exchange-repair"), []);
});

test("signal-timeout: a getSignal tick past its bound says strategy, symbol, tick and bound", async () => {
  const run = await runWithWarnings({ candles: series({ tail: 30 }), endDate: at(1), signals: [() => never(), null] });
  const timeouts = ofKind(run.warnings, "signal-timeout");
  assert.equal(timeouts.length, 1);
  const { error, ...details } = timeouts[0].details;
  assert.deepEqual(details, {
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    symbol: SYMBOL,
    when: T0,
    timeoutMs: FAST_CONFIG.CC_GET_SIGNAL_TIMEOUT_MS,
  });
  assert.match(error, /timed out after 200 ms/);
  assert.match(timeouts[0].message, /the tick gives no signal/);
});

// ------------------------------------------------ data that ends inside a frame (the case)

/** 1m candles from 01:00 the day before... to 02:59 of T0's day: nothing after 03:00. */
const endsAtThree = () => candles1m(at(-60), flat(100, 60 + 180));
const FRAME_END = at(360); // 06:00
const OPEN = at(180); // 03:00

const dataEndedCase = (signal) =>
  runWithWarnings({
    candles: endsAtThree(),
    endDate: FRAME_END,
    signals: (symbol, when) => (when === OPEN ? signal : null),
  });

test("data ending inside a frame, no open trade: one data-ended warning with the last candle and the frame's end", async () => {
  const run = await dataEndedCase(null);
  assert.deepEqual(run.results, []);
  assert.deepEqual(ofKind(run.warnings, "trade-data-ended"), []);
  const ended = ofKind(run.warnings, "data-ended");
  assert.equal(ended.length, 1, "once per run");
  assert.deepEqual(ended[0].details, {
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: run.frameName,
    symbol: SYMBOL,
    lastCandle: at(179),
    frameEnd: FRAME_END,
  });
  assert.match(ended[0].message, /last 1m candle opens at 2024-01-01T02:59:00.000Z, before the frame's end 2024-01-01T06:00:00.000Z/);
});

test("data ending under an open trade: the trade is marked dataEnded, warned about and kept out of the figures", async () => {
  const run = await dataEndedCase({ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 });
  assert.equal(run.results.length, 1);
  const [trade] = run.results;
  assert.equal(trade.dataEnded, true);
  assert.equal(trade.signal.pendingAt, OPEN);
  const [warning] = ofKind(run.warnings, "trade-data-ended");
  assert.deepEqual(warning.details, {
    strategyName: run.strategyName,
    exchangeName: run.exchangeName,
    frameName: run.frameName,
    symbol: SYMBOL,
    signalId: trade.signal.id,
    scheduled: false,
    openTime: OPEN,
    until: OPEN + 60 * 60_000,
    lastCandle: at(179),
  });
  assert.match(warning.message, /the data ended while its trade .* \(opened 2024-01-01T03:00:00.000Z\) was open/);
  assert.equal(ofKind(run.warnings, "data-ended").length, 1, "the frame's data end is said as well");

  const stats = await Backtest.getData(SYMBOL, run.strategyName);
  assert.equal(stats.totalSignals, 0);
  assert.deepEqual(stats.signalList, []);
  assert.equal(stats.dataEndedCount, 1);
  assert.equal(stats.dataEndedList[0].signal.id, trade.signal.id);
  assert.equal(stats.winRate, null);
  assert.equal(stats.avgPnl, null);
  const report = await Backtest.getReport(SYMBOL, run.strategyName);
  assert.match(report, /\*\*Cut short by the end of data:\*\* 1 trade\(s\), 0 scheduled signal\(s\)/);
  assert.match(report, /## Trades cut short by the end of data[\s\S]*time_expired \(data ended\)/);
  assert.match(report, /\*\*Closed signals:\*\* 0/);
});

test("data ending while a scheduled signal waits: cancelled with dataEnded, counted apart from cancellations", async () => {
  const run = await dataEndedCase({
    position: "long", priceOpen: 95, priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60,
  });
  assert.deepEqual(run.results, []);
  const [warning] = ofKind(run.warnings, "trade-data-ended");
  assert.equal(warning.details.scheduled, true);
  assert.equal(warning.details.openTime, OPEN);
  assert.equal(warning.details.lastCandle, at(179));
  const stats = await Backtest.getData(SYMBOL, run.strategyName);
  assert.equal(stats.cancelledCount, 0);
  assert.equal(stats.dataEndedScheduledCount, 1);
  assert.equal(stats.dataEndedCount, 0);
});

test("a frame inside the data raises no data-ended warning", async () => {
  const run = await runWithWarnings({ candles: series({ tail: 30 }), endDate: at(10), signals: null });
  assert.deepEqual(ofKind(run.warnings, "data-ended"), []);
});

// ------------------------------------------------ bounded user code

const withListenerBound = (t, ms) => {
  setConfig({ CC_LISTENER_TIMEOUT_MS: ms });
  t.after(() => setConfig({ CC_LISTENER_TIMEOUT_MS: 30_000 }));
};

test("listener-timeout: an event listener that never settles no longer stalls the run", async (t) => {
  withListenerBound(t, 50);
  const setup = setupBacktest(lib, {
    label: "kinds",
    candles: series({ rows: [100, [100, 111, 100, 100]], tail: 30 }),
    endDate: at(3),
    signals: [{ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 }],
  });
  const stuck = lib.listenSignalBacktest(() => never());
  t.after(stuck);
  const { events, stop } = record(listenWarning, (w) => w.kind === "listener-timeout");
  t.after(stop);
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush(100);
  assert.equal(results.length, 1, "the run finished with its trade");
  assert.ok(events.length >= 1);
  assert.deepEqual(events[0].details, { listener: "listenSignalBacktest", timeoutMs: 50 });
  assert.match(events[0].message, /listenSignalBacktest did not settle within 50 ms/);
});

test("listener-timeout: a strategy callback that never settles is named and the run goes on", async (t) => {
  withListenerBound(t, 50);
  const run = await runWithWarnings({
    candles: series({ rows: [100, [100, 111, 100, 100]], tail: 30 }),
    endDate: at(3),
    signals: [{ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 }],
    strategyCallbacks: { onOpen: () => never() },
  });
  assert.equal(run.results.length, 1);
  assert.equal(run.results[0].closeReason, "take_profit");
  const timeouts = ofKind(run.warnings, "listener-timeout");
  assert.deepEqual(timeouts.map((w) => w.details), [{ listener: `strategy ${run.strategyName} callbacks.onOpen`, timeoutMs: 50 }]);
});

test("formatPrice and formatQuantity that never settle fail naming the exchange, symbol and bound", async (t) => {
  withListenerBound(t, 50);
  const failures = [];
  const setup = setupBacktest(lib, {
    label: "kinds",
    candles: series({ tail: 30 }),
    endDate: T0,
    signals: async (symbol) => {
      for (const call of [() => lib.formatPrice(symbol, 100), () => lib.formatQuantity(symbol, 1)]) {
        await call().catch((error) => failures.push(error.message));
      }
      return null;
    },
  });
  lib.addExchange({
    ...setup.exchange.schema,
    exchangeName: `${setup.exchangeName}-slow`,
    formatPrice: () => never(),
    formatQuantity: () => never(),
  });
  await collect(Backtest.run(SYMBOL, { ...setup.ctx, exchangeName: `${setup.exchangeName}-slow` }));
  assert.deepEqual(failures, [
    `exchange ${setup.exchangeName}-slow formatPrice(${SYMBOL}, 100) timed out after 50 ms`,
    `exchange ${setup.exchangeName}-slow formatQuantity(${SYMBOL}, 1) timed out after 50 ms`,
  ]);
});

test("setConfig checks CC_LISTENER_TIMEOUT_MS", () => {
  assert.throws(() => setConfig({ CC_LISTENER_TIMEOUT_MS: 0 }), /CC_LISTENER_TIMEOUT_MS/);
  assert.throws(() => setConfig({ CC_LISTENER_TIMEOUT_MS: "1000" }), /CC_LISTENER_TIMEOUT_MS/);
});

test("listener-error: a listener that throws is named with its error; the run and the other listeners go on", async (t) => {
  const setup = setupBacktest(lib, {
    label: "kinds",
    candles: series({ rows: [100, [100, 111, 100, 100]], tail: 30 }),
    endDate: at(3),
    signals: [{ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 }],
  });
  t.after(lib.listenDoneBacktest((done) => {
    if (done.strategyName === setup.strategyName) throw new Error("listener bug");
  }));
  const { events, stop } = record(listenWarning, (w) => w.kind === "listener-error");
  t.after(stop);
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.equal(results.length, 1);
  assert.deepEqual(events.map((w) => w.details), [{ listener: "listenDoneBacktest", error: "listener bug" }]);
  assert.match(events[0].message, /^listenDoneBacktest threw: listener bug/);
});

test("a stuck or throwing warning listener raises no warning about itself (no loop), and the run goes on", async (t) => {
  withListenerBound(t, 50);
  const stuck = listenWarning(() => never());
  const throwing = listenWarning(() => {
    throw new Error("warning listener bug");
  });
  t.after(() => {
    stuck();
    throwing();
  });
  const { events, stop } = record(listenWarning, (w) => w.kind === "listener-timeout" || w.kind === "listener-error");
  t.after(stop);
  const run = await runWithWarnings({ candles: endsAtThree(), endDate: FRAME_END, signals: null });
  await flush(200);
  assert.equal(ofKind(run.warnings, "data-ended").length, 1, "the run finished and its warning arrived");
  assert.deepEqual(events, []);
});

test("listener-timeout: stuck exchange onCandleData and frame onTimeframe callbacks are named", async (t) => {
  withListenerBound(t, 50);
  const run = await runWithWarnings({
    candles: series({ tail: 30 }),
    endDate: at(1),
    signals: async (symbol) => {
      await getCandles(symbol, "1m", 2);
      return null;
    },
    exchangeCallbacks: { onCandleData: () => never() },
    frameCallbacks: { onTimeframe: () => never() },
  });
  // each stuck callback once per call: the exchange is called again after the run, for its buy-and-hold and luck test
  const named = [...new Map(ofKind(run.warnings, "listener-timeout").map((w) => [w.details.listener, w.details])).values()];
  assert.deepEqual(named.sort((a, b) => a.listener.localeCompare(b.listener)), [
    { listener: `exchange ${run.exchangeName} callbacks.onCandleData`, timeoutMs: 50 },
    { listener: `frame ${run.frameName} callbacks.onTimeframe`, timeoutMs: 50 },
  ]);
});

test("exchange-repair from the candle store: a newest-first fetch reply is sorted and said once per read", async (t) => {
  const { makeTempDir } = await import("../helpers/tempDir.mjs");
  const { join } = await import("node:path");
  const path = join(await makeTempDir(t), "candles.sqlite");
  const exchangeName = `store-${Date.now()}`;
  const candles = series({ tail: 30 });
  const fetch = async (symbol, interval, since, limit) =>
    candles.filter((c) => c.timestamp >= since.getTime()).slice(0, limit).reverse();
  const { events, stop } = record(listenWarning, (w) => w.kind === "exchange-repair" && w.details.exchangeName === exchangeName);
  t.after(stop);
  const since = candles[0].timestamp;
  const read = await lib.CandleStore.read({ exchangeName, symbol: SYMBOL, interval: "1m", since: new Date(since), limit: 20, fetch, path });
  await flush();
  assert.deepEqual(read.map((c) => c.timestamp), candles.slice(0, 20).map((c) => c.timestamp));
  assert.deepEqual(events.map((w) => w.details), [
    { exchangeName, symbol: SYMBOL, interval: "1m", since, limit: 20, repair: "order", count: 19 },
  ]);
  assert.match(events[0].message, /^candle store: exchange store-\d+ fetch\(BTCUSDT, 1m, since .*\) returned candles out of time order/);
});

test("listener-timeout: a stuck walker callback is named and the walker goes on to its results", async (t) => {
  withListenerBound(t, 50);
  const setup = setupBacktest(lib, { label: "kinds", candles: series({ tail: 30 }), endDate: at(2), signals: null });
  const walkerName = `${setup.strategyName}-walker`;
  lib.addWalker({
    walkerName,
    exchangeName: setup.exchangeName,
    frameName: setup.frameName,
    strategies: [setup.strategyName],
    callbacks: { onStrategyStart: () => never() },
  });
  const { events, stop } = record(listenWarning, (w) => w.kind === "listener-timeout" && w.details.listener.startsWith(`walker ${walkerName}`));
  t.after(stop);
  const steps = await collect(lib.Walker.run(SYMBOL, { walkerName }));
  await flush();
  assert.equal(steps.length, 1);
  assert.deepEqual(events.map((w) => w.details), [{ listener: `walker ${walkerName} callbacks.onStrategyStart`, timeoutMs: 50 }]);
});
