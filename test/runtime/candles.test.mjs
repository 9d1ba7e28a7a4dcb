// Rules 1-3: candle closing, frame ticks, getCandles / getAveragePrice / getDate / getMode
// as seen from inside getSignal.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import {
  MIN, HOUR, T0, at, candles1m, flat, patch, series, expectedCandles, expectedAvgPrice,
  setupBacktest, collect,
} from "../helpers/synthetic.mjs";

const { Backtest, getCandles, getAveragePrice, getDate, getMode } = lib;
const SYMBOL = "BTCUSDT";

/** getAveragePrice as getSignal sees it at every tick of a backtest over `candles`. */
const averagePrices = async (candles, frame = {}) => {
  const seen = [];
  const setup = setupBacktest(lib, {
    candles,
    ...frame,
    signals: async (symbol) => {
      seen.push(await getAveragePrice(symbol));
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  return seen;
};

/** 1m candles with distinct values per minute, from T0-180m to T0+180m. */
const distinct = () => {
  const rows = [];
  for (let i = 0; i < 360; i++) {
    const open = 100 + i;
    const close = open + 0.5;
    rows.push([open, close + 1, open - 1, close, 1 + (i % 3)]);
  }
  return candles1m(at(-180), rows);
};

test("getCandles inside getSignal returns the n most recent closed candles, oldest first (1m, 5m, 1h)", async () => {
  const candles = distinct();
  const seen = [];
  const setup = setupBacktest(lib, {
    candles,
    startDate: T0,
    endDate: at(2),
    signals: async (symbol, when) => {
      seen.push({
        when,
        m1: await getCandles(symbol, "1m", 3),
        m5: await getCandles(symbol, "5m", 2),
        h1: await getCandles(symbol, "1h", 2),
      });
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.deepEqual(seen.map((s) => s.when), [T0, at(1), at(2)]);

  // at T0: the 1m candle opening at T0 is not closed yet
  assert.deepEqual(seen[0].m1.map((c) => c.timestamp), [at(-3), at(-2), at(-1)]);
  assert.deepEqual(seen[0].m5.map((c) => c.timestamp), [at(-10), at(-5)]);
  assert.deepEqual(seen[0].h1.map((c) => c.timestamp), [T0 - 2 * HOUR, T0 - HOUR]);
  // at T0+1m: the T0 1m candle closed at T0+1m; 5m candle at T0 still open until T0+5m
  assert.deepEqual(seen[1].m1.map((c) => c.timestamp), [at(-2), at(-1), at(0)]);
  assert.deepEqual(seen[1].m5.map((c) => c.timestamp), [at(-10), at(-5)]);
  assert.deepEqual(seen[2].m1.map((c) => c.timestamp), [at(-1), at(0), at(1)]);

  // values, not only timestamps: candle at T0-1m is row 179 => open 279, close 279.5, high 280.5, low 278, volume 1 + 179%3 = 3
  const last = seen[0].m1[2];
  assert.deepEqual(
    { open: last.open, high: last.high, low: last.low, close: last.close, volume: last.volume },
    { open: 279, high: 280.5, low: 278, close: 279.5, volume: 3 },
  );
  // the 1h candle T0-1h aggregates rows 120..179: open 220, close 279.5, high 280.5, low 219
  const h = seen[0].h1[1];
  assert.deepEqual(
    { open: h.open, high: h.high, low: h.low, close: h.close },
    { open: 220, high: 280.5, low: 219, close: 279.5 },
  );
  for (const s of seen) {
    for (const [interval, key, n] of [["1m", "m1", 3], ["5m", "m5", 2], ["1h", "h1", 2]]) {
      const got = s[key].map(({ timestamp, open, high, low, close, volume }) => ({ timestamp, open, high, low, close, volume }));
      assert.deepEqual(got, expectedCandles(candles, interval, s.when, n), `${interval} at ${new Date(s.when).toISOString()}`);
    }
  }
});

test("at an unaligned tick only candles with T + I <= when are returned", async () => {
  const candles = distinct();
  const seen = [];
  const start = T0 + 30_000; // 00:00:30
  const setup = setupBacktest(lib, {
    candles,
    startDate: start,
    endDate: start + 5 * MIN,
    signals: async (symbol, when) => {
      seen.push({ when, m1: await getCandles(symbol, "1m", 2), m5: await getCandles(symbol, "5m", 1) });
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.deepEqual(seen.map((s) => s.when), [0, 1, 2, 3, 4, 5].map((k) => start + k * MIN));
  // 00:00:30 -> last closed 1m opens 23:59; last closed 5m opens 23:55
  assert.deepEqual(seen[0].m1.map((c) => c.timestamp), [at(-2), at(-1)]);
  assert.deepEqual(seen[0].m5.map((c) => c.timestamp), [at(-5)]);
  // 00:01:30 -> 1m [23:59, 00:00]
  assert.deepEqual(seen[1].m1.map((c) => c.timestamp), [at(-1), at(0)]);
  // 00:04:30 -> 5m candle 00:00 still open; 00:05:30 -> closed
  assert.deepEqual(seen[4].m5.map((c) => c.timestamp), [at(-5)]);
  assert.deepEqual(seen[5].m5.map((c) => c.timestamp), [at(0)]);
});

test("getAveragePrice is the VWAP of the last 5 closed 1m candles", async () => {
  // typical prices 9, 20, 30, 40, 45 with volumes 1, 2, 3, 0, 4 => 319 / 10 = 31.9
  const rows = [
    [1000, 1000, 1000, 1000, 100], // T0-6m: outside the window
    [7, 12, 6, 9, 1],
    [20, 20, 20, 20, 2],
    [28, 33, 27, 30, 3],
    [40, 40, 40, 40, 0],
    [40, 60, 30, 45, 4],
    [5000, 5000, 5000, 5000, 100], // T0: not closed at T0
  ];
  const candles = candles1m(at(-6), rows);
  const seen = await averagePrices(candles);
  assert.equal(seen.length, 1);
  assert.ok(Math.abs(seen[0] - 31.9) < 1e-9, `expected 31.9, got ${seen[0]}`);
  assert.ok(Math.abs(seen[0] - expectedAvgPrice(candles, T0)) < 1e-9);
});

test("getAveragePrice is the mean close when all volumes are 0", async () => {
  const rows = [
    [10, 15, 5, 10, 0],
    [20, 30, 1, 20, 0],
    [30, 31, 29, 30, 0],
    [40, 90, 39, 40, 0],
    [50, 51, 2, 50, 0],
    [99, 99, 99, 99, 0],
  ];
  const candles = candles1m(at(-5), rows);
  const seen = await averagePrices(candles);
  assert.equal(seen.length, 1);
  assert.ok(Math.abs(seen[0] - 30) < 1e-9, `expected 30, got ${seen[0]}`);
});

test("getAveragePrice at an unaligned tick uses only closed candles", async () => {
  // closes 10..50 at T0-5m..T0-1m (volume 1, flat); T0 candle at 1000 must not count at 00:00:45
  const candles = candles1m(at(-5), [10, 20, 30, 40, 50, [1000, 1000, 1000, 1000, 1000], 70]);
  const seen = await averagePrices(candles, { startDate: T0 + 45_000, endDate: T0 + 45_000 });
  assert.equal(seen.length, 1);
  assert.ok(Math.abs(seen[0] - 30) < 1e-9, `expected 30, got ${seen[0]}`);
});

test("getDate() equals the tick and getMode() is 'backtest' inside getSignal", async () => {
  const candles = series({ tail: 30 });
  const seen = [];
  const setup = setupBacktest(lib, {
    candles,
    startDate: T0,
    endDate: at(3),
    signals: async (symbol, when) => {
      const date = await getDate();
      const mode = await getMode();
      seen.push({ when, date, mode });
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.equal(seen.length, 4);
  for (const s of seen) {
    assert.ok(s.date instanceof Date, "getDate returns a Date");
    assert.equal(s.date.getTime(), s.when);
    assert.equal(s.mode, "backtest");
  }
});

test("a 1m frame yields ticks from start stepping by 1m while tick <= end (11 ticks for 10 minutes)", async () => {
  const setup = setupBacktest(lib, { candles: series({ tail: 30 }), startDate: T0, endDate: at(10) });
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.equal(results.length, 0);
  assert.deepEqual(setup.signalCalls, Array.from({ length: 11 }, (_, k) => at(k)));
});

test("a 5m frame whose end is not on the grid stops at the last tick <= end; onTimeframe gets the dates", async () => {
  let timeframe = null;
  const setup = setupBacktest(lib, {
    candles: series({ tail: 30 }),
    frameInterval: "5m",
    startDate: T0,
    endDate: at(12),
    frameCallbacks: { onTimeframe: (dates, startDate, endDate, interval) => { timeframe = { dates, startDate, endDate, interval }; } },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.deepEqual(setup.signalCalls, [T0, at(5), at(10)]);
  assert.ok(timeframe, "onTimeframe was called");
  assert.deepEqual(timeframe.dates.map((d) => new Date(d).getTime()), [T0, at(5), at(10)]);
  assert.equal(timeframe.interval, "5m");
});

test("a frame whose end equals its start yields exactly one tick; end on the grid is included", async () => {
  const one = setupBacktest(lib, { candles: series({ tail: 30 }), startDate: at(3), endDate: at(3) });
  await collect(Backtest.run(SYMBOL, one.ctx));
  assert.deepEqual(one.signalCalls, [at(3)]);

  const hourly = setupBacktest(lib, { candles: series({ tail: 200 }), frameInterval: "1h", startDate: T0, endDate: T0 + 2 * HOUR });
  await collect(Backtest.run(SYMBOL, hourly.ctx));
  assert.deepEqual(hourly.signalCalls, [T0, T0 + HOUR, T0 + 2 * HOUR]);
});

test("the exchange is asked with the symbol, a Date since and a range that covers the closed candles wanted", async () => {
  const candles = distinct();
  const setup = setupBacktest(lib, {
    candles,
    startDate: T0,
    endDate: T0,
    signals: async (symbol) => {
      await getCandles(symbol, "1m", 10);
      await getCandles(symbol, "15m", 3);
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const m15 = setup.calls.filter((c) => c.interval === "15m");
  assert.ok(m15.length >= 1, "15m requested from the exchange");
  for (const call of m15) {
    assert.equal(call.symbol, SYMBOL);
    assert.ok(call.sinceRaw instanceof Date, "since is passed as a Date");
    assert.ok(call.since <= T0 - 3 * 15 * MIN, `15m since ${new Date(call.since).toISOString()} covers 3 closed candles`);
  }
});

test("a run's first read of the candles before its tick asks for just that window, as 1.4 did; the candles after a signal come in a chunk from the tick on", async () => {
  const setup = setupBacktest(lib, {
    candles: distinct(),
    startDate: T0,
    endDate: T0 + 10 * MIN,
    signals: [{ position: "long", priceTakeProfit: 10_000, priceStopLoss: 1, minuteEstimatedTime: 5 }],
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const m1 = setup.calls.filter((c) => c.interval === "1m").map((c) => [c.since - T0, c.limit]);
  assert.deepEqual(m1[0], [-5 * MIN, 5], "the VWAP window of the first tick alone");
  assert.deepEqual(m1[1], [0, 1_000], "then a chunk from the tick on");
});

test("CC_AVG_PRICE_CANDLES_COUNT sets the VWAP window (3 -> last 3 closed candles)", async (t) => {
  lib.setConfig({ CC_AVG_PRICE_CANDLES_COUNT: 3 });
  t.after(() => lib.setConfig({ CC_AVG_PRICE_CANDLES_COUNT: 5 }));
  // closes 10, 20, 30, 40, 50 (flat candles, volume 1) before T0 -> last 3: (30 + 40 + 50) / 3 = 40
  const candles = candles1m(at(-5), [10, 20, 30, 40, 50, 60]);
  const seen = await averagePrices(candles);
  assert.equal(seen.length, 1);
  assert.ok(Math.abs(seen[0] - 40) < 1e-9, `expected 40, got ${seen[0]}`);
});

test("formatPrice / formatQuantity inside getSignal answer with the exchange's formatting", async () => {
  const seen = [];
  const setup = setupBacktest(lib, {
    candles: series({ tail: 30 }),
    signals: async (symbol) => {
      seen.push([await lib.formatPrice(symbol, 1.23456), await lib.formatQuantity(symbol, 2)]);
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.deepEqual(seen, [["1.23", "2.0000"]]);
});

test("context helpers outside a run throw instead of answering with some time", async () => {
  await assert.rejects(async () => getCandles(SYMBOL, "1m", 3));
  await assert.rejects(async () => getAveragePrice(SYMBOL));
  await assert.rejects(async () => getDate());
  await assert.rejects(async () => getMode());
});

test("exchange onCandleData gets the checked reply (sorted, deduplicated) with symbol, interval, since, limit", async () => {
  const candles = distinct();
  const seen = [];
  const setup = setupBacktest(lib, {
    candles,
    misbehave: ({ reply }) => {
      const r = reply();
      return [...r, ...r.map((c) => ({ ...c }))].reverse();
    },
    exchangeCallbacks: { onCandleData: (symbol, interval, since, limit, data) => seen.push({ symbol, interval, since, limit, data }) },
    signals: async (symbol) => {
      await getCandles(symbol, "5m", 2);
      return null;
    },
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const m5 = seen.filter((s) => s.interval === "5m");
  assert.ok(m5.length >= 1, "onCandleData called for 5m");
  for (const s of m5) {
    assert.equal(s.symbol, SYMBOL);
    assert.ok(s.since instanceof Date);
    assert.ok(Number.isInteger(s.limit) && s.limit >= 2);
    const times = s.data.map((c) => c.timestamp);
    assert.ok(times.length > 0);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] > times[i - 1], "strictly increasing");
  }
});
