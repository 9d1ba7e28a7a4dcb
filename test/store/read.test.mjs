// Reading through the candle store: hits, misses, gaps, failing and misbehaving fetches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { CandleStore, formatError, setLogger } from "../../build/index.mjs";
import { SERIES_PATH, loadSeries, MINUTE } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import {
  SERIES_START, plain, seriesSlice, seriesFetch, csvLines, writeCsv, countRows, recordingLogger,
} from "../helpers/candleStore.mjs";

const EXCHANGE = "binance";
const SYMBOL = "BTCUSDT";
const HOUR = 60 * MINUTE;

/** A store file in a fresh temp dir. */
const storePath = async (t) => join(await makeTempDir(t), "candles.sqlite");

/** Seeds the first `minutes` 1m candles of the real series, without those in [gapFrom, gapTo). */
const seedPart = async (t, path, minutes, gapFrom = Infinity, gapTo = Infinity) => {
  const candles = loadSeries()
    .slice(0, minutes)
    .filter((c) => c.timestamp < gapFrom || c.timestamp >= gapTo);
  const file = await writeCsv(await makeTempDir(t), "part.csv", csvLines(candles));
  await CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
};

/** CandleStore.read of BTCUSDT on the test exchange. */
const read = (path, interval, since, limit, fetch) =>
  CandleStore.read({ exchangeName: EXCHANGE, symbol: SYMBOL, interval, since: new Date(since), limit, fetch, path });

/** A fetch that records its calls and fails with `error`. */
const failingFetch = (calls, error) => async (...args) => {
  calls.push(args);
  throw error;
};

/** Collects the library's warnings while a test runs. */
const recordWarnings = (t) => {
  const warnings = [];
  setLogger(recordingLogger(warnings));
  t.after(() => setLogger(recordingLogger()));
  return warnings;
};

test("a read the store can answer makes no fetch call", async (t) => {
  const path = await storePath(t);
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  const calls = [];
  const since = Date.UTC(2023, 2, 7, 13);
  assert.deepEqual(await read(path, "1m", since, 500, seriesFetch(calls)), seriesSlice("1m", since, 500));
  assert.deepEqual(await read(path, "15m", since, 96, seriesFetch(calls)), seriesSlice("15m", since, 96));
  assert.deepEqual(await read(path, "8h", SERIES_START, 63, seriesFetch(calls)), seriesSlice("8h", SERIES_START, 63));
  assert.equal(calls.length, 0);
});

test("a miss calls fetch once with the series, a Date and the limit, and stores the reply", async (t) => {
  const path = await storePath(t);
  const calls = [];
  const since = Date.UTC(2023, 2, 2);
  const first = await read(path, "5m", since, 300, seriesFetch(calls));
  assert.deepEqual(first, seriesSlice("5m", since, 300));
  assert.equal(calls.length, 1);
  assert.equal(calls[0].symbol, SYMBOL);
  assert.equal(calls[0].interval, "5m");
  assert.ok(calls[0].since instanceof Date);
  assert.equal(calls[0].since.getTime(), since);
  assert.equal(calls[0].limit, 300);
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "5m"), 300);

  const again = await read(path, "5m", since, 300, seriesFetch(calls));
  assert.deepEqual(again, first);
  assert.equal(calls.length, 1, "the second read is served by the store");
  assert.deepEqual(await read(path, "5m", since, 300), first, "and needs no fetch at all");
});

test("a since between open times is rounded up to the next one", async (t) => {
  const path = await storePath(t);
  await seedPart(t, path, 180);
  const got = await read(path, "1h", SERIES_START + 30_000, 2);
  assert.deepEqual(got.map((c) => c.timestamp), [SERIES_START + HOUR, SERIES_START + 2 * HOUR]);
});

test("a read stops at the first missing candle; a read from the gap fetches from there, and only then", async (t) => {
  const path = await storePath(t);
  const gapFrom = SERIES_START + 600 * MINUTE;
  const gapTo = gapFrom + HOUR;
  await seedPart(t, path, 1440, gapFrom, gapTo);

  const stored = await read(path, "1m", SERIES_START, 1440);
  assert.deepEqual(stored, seriesSlice("1m", SERIES_START, 600), "nothing after the gap is returned");
  const hours = await read(path, "1h", SERIES_START, 24);
  assert.deepEqual(hours.map((c) => c.timestamp), Array.from({ length: 10 }, (_, k) => SERIES_START + k * HOUR));

  const calls = [];
  const prefix = await read(path, "1m", SERIES_START, 1440, seriesFetch(calls));
  assert.deepEqual(prefix, seriesSlice("1m", SERIES_START, 600), "a stored start is a short reply, not a fetch");
  assert.equal(calls.length, 0);
  const rest = await read(path, "1m", gapFrom, 840, seriesFetch(calls));
  assert.deepEqual(rest, seriesSlice("1m", gapFrom, 840));
  assert.equal(calls.length, 1);
  assert.equal(calls[0].since.getTime(), gapFrom, "asked from the first missing candle");
  assert.equal(calls[0].limit, 840);
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), 1440);
  assert.deepEqual(await read(path, "1m", SERIES_START, 1440, seriesFetch(calls)), seriesSlice("1m", SERIES_START, 1440));
  assert.equal(calls.length, 1, "the gap, once fetched, is never fetched again");
});

test("a hole in the exchange's own data is skipped, not filled: the reply starts at the exchange's first candle", async (t) => {
  const path = await storePath(t);
  const holeEnd = SERIES_START + 30 * MINUTE;
  const calls = [];
  const fetch = async (symbol, interval, since, limit) => {
    calls.push({ since, limit });
    return seriesSlice("1m", Math.max(since.getTime(), holeEnd), limit).filter((c) => c.timestamp < since.getTime() + limit * MINUTE);
  };
  const got = await read(path, "1m", SERIES_START, 60, fetch);
  assert.deepEqual(got, seriesSlice("1m", holeEnd, 30));
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), 30);
});

test("a failing fetch with nothing stored rejects naming exchange, symbol, interval and time, with the cause", async (t) => {
  const path = await storePath(t);
  const since = Date.UTC(2023, 2, 5, 6);
  const cause = new Error("exchange down");
  const error = await read(path, "15m", since, 10, failingFetch([], cause)).then(
    () => assert.fail("read resolved"),
    (error) => error
  );
  assert.match(error.message, /binance/);
  assert.match(error.message, /BTCUSDT/);
  assert.match(error.message, /15m/);
  assert.match(error.message, /2023-03-05T06:00:00\.000Z/);
  assert.match(error.message, /fetching it failed: exchange down$/, "the message ends with the root cause");
  assert.equal(error.message.split("exchange down").length, 2, "once");
  assert.equal(error.cause, cause);
  assert.match(formatError(error), /fetching it failed: exchange down$/);
  assert.equal(countRows(path, EXCHANGE, SYMBOL), 0);
});

test("a bad candle in the reply is a failed fetch: nothing of that reply is stored", async (t) => {
  const path = await storePath(t);
  const since = Date.UTC(2023, 2, 5);
  const fetch = async (symbol, interval, from, limit) => {
    const candles = seriesSlice(interval, from.getTime(), limit);
    candles[3] = { ...candles[3], high: candles[3].low - 1 };
    return candles;
  };
  await assert.rejects(read(path, "1m", since, 10, fetch), (error) => {
    assert.match(error.message, /binance BTCUSDT 1m has no candle stored at 2023-03-05T00:00:00\.000Z/);
    assert.match(error.cause.message, /high .* < low/);
    return true;
  });
  assert.equal(countRows(path, EXCHANGE, SYMBOL), 0);
});

test("candles outside the asked span are dropped, not stored", async (t) => {
  const path = await storePath(t);
  const since = Date.UTC(2023, 2, 5);
  const fetch = async (symbol, interval, from, limit) => seriesSlice(interval, from.getTime() - 5 * MINUTE, limit + 10);
  const got = await read(path, "1m", since, 20, fetch);
  assert.deepEqual(got, seriesSlice("1m", since, 20));
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), 20);
});

test("a fetch that always returns the same page ends after two calls", async (t) => {
  const path = await storePath(t);
  const calls = [];
  const page = seriesSlice("1m", SERIES_START, 1000);
  const fetch = async (...args) => {
    calls.push(args);
    return page;
  };
  const got = await read(path, "1m", SERIES_START, 3000, fetch);
  assert.deepEqual(got, page);
  assert.equal(calls.length, 2, "the second reply adds nothing, so the loop stops");
  assert.equal(calls[1][2].getTime(), SERIES_START + 1000 * MINUTE);
});

test("a hole in the exchange's own data ends the loop after the reply that leaves it unfilled", async (t) => {
  const path = await storePath(t);
  const hole = SERIES_START + 50 * MINUTE;
  const calls = [];
  const fetch = async (symbol, interval, since, limit) => {
    calls.push(since.getTime());
    return seriesSlice(interval, since.getTime(), limit).filter((c) => c.timestamp !== hole);
  };
  const got = await read(path, "1m", SERIES_START, 100, fetch);
  assert.deepEqual(calls, [SERIES_START, hole], "asked once more from the hole, then stopped");
  assert.deepEqual(got, seriesSlice("1m", SERIES_START, 50), "nothing after the hole is returned");
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), 99, "what the exchange had is stored; nothing is made up");
});

test("a fetch that trickles one candle per call is called at most ceil(missing / 1000) + 1 times", async (t) => {
  const path = await storePath(t);
  const calls = [];
  const fetch = async (symbol, interval, since, limit) => {
    calls.push(limit);
    return seriesSlice(interval, since.getTime(), 1);
  };
  const got = await read(path, "1m", SERIES_START, 3000, fetch);
  assert.equal(calls.length, 4);
  assert.ok(calls.every((limit) => limit <= 1000), `limits ${calls}`);
  assert.deepEqual(got, seriesSlice("1m", SERIES_START, 4), "a short result: the caller asks again from its end");
});

test("candles that have not closed yet are neither asked for nor stored", async (t) => {
  const path = await storePath(t);
  const since = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
  const calls = [];
  const fetch = async (symbol, interval, from, limit) => {
    calls.push(limit);
    return Array.from({ length: 30 }, (_, k) => ({
      timestamp: from.getTime() + k * MINUTE, open: 10, high: 11, low: 9, close: 10, volume: 1,
    }));
  };
  const got = await read(path, "1m", since, 30, fetch);
  const now = Date.now();
  assert.ok(calls.length >= 1 && calls.every((limit) => limit < 30), `limits ${calls}`);
  assert.ok(got.length >= 10 && got.length < 30, `got ${got.length}`);
  assert.ok(got.every((c) => c.timestamp + MINUTE <= now), "every candle returned has closed");
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), got.length);
});

test("a read of an empty store without fetch is empty; the file and its directories are made on first use", async (t) => {
  const dir = await makeTempDir(t);
  const path = join(dir, "nested", "dir", "candles.sqlite");
  assert.deepEqual(await read(path, "1m", SERIES_START, 10), []);
  assert.ok(existsSync(path));
  assert.equal(countRows(path, EXCHANGE, SYMBOL), 0);
});

test("returned candles are plain copies: changing one does not change the store", async (t) => {
  const path = await storePath(t);
  await seedPart(t, path, 10);
  const [first] = await read(path, "1m", SERIES_START, 1);
  first.close = -1;
  const [again] = await read(path, "1m", SERIES_START, 1);
  assert.deepEqual(again, plain(loadSeries()[0]));
});
