// Rule 13 and the exchange-reply rules: timeouts, retries, malformed replies, throwing
// strategies and callbacks, background runs, walker isolation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import {
  MIN, T0, at, candles1m, series, patch, expectedCandles, expectedAvgPrice, expectedPnl,
  setupBacktest, syntheticExchange, collect, flush, never, mentions, mentionsTime, uniq,
  DEFAULT_CONFIG, FAST_CONFIG,
} from "../helpers/synthetic.mjs";

const {
  Backtest, Walker, setConfig, formatError, getCandles, getAveragePrice, listenError, listenSignalBacktest,
  addExchange, addFrame, addStrategy, addWalker,
} = lib;
const SYMBOL = "BTCUSDT";

before(() => setConfig({ ...FAST_CONFIG }));
after(() => setConfig({ ...DEFAULT_CONFIG }));

const long = (extra = {}) => ({ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60, ...extra });

/** Fails the test instead of hanging forever when a promise never settles. */
const settles = (promise, label, ms = 15_000) => {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not settle`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
};

/** Records listenError events mentioning `name`; returns { errors, stop }. */
const errorsFor = (name) => {
  const errors = [];
  const stop = listenError((e) => { if (mentions(e, name)) errors.push(e); });
  return { errors, stop };
};

/** Runs a backtest; returns { results, rejection, errors, opened } (never throws). */
const runSafely = async (setup) => {
  const { errors, stop } = errorsFor(setup.strategyName);
  const opened = [];
  const stopSignals = listenSignalBacktest((e) => {
    if (e?.strategyName === setup.strategyName && (e.action === "opened" || e.action === "closed")) opened.push(e);
  });
  const results = [];
  let rejection = null;
  let rejected = false;
  try {
    await settles((async () => {
      for await (const r of Backtest.run(SYMBOL, setup.ctx)) results.push(r);
    })(), "Backtest.run");
  } catch (error) {
    rejected = true;
    rejection = error;
  }
  await flush();
  stop();
  stopSignals();
  return { results, rejected, rejection, errors, opened };
};

// ---------------------------------------------------------------- getSignal timeout

test("getSignal that never resolves: timeout reported via listenError, the run goes on and finishes", { timeout: 30_000 }, async () => {
  const setup = setupBacktest(lib, {
    label: "hang",
    candles: series({ tail: 30 }),
    endDate: at(2),
    signals: [() => never(), long({ minuteEstimatedTime: 1 })],
  });
  const { results, rejected, rejection, errors } = await runSafely(setup);
  assert.equal(rejected, false, `run rejected: ${rejection?.message}`);
  assert.ok(errors.length >= 1, "timeout reported");
  assert.ok(errors.every((e) => e instanceof Error));
  assert.match(formatError(errors[0]), /time/i);
  assert.deepEqual(setup.signalCalls, [T0, at(1), at(2)]);
  assert.equal(results.length, 1);
  assert.equal(results[0].signal.pendingAt, at(1));
  assert.equal(results[0].closeTimestamp, at(2));
});

test("getSignal hanging at every tick: after CC_MAX_TIMEOUTS_IN_A_ROW timeouts the strategy counts as hung and the run rejects", { timeout: 30_000 }, async () => {
  const setup = setupBacktest(lib, {
    label: "hung",
    candles: series({ tail: 30 }),
    endDate: at(10),
    signals: async () => never(),
  });
  const { results, rejected, rejection, errors } = await runSafely(setup);
  assert.equal(rejected, true, "the run rejects");
  assert.match(formatError(rejection), /timed out 3 ticks in a row, so it counts as hung/);
  assert.ok(mentions(rejection, setup.strategyName), rejection.message);
  assert.deepEqual(setup.signalCalls, [T0, at(1), at(2)]);
  assert.equal(results.length, 0);
  assert.equal(errors.map((e) => formatError(e)).filter((line) => /timed out after/.test(line) && !/in a row/.test(line)).length, 2, "the first two timeouts are reported as tick errors");
});

// ---------------------------------------------------------------- retries

/** In exchange tests getSignal gets a large bound, so the exchange's own retries and timeouts decide. */
const roomyGetSignal = (t) => {
  setConfig({ CC_GET_SIGNAL_TIMEOUT_MS: 10_000 });
  t.after(() => setConfig({ CC_GET_SIGNAL_TIMEOUT_MS: FAST_CONFIG.CC_GET_SIGNAL_TIMEOUT_MS }));
};

test("exchange failing twice then succeeding is retried: 3 calls, correct candles", { timeout: 30_000 }, async (t) => {
  roomyGetSignal(t);
  const candles = series({ tail: 30 });
  let seen = null;
  const setup = setupBacktest(lib, {
    label: "flaky",
    candles,
    misbehave: ({ interval, nth, reply }) => {
      if (interval === "1h" && nth < 2) throw new Error("flaky exchange");
      return reply();
    },
    signals: [async (symbol) => { seen = await getCandles(symbol, "1h", 2); return null; }],
  });
  const { rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, `run rejected: ${rejection?.message}`);
  assert.equal(setup.calls.filter((c) => c.interval === "1h").length, 3);
  assert.deepEqual(
    seen.map(({ timestamp, open, high, low, close, volume }) => ({ timestamp, open, high, low, close, volume })),
    expectedCandles(candles, "1h", T0, 2),
  );
});

test("exchange always failing: error after CC_GET_CANDLES_RETRY_COUNT attempts, the run rejects", { timeout: 30_000 }, async (t) => {
  roomyGetSignal(t);
  setConfig({ CC_GET_CANDLES_RETRY_COUNT: 4 });
  t.after(() => setConfig({ CC_GET_CANDLES_RETRY_COUNT: DEFAULT_CONFIG.CC_GET_CANDLES_RETRY_COUNT }));
  const setup = setupBacktest(lib, {
    label: "down",
    candles: series({ tail: 30 }),
    misbehave: ({ interval, reply }) => {
      if (interval === "1h") throw new Error("exchange down");
      return reply();
    },
    signals: [async (symbol) => { await getCandles(symbol, "1h", 2); return long(); }],
  });
  const { rejected, rejection, results, opened } = await runSafely(setup);
  assert.equal(rejected, true, "run rejects");
  assert.ok(rejection instanceof Error);
  assert.ok(mentions(rejection, "exchange down") || mentions(rejection, setup.exchangeName), rejection.message);
  assert.equal(setup.calls.filter((c) => c.interval === "1h").length, 4);
  assert.equal(results.length, 0);
  assert.equal(opened.length, 0);
});

test("exchange hanging once: the attempt times out and the retry gives the right candles", { timeout: 30_000 }, async (t) => {
  roomyGetSignal(t);
  const candles = series({ tail: 30 });
  let seen = null;
  const setup = setupBacktest(lib, {
    label: "hang1",
    candles,
    misbehave: ({ interval, nth, reply }) => (interval === "1h" && nth === 0 ? never() : reply()),
    signals: [async (symbol) => { seen = await getCandles(symbol, "1h", 2); return null; }],
  });
  const { rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, `run rejected: ${rejection?.message}`);
  assert.equal(setup.calls.filter((c) => c.interval === "1h").length, 2);
  assert.deepEqual(seen.map((c) => c.timestamp), expectedCandles(candles, "1h", T0, 2).map((c) => c.timestamp));
});

test("exchange always hanging: a timeout error is reported and the run settles", { timeout: 30_000 }, async (t) => {
  roomyGetSignal(t);
  const setup = setupBacktest(lib, {
    label: "hangall",
    candles: series({ tail: 30 }),
    misbehave: ({ interval, reply }) => (interval === "1h" ? never() : reply()),
    signals: [async (symbol) => { await getCandles(symbol, "1h", 2); return long(); }],
  });
  const { rejected, rejection, errors, results } = await runSafely(setup);
  // rule 13: a timeout is reported and the run goes on
  assert.equal(rejected, false, `run rejected: ${rejection?.message}`);
  assert.ok(errors.some((e) => e instanceof Error && /time/i.test(formatError(e))), errors.map((e) => formatError(e)).join(" | "));
  assert.equal(setup.calls.filter((c) => c.interval === "1h").length, 3, "CC_GET_CANDLES_RETRY_COUNT attempts");
  assert.equal(results.length, 0, "nothing traded on a signal whose getSignal failed");
});

// ---------------------------------------------------------------- repaired replies

/** 1m candles with varying values so that order matters. */
const varied = () => {
  const rows = [];
  for (let i = 0; i < 180; i++) {
    const c = 100 + ((i * 7) % 11) / 10;
    rows.push([c - 0.05, c + 0.2, c - 0.3, c, 1 + (i % 4)]);
  }
  rows.push(100, 100, 100, [100, 111, 99, 100]);
  for (let i = 0; i < 30; i++) rows.push(100);
  return candles1m(at(-180), rows);
};

const observeAndTrade = (store) => async (symbol) => {
  store.m1 = await getCandles(symbol, "1m", 5);
  store.m5 = await getCandles(symbol, "5m", 2);
  store.avg = await getAveragePrice(symbol);
  return long();
};

const strip = (c) => ({ timestamp: c.timestamp, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
const summary = (r) => ({
  closeReason: r.closeReason, closeTimestamp: r.closeTimestamp, currentPrice: r.currentPrice,
  priceOpen: r.signal.priceOpen, pendingAt: r.signal.pendingAt, pnl: r.pnl.pnlPercentage,
});

test("unsorted and duplicated replies are repaired: same candles, same trade as clean data", { timeout: 30_000 }, async () => {
  const candles = varied();
  const clean = {};
  const cleanRun = await runSafely(setupBacktest(lib, { label: "clean", candles, signals: [observeAndTrade(clean)] }));
  const messy = {};
  const messyRun = await runSafely(setupBacktest(lib, {
    label: "messy",
    candles,
    misbehave: ({ reply }) => {
      const r = reply();
      return [...r, ...r.map((c) => ({ ...c }))].reverse();
    },
    signals: [observeAndTrade(messy)],
  }));
  assert.equal(cleanRun.rejected, false, cleanRun.rejection?.message);
  assert.equal(messyRun.rejected, false, messyRun.rejection?.message);
  assert.deepEqual(clean.m1.map(strip), expectedCandles(candles, "1m", T0, 5));
  assert.ok(Math.abs(clean.avg - expectedAvgPrice(candles, T0)) < 1e-9);
  assert.deepEqual(messy.m1.map(strip), clean.m1.map(strip));
  assert.deepEqual(messy.m5.map(strip), clean.m5.map(strip));
  assert.ok(Math.abs(messy.avg - clean.avg) < 1e-9, `avg ${messy.avg} vs ${clean.avg}`);
  assert.equal(cleanRun.results.length, 1);
  assert.equal(messyRun.results.length, 1);
  assert.deepEqual(summary(messyRun.results[0]), summary(cleanRun.results[0]));
  assert.equal(cleanRun.results[0].closeReason, "take_profit");
  assert.equal(cleanRun.results[0].closeTimestamp, at(4));
});

// ---------------------------------------------------------------- malformed replies

const BAD = at(-2);
const HISTORY_FAULTS = [
  ["an unaligned timestamp", (c) => patch(c, BAD, { timestamp: BAD + 1000 }), BAD + 1000],
  ["a NaN close", (c) => patch(c, BAD, { close: NaN }), BAD],
  ["a non-numeric close", (c) => patch(c, BAD, { close: "100" }), BAD],
  ["a null open", (c) => patch(c, BAD, { open: null }), BAD],
  ["a negative low", (c) => patch(c, BAD, { low: -1 }), BAD],
  ["a negative volume", (c) => patch(c, BAD, { volume: -1 }), BAD],
  ["high < low", (c) => patch(c, BAD, { high: 99, low: 101 }), BAD],
];

for (const [title, corrupt, badTime] of HISTORY_FAULTS) {
  test(`a reply with ${title} -> error naming exchange, symbol, interval and timestamp; never traded on`, { timeout: 30_000 }, async () => {
    const setup = setupBacktest(lib, {
      label: "bad",
      candles: corrupt(series({ tail: 30 })),
      signals: [async (symbol) => { await getCandles(symbol, "1m", 5); return long(); }],
    });
    const { rejected, rejection, errors, results, opened } = await runSafely(setup);
    const reported = [...errors, ...(rejected ? [rejection] : [])];
    const named = reported.find((e) =>
      e instanceof Error && mentions(e, setup.exchangeName) && mentions(e, SYMBOL) && mentions(e, "1m") && mentionsTime(e, badTime));
    assert.ok(named, `an error names exchange, symbol, 1m and ${new Date(badTime).toISOString()}: ${reported.map((e) => e?.message).join(" | ")}`);
    assert.equal(results.length, 0);
    assert.equal(opened.length, 0);
  });
}

test("a reply with conflicting duplicates (same timestamp, different volume) -> error naming the timestamp", { timeout: 30_000 }, async () => {
  const setup = setupBacktest(lib, {
    label: "conflict",
    candles: series({ tail: 30 }),
    misbehave: ({ reply }) => {
      const r = reply();
      const twin = r.find((c) => c.timestamp === BAD);
      return twin ? [...r, { ...twin, volume: twin.volume + 1 }] : r;
    },
    signals: [async (symbol) => { await getCandles(symbol, "1m", 5); return long(); }],
  });
  const { rejected, rejection, errors, results, opened } = await runSafely(setup);
  const reported = [...errors, ...(rejected ? [rejection] : [])];
  assert.ok(
    reported.some((e) => e instanceof Error && mentions(e, setup.exchangeName) && mentions(e, SYMBOL) && mentionsTime(e, BAD)),
    reported.map((e) => e?.message).join(" | "),
  );
  assert.equal(results.length, 0);
  assert.equal(opened.length, 0);
});

for (const [title, fields] of [["high < low touching TP", { high: 111, low: 112 }], ["a negative low touching SL", { low: -5 }]]) {
  test(`a malformed candle inside the watched window (${title}) is an error, not a close`, { timeout: 30_000 }, async () => {
    const setup = setupBacktest(lib, {
      label: "badwatch",
      candles: patch(series({ tail: 30 }), at(1), fields),
      signals: [long()],
    });
    const { rejected, rejection, errors, results } = await runSafely(setup);
    const reported = [...errors, ...(rejected ? [rejection] : [])];
    assert.ok(
      reported.some((e) => e instanceof Error && mentions(e, setup.exchangeName) && mentions(e, SYMBOL) && mentionsTime(e, at(1))),
      `error names the bad candle: ${reported.map((e) => e?.message).join(" | ")}`,
    );
    assert.equal(results.filter((r) => r.closeTimestamp === at(2)).length, 0, "no close on the malformed candle");
  });
}

// ---------------------------------------------------------------- extra / future candles

test("more candles than asked and candles from the future never reach getSignal", { timeout: 30_000 }, async () => {
  // history at 100..101, everything from T0 on at 500
  const rows = [];
  for (let i = 0; i < 180; i++) rows.push([100, 101, 99, 100 + (i % 10) / 10, 1]);
  for (let i = 0; i < 60; i++) rows.push([500, 500, 500, 500, 1000]);
  const candles = candles1m(at(-180), rows);
  const seen = {};
  const setup = setupBacktest(lib, {
    label: "future",
    candles,
    misbehave: ({ since, limit, all }) => {
      // everything from `since`, 10 more than asked, plus 3 older candles before `since`
      const older = all.filter((c) => c.timestamp < since).slice(-3);
      const from = all.filter((c) => c.timestamp >= since).slice(0, limit + 10);
      return [...older, ...from].map((c) => ({ ...c }));
    },
    signals: [async (symbol) => {
      seen.m1 = await getCandles(symbol, "1m", 3);
      seen.m5 = await getCandles(symbol, "5m", 2);
      seen.avg = await getAveragePrice(symbol);
      return null;
    }],
  });
  const { rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, rejection?.message);
  assert.deepEqual(seen.m1.map(strip), expectedCandles(candles, "1m", T0, 3));
  assert.deepEqual(seen.m5.map(strip), expectedCandles(candles, "5m", T0, 2));
  assert.ok(seen.m1.every((c) => c.close < 500));
  assert.ok(Math.abs(seen.avg - expectedAvgPrice(candles, T0)) < 1e-9, `avg ${seen.avg}`);
});

test("extras in every reply never reach getSignal, also where the runtime asks the exchange again (long frame)", { timeout: 60_000 }, async () => {
  // 1011 one-minute ticks: long enough that any chunked reader has to ask the exchange more than once
  const rows = [];
  for (let i = 0; i < 1300; i++) {
    const c = 100 + (i % 13) / 10;
    rows.push([c, c + 0.5, c - 0.5, c, 1 + (i % 5)]);
  }
  const candles = candles1m(at(-60), rows);
  const seen = [];
  const setup = setupBacktest(lib, {
    label: "longextra",
    candles,
    endDate: at(1010),
    misbehave: ({ since, limit, all }) => {
      const older = all.filter((c) => c.timestamp < since).slice(-3);
      const from = all.filter((c) => c.timestamp >= since).slice(0, limit + 10);
      return [...older, ...from].map((c) => ({ ...c }));
    },
    signals: async (symbol, when) => {
      seen.push({ when, m1: await getCandles(symbol, "1m", 3) });
      return null;
    },
  });
  const { rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, rejection?.message);
  assert.equal(seen.length, 1011);
  for (const { when, m1 } of seen) {
    assert.deepEqual(m1.map(strip), expectedCandles(candles, "1m", when, 3), new Date(when).toISOString());
  }
});

// An exchange may answer with fewer candles than asked (real exchanges cap a reply at 100..1000
// candles); "at most limit" makes that a valid reply, not the end of the data.
const capped = (cap) => ({ reply }) => reply().slice(0, cap);

test("an exchange capping replies at 100 candles still serves every tick (shorter reply != end of data)", { timeout: 60_000 }, async () => {
  const candles = series({ tail: 400 });
  const seen = [];
  const setup = setupBacktest(lib, {
    label: "capped",
    candles,
    strategyInterval: "1h",
    endDate: at(300),
    misbehave: capped(100),
    signals: async (symbol, when) => {
      seen.push({ when, m1: await getCandles(symbol, "1m", 3) });
      return null;
    },
  });
  const { rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, rejection?.message);
  assert.deepEqual(seen.map((s) => s.when), [T0, at(60), at(120), at(180), at(240), at(300)]);
  for (const { when, m1 } of seen) {
    assert.deepEqual(m1.map((c) => c.timestamp), expectedCandles(candles, "1m", when, 3).map((c) => c.timestamp), new Date(when).toISOString());
  }
});

test("an exchange capping replies at 100 candles: a trade is watched past the first reply", { timeout: 60_000 }, async () => {
  // TP touched on the T0+250m candle, lifetime 300
  const rows = Array(250).fill(100);
  rows.push([100, 111, 100, 100]);
  const setup = setupBacktest(lib, {
    label: "capped-trade",
    candles: series({ rows, tail: 100 }),
    misbehave: capped(100),
    signals: [long({ minuteEstimatedTime: 300 })],
  });
  const { results, rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, rejection?.message);
  assert.equal(results.length, 1);
  assert.equal(results[0].closeReason, "take_profit");
  assert.equal(results[0].closeTimestamp, at(251));
});

test("extra candles beyond the signal lifetime are not watched", { timeout: 30_000 }, async () => {
  // lifetime 3: T0..T0+2m watched; the T0+3m candle touches TP but must not count
  const candles = series({ rows: [100, [100, 101, 99, 100.5], [100.5, 101, 100, 101], [101, 111, 100, 105]], tail: 30 });
  const setup = setupBacktest(lib, {
    label: "beyond",
    candles,
    misbehave: ({ since, limit, all }) => all.filter((c) => c.timestamp >= since).slice(0, limit + 10).map((c) => ({ ...c })),
    signals: [long({ minuteEstimatedTime: 3 })],
  });
  const { results, rejected, rejection } = await runSafely(setup);
  assert.equal(rejected, false, rejection?.message);
  assert.equal(results.length, 1);
  assert.equal(results[0].closeReason, "time_expired");
  assert.equal(results[0].closeTimestamp, at(3));
  assert.equal(results[0].currentPrice, 101);
});

// ---------------------------------------------------------------- throwing strategies

test("getSignal throwing an Error: the run rejects with it and listenError gets it naming the strategy", { timeout: 30_000 }, async () => {
  const setup = setupBacktest(lib, {
    label: "throw",
    candles: series({ tail: 30 }),
    endDate: at(3),
    signals: [() => { throw new Error("boom in getSignal"); }],
  });
  const { rejected, rejection, errors, results } = await runSafely(setup);
  assert.equal(rejected, true);
  assert.ok(mentions(rejection, "boom in getSignal"), rejection?.message);
  assert.equal(results.length, 0);
  assert.ok(errors.length >= 1, "listenError got an error naming the strategy");
  assert.ok(errors[0] instanceof Error);
  assert.ok(mentions(errors[0], "boom in getSignal"), errors[0].message);
});

for (const [title, thrown] of [["null", null], ["a string", "text thrown"], ["a number", 42]]) {
  test(`getSignal throwing ${title}: listenError receives an Error mentioning the strategy, the run rejects with an Error`, { timeout: 30_000 }, async () => {
    const setup = setupBacktest(lib, {
      label: "throwx",
      candles: series({ tail: 30 }),
      signals: [() => { throw thrown; }],
    });
    const { rejected, rejection, errors } = await runSafely(setup);
    assert.equal(rejected, true);
    assert.ok(rejection instanceof Error, `rejection is an Error, got ${rejection}`);
    assert.ok(errors.length >= 1, "listenError got an Error naming the strategy");
    assert.ok(errors[0] instanceof Error);
    if (typeof thrown === "string") assert.ok(mentions(errors[0], thrown), errors[0].message);
  });
}

for (const [title, thrown] of [["an Error", new Error("bg boom")], ["a string", "bg text"]]) {
  test(`Backtest.background with getSignal throwing ${title}: no unhandled rejection, listenError gets it`, { timeout: 30_000 }, async () => {
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const setup = setupBacktest(lib, {
        label: "bg",
        candles: series({ tail: 30 }),
        signals: [() => { throw thrown; }],
      });
      let stop;
      const got = new Promise((resolve) => {
        stop = listenError((e) => { if (mentions(e, setup.strategyName)) resolve(e); });
      });
      const cancel = Backtest.background(SYMBOL, setup.ctx);
      assert.equal(typeof cancel, "function");
      const error = await settles(got, "listenError for the background run");
      stop();
      assert.ok(error instanceof Error);
      await flush(50);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
}

test("Backtest.background returns a cancel function that stops the run at its next tick", { timeout: 30_000 }, async () => {
  let cancel = null;
  const setup = setupBacktest(lib, {
    label: "cancel",
    candles: series({ tail: 1100 }),
    endDate: at(1000),
    signals: (symbol, when, { n }) => {
      if (n === 4) cancel();
      return null;
    },
  });
  let stopDone;
  const done = new Promise((resolveDone) => {
    stopDone = lib.listenDoneBacktest((e) => { if (e?.strategyName === setup.strategyName) resolveDone(e); });
  });
  cancel = Backtest.background(SYMBOL, setup.ctx);
  assert.equal(typeof cancel, "function");
  await settles(done, "listenDoneBacktest after cancel");
  stopDone();
  assert.equal(setup.signalCalls.length, 5, "no tick after the one that cancelled");
});

test("Walker.background with a failing strategy: no unhandled rejection, the walker is done", { timeout: 30_000 }, async () => {
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    const ex = syntheticExchange(series({ tail: 30 }), { exchangeName: uniq("wbex") });
    addExchange(ex.schema);
    const frameName = uniq("wbframe");
    addFrame({ frameName, interval: "1m", startDate: new Date(T0), endDate: new Date(at(2)) });
    const bad = uniq("wb-bad");
    addStrategy({ strategyName: bad, interval: "1m", getSignal: async () => { throw "plain text"; } });
    const walkerName = uniq("wb");
    addWalker({ walkerName, exchangeName: ex.exchangeName, frameName, strategies: [bad] });
    let stopDone;
    const done = new Promise((resolveDone) => {
      stopDone = lib.listenDoneWalker((e) => { if (e?.walkerName === walkerName || e?.strategyName === walkerName) resolveDone(e); });
    });
    const { errors, stop } = errorsFor(bad);
    const cancel = Walker.background(SYMBOL, { walkerName });
    assert.equal(typeof cancel, "function");
    await settles(done, "listenDoneWalker");
    await flush(50);
    stop();
    stopDone();
    assert.ok(errors.some((e) => e instanceof Error), "the failure reached listenError");
    assert.deepEqual(unhandled, []);
    const data = await Walker.getData(SYMBOL, walkerName);
    assert.deepEqual(data.failedStrategies.map((f) => f.strategyName), [bad]);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});

// ---------------------------------------------------------------- walker isolation

test("walker: throwing, hanging and onOpen-throwing strategies are isolated; the good one has full results", { timeout: 60_000 }, async () => {
  const candles = series({ rows: [100, [100, 111, 100, 100], ...Array(10).fill(100)], tail: 30 });
  const ex = syntheticExchange(candles, { exchangeName: uniq("wex") });
  addExchange(ex.schema);
  const frameName = uniq("wframe");
  addFrame({ frameName, interval: "1m", startDate: new Date(T0), endDate: new Date(at(3)) });

  const good = uniq("w-good");
  let goodCalls = 0;
  addStrategy({ strategyName: good, interval: "1m", getSignal: async () => (goodCalls++ === 0 ? long() : null) });
  const thrower = uniq("w-throw");
  addStrategy({ strategyName: thrower, interval: "1m", getSignal: async () => { throw new Error("walker boom"); } });
  const hanger = uniq("w-hang");
  addStrategy({ strategyName: hanger, interval: "1m", getSignal: () => never() });
  const openThrower = uniq("w-onopen");
  let openCalls = 0;
  addStrategy({
    strategyName: openThrower,
    interval: "1m",
    getSignal: async () => (openCalls++ === 0 ? long({ minuteEstimatedTime: 1, priceTakeProfit: 120 }) : null),
    callbacks: { onOpen: () => { throw new Error("onOpen boom"); } },
  });

  const strategyErrors = [];
  const completed = [];
  let completeResults = null;
  const walkerName = uniq("walker");
  addWalker({
    walkerName,
    exchangeName: ex.exchangeName,
    frameName,
    strategies: [thrower, hanger, openThrower, good],
    metric: "totalPnl",
    callbacks: {
      onStrategyError: (strategyName, symbol, error) => strategyErrors.push({ strategyName, symbol, error }),
      onStrategyComplete: (strategyName) => completed.push(strategyName),
      onComplete: (results) => { completeResults = results; },
    },
  });

  const errors = [];
  const stop = listenError((e) => errors.push(e));
  let contracts;
  try {
    contracts = await settles(collect(Walker.run(SYMBOL, { walkerName })), "Walker.run", 45_000);
  } finally {
    await flush();
    stop();
  }

  // the good strategy: one take-profit trade, full stats
  const goodContract = contracts.find((c) => c.strategyName === good);
  assert.ok(goodContract, "a WalkerContract for the good strategy");
  assert.equal(goodContract.stats.totalSignals, 1);
  const data = await Walker.getData(SYMBOL, walkerName);
  const goodResult = data.strategyResults.find((r) => r.strategyName === good);
  assert.ok(goodResult, "good strategy in strategyResults");
  assert.equal(goodResult.stats.totalSignals, 1);
  assert.equal(goodResult.stats.signalList[0].closeReason, "take_profit");
  assert.ok(Math.abs(goodResult.stats.totalPnl - expectedPnl("long", 100, 110)) < 1e-9);
  assert.equal(data.bestStrategy, good);
  assert.ok(completed.includes(good));
  assert.ok(completeResults, "onComplete called");

  // the thrower is reported and listed as failed
  assert.ok(strategyErrors.some((e) => e.strategyName === thrower && mentions(e.error, "walker boom")), "onStrategyError for the thrower");
  assert.ok(data.failedStrategies.some((f) => f.strategyName === thrower), "thrower in failedStrategies");
  assert.ok(!data.strategyResults.some((r) => r.strategyName === thrower), "thrower has no results");
  assert.ok(errors.some((e) => mentions(e, thrower)), "listenError names the thrower");
  // the hanger's timeouts are reported, and after three in a row it is skipped as hung
  assert.ok(errors.some((e) => mentions(e, hanger) && /time/i.test(formatError(e))), "hanging strategy's timeouts reported");
  assert.ok(strategyErrors.some((e) => e.strategyName === hanger && /counts as hung/.test(formatError(e.error))), "onStrategyError for the hanger");
  assert.ok(data.failedStrategies.some((f) => f.strategyName === hanger), "hanger in failedStrategies");
  // the onOpen failure is reported
  assert.ok(
    errors.some((e) => mentions(e, "onOpen boom") || mentions(e, openThrower)) ||
      strategyErrors.some((e) => e.strategyName === openThrower),
    "onOpen failure reported",
  );
});
