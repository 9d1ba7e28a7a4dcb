// CandleStore facade: argument checks name the field and value; where the store file lives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { CandleStore } from "../../build/index.mjs";
import { loadSeries } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { SERIES_START, seriesFetch, seriesSlice, csvLines, writeCsv, countRows } from "../helpers/candleStore.mjs";

const require = createRequire(import.meta.url);

const EXCHANGE = "binance";
const SYMBOL = "BTCUSDT";

/** Read options that pass every check, with `patch` applied. */
const readOptions = (path, patch = {}) => ({
  exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1m", since: new Date(SERIES_START), limit: 5, path, ...patch,
});

test("CandleStore.read names the bad field and its value", async (t) => {
  const path = join(await makeTempDir(t), "candles.sqlite");
  const cases = [
    [{ exchangeName: "" }, /CandleStore\.read: exchangeName must be a non-empty string, got ""/],
    [{ symbol: 5 }, /CandleStore\.read: symbol must be a non-empty string, got 5/],
    [{ interval: "2m" }, /CandleStore\.read: interval must be one of 1m, 3m, .*, got "2m"/],
    [{ since: new Date(NaN) }, /CandleStore\.read: since must be a valid Date, got Invalid Date/],
    [{ since: SERIES_START }, /CandleStore\.read: since must be a valid Date, got 1677628800000/],
    [{ limit: 0 }, /CandleStore\.read: limit must be a positive integer, got 0/],
    [{ limit: 1.5 }, /CandleStore\.read: limit must be a positive integer, got 1\.5/],
    [{ fetch: "ccxt" }, /CandleStore\.read: fetch must be a function, got "ccxt"/],
    [{ path: "" }, /CandleStore\.read: path must be a non-empty string, got ""/],
  ];
  for (const [patch, pattern] of cases) {
    await assert.rejects(CandleStore.read(readOptions(path, patch)), pattern);
  }
  await assert.rejects(CandleStore.read(null), /CandleStore\.read: options must be an object .*, got null/);
  assert.equal(existsSync(path), false, "no check opened the store");
});

test("CandleStore.seedFile names the bad argument and its value", async (t) => {
  const dir = await makeTempDir(t);
  const path = join(dir, "candles.sqlite");
  await assert.rejects(CandleStore.seedFile("", { exchangeName: EXCHANGE, symbol: SYMBOL, path }), /CandleStore\.seedFile: file must be a non-empty string, got ""/);
  await assert.rejects(CandleStore.seedFile("x.csv", "binance"), /CandleStore\.seedFile: options must be an object \{ exchangeName, symbol, path\? \}, got "binance"/);
  await assert.rejects(CandleStore.seedFile("x.csv", { exchangeName: EXCHANGE, symbol: "", path }), /symbol must be a non-empty string, got ""/);
  await assert.rejects(CandleStore.seedFile(join(dir, "absent.csv"), { exchangeName: EXCHANGE, symbol: SYMBOL, path }), /ENOENT.*absent\.csv/);
  assert.equal(existsSync(path), false);
});

test("without a path the store is $BACKTEST_KIT_CANDLE_STORE, else ./.backtest-kit/candles.sqlite of the working directory", async (t) => {
  const dir = await makeTempDir(t);
  const file = await writeCsv(dir, "day.csv", csvLines(loadSeries().slice(0, 60)));
  const before = process.cwd();
  const envBefore = process.env.BACKTEST_KIT_CANDLE_STORE;
  t.after(() => {
    process.chdir(before);
    if (envBefore === undefined) delete process.env.BACKTEST_KIT_CANDLE_STORE;
    else process.env.BACKTEST_KIT_CANDLE_STORE = envBefore;
  });

  const envPath = join(dir, "from-env.sqlite");
  process.env.BACKTEST_KIT_CANDLE_STORE = envPath;
  await CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL });
  assert.equal(countRows(envPath, EXCHANGE, SYMBOL, "1m"), 60);

  delete process.env.BACKTEST_KIT_CANDLE_STORE;
  process.chdir(dir);
  await CandleStore.seedFile(file, { exchangeName: "cwd", symbol: SYMBOL });
  const defaultPath = join(dir, ".backtest-kit", "candles.sqlite");
  assert.equal(countRows(defaultPath, "cwd", SYMBOL, "1m"), 60);
  assert.equal(countRows(envPath, "cwd", SYMBOL), 0);
});

test("the CommonJS build seeds and reads the store too", async (t) => {
  const { CandleStore: CjsStore } = require("backtest-kit");
  assert.match(require.resolve("backtest-kit"), /build[\\/]index\.cjs$/);
  const dir = await makeTempDir(t);
  const path = join(dir, "candles.sqlite");
  const file = await writeCsv(dir, "day.csv", csvLines(loadSeries().slice(0, 60)));
  const result = await CjsStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  assert.deepEqual(result["1h"], { inserted: 1, existing: 0, first: SERIES_START, last: SERIES_START });
  const calls = [];
  const since = SERIES_START + 60 * 60_000;
  const got = await CjsStore.read({ exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1m", since: new Date(since), limit: 30, fetch: seriesFetch(calls), path });
  assert.deepEqual(got, seriesSlice("1m", since, 30));
  assert.equal(calls.length, 1);
});
