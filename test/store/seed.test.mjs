// Seeding the candle store from a CSV file: the real series, idempotence, aggregation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CandleStore } from "../../build/index.mjs";
import { SERIES_PATH, loadSeries, MINUTE } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import {
  SERIES_START, SERIES_COUNTS, plain, csvLines, writeCsv, countRows, inspectStore,
} from "../helpers/candleStore.mjs";

const EXCHANGE = "binance";
const SYMBOL = "BTCUSDT";
const HOUR = 60 * MINUTE;

/** A store file in a fresh temp dir. */
const storePath = async (t) => join(await makeTempDir(t), "candles.sqlite");

/** A seed count without its first and last open times. */
const countOf = ({ inserted, existing }) => ({ inserted, existing });

/** Every interval's count without first and last. */
const countsOf = (result) => Object.fromEntries(Object.entries(result).map(([interval, count]) => [interval, countOf(count)]));

/** Every interval with `inserted` new and `existing` kept candles, as seedFile resolves to. */
const counts = (inserted, existing) =>
  Object.fromEntries(
    Object.entries(SERIES_COUNTS).map(([interval, n]) => [interval, { inserted: inserted ? n : 0, existing: existing ? n : 0 }])
  );

test("seeding the real series stores its 30,240 1m candles and every complete bucket of the larger intervals", async (t) => {
  const path = await storePath(t);
  const result = await CandleStore.seedFile(SERIES_PATH, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  assert.deepEqual(countsOf(result), counts(true, false));
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), 30240);
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "5m"), 6048);
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1h"), 504);
  const all = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1m", since: new Date(SERIES_START), limit: 40000, path,
  });
  assert.equal(all.length, 30240);
  assert.deepEqual(all, loadSeries().map(plain));
});

test("an aggregated candle is the one computed by hand from its 1m rows", async (t) => {
  const path = await storePath(t);
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: EXCHANGE, symbol: SYMBOL, path });

  // The first five rows of the file, 2023-03-01 00:00..00:04.
  const [m5] = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "5m", since: new Date(SERIES_START), limit: 1, path,
  });
  assert.deepEqual(
    { timestamp: m5.timestamp, open: m5.open, high: m5.high, low: m5.low, close: m5.close },
    { timestamp: SERIES_START, open: 23140.48, high: 23176.75, low: 23128.52, close: 23176.75 }
  );
  assert.ok(Math.abs(m5.volume - 5.2844) < 1e-9, `volume ${m5.volume}`);

  // 2023-03-10 14:00..14:59 from the 60 rows of that hour.
  const hour = Date.UTC(2023, 2, 10, 14);
  const rows = loadSeries().filter((c) => c.timestamp >= hour && c.timestamp < hour + HOUR);
  assert.equal(rows.length, 60);
  const [h1] = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1h", since: new Date(hour), limit: 1, path,
  });
  assert.deepEqual(
    { timestamp: h1.timestamp, open: h1.open, high: h1.high, low: h1.low, close: h1.close },
    {
      timestamp: hour,
      open: rows[0].open,
      high: Math.max(...rows.map((c) => c.high)),
      low: Math.min(...rows.map((c) => c.low)),
      close: rows[59].close,
    }
  );
  const volume = rows.reduce((sum, c) => sum + c.volume, 0);
  assert.ok(Math.abs(h1.volume - volume) < 1e-9, `volume ${h1.volume} vs ${volume}`);
});

test("seeding the same file again stores nothing twice", async (t) => {
  const path = await storePath(t);
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  const again = await CandleStore.seedFile(SERIES_PATH, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  assert.deepEqual(countsOf(again), counts(false, true));
  const total = Object.values(SERIES_COUNTS).reduce((a, b) => a + b, 0);
  assert.deepEqual(inspectStore(path), { integrity: "ok", rows: total, keys: total });
});

test("the same candles under another exchange or symbol are stored apart", async (t) => {
  const path = await storePath(t);
  const file = await writeCsv(await makeTempDir(t), "day.csv", csvLines(loadSeries().slice(0, 1440)));
  await CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  const other = await CandleStore.seedFile(file, { exchangeName: "bybit", symbol: SYMBOL, path });
  assert.deepEqual(countOf(other["1m"]), { inserted: 1440, existing: 0 });
  assert.equal(countRows(path, EXCHANGE, SYMBOL, "1m"), 1440);
  assert.equal(countRows(path, "bybit", SYMBOL, "1m"), 1440);
  assert.equal(countRows(path, EXCHANGE, "ETHUSDT"), 0);
});

test("a plain .csv with its columns in another order and epoch-ms open times seeds the same candles", async (t) => {
  const path = await storePath(t);
  const candles = loadSeries().slice(0, 120);
  const lines = [
    "volume,close,open_time,low,high,open",
    ...candles.map((c) => `${c.volume},${c.close},${c.timestamp},${c.low},${c.high},${c.open}`),
  ];
  const file = await writeCsv(await makeTempDir(t), "reordered.csv", lines);
  const result = await CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  assert.deepEqual(countOf(result["1m"]), { inserted: 120, existing: 0 });
  assert.deepEqual(countOf(result["1h"]), { inserted: 2, existing: 0 });
  assert.deepEqual(countOf(result["4h"]), { inserted: 0, existing: 0 });
  const read = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1m", since: new Date(SERIES_START), limit: 120, path,
  });
  assert.deepEqual(read, candles.map(plain));
});

test("an hour with a minute missing gives no 1h candle (nothing is made up)", async (t) => {
  const path = await storePath(t);
  const missing = SERIES_START + HOUR + 17 * MINUTE;
  const candles = loadSeries().slice(0, 180).filter((c) => c.timestamp !== missing);
  const file = await writeCsv(await makeTempDir(t), "holed.csv", csvLines(candles));
  const result = await CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  assert.deepEqual(countOf(result["1m"]), { inserted: 179, existing: 0 });
  assert.deepEqual(countOf(result["1h"]), { inserted: 2, existing: 0 });
  assert.deepEqual(countOf(result["5m"]), { inserted: 35, existing: 0 });
  const hours = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1h", since: new Date(SERIES_START), limit: 3, path,
  });
  // the stored run stops at the missing hour: the third hour is stored but comes after the gap
  assert.deepEqual(hours.map((c) => c.timestamp), [SERIES_START]);
  const third = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1h", since: new Date(SERIES_START + 2 * HOUR), limit: 1, path,
  });
  assert.deepEqual(third.map((c) => c.timestamp), [SERIES_START + 2 * HOUR]);
});
