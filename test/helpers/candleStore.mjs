import Database from "better-sqlite3";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { lowerBound, seriesOf } from "./series.mjs";

/** Open time of the first candle of the real series: 2023-03-01T00:00:00Z. */
export const SERIES_START = Date.UTC(2023, 2, 1);

/** Candles the real series has per interval (21 complete days). */
export const SERIES_COUNTS = Object.freeze({
  "1m": 30240, "3m": 10080, "5m": 6048, "15m": 2016, "30m": 1008,
  "1h": 504, "2h": 252, "4h": 126, "6h": 84, "8h": 63,
});

/** The candle fields a test compares (what the store returns). */
export const plain = ({ timestamp, open, high, low, close, volume }) => ({ timestamp, open, high, low, close, volume });

/** `count` candles of `interval` of the real series from open time `from`. */
export const seriesSlice = (interval, from, count) => {
  const list = seriesOf(interval);
  const start = lowerBound(list, from);
  return list.slice(start, start + count).map(plain);
};

/**
 * A fetch over the real series (what an exchange with all history answers: up to `limit`
 * candles opening at or after `since`), recording every call in `calls`.
 */
export const seriesFetch = (calls = []) => async (symbol, interval, since, limit) => {
  calls.push({ symbol, interval, since, limit });
  return seriesSlice(interval, since.getTime(), limit);
};

/** `2023-03-01 00:00:00+00:00`, the open_time text of the bundled CSV. */
const csvTime = (timestamp) => new Date(timestamp).toISOString().replace("T", " ").replace(".000Z", "+00:00");

/** CSV lines (header first) of candles in the bundled file's format. */
export const csvLines = (candles) => [
  "open_time,open,high,low,close,volume",
  ...candles.map((c) => `${csvTime(c.timestamp)},${c.open},${c.high},${c.low},${c.close},${c.volume}`),
];

/** Writes `lines` as `dir`/`name` and resolves to its path. */
export const writeCsv = async (dir, name, lines) => {
  const file = join(dir, name);
  await writeFile(file, lines.join("\n") + "\n");
  return file;
};

/** Opens the store's SQLite file directly, runs `inspect(db)` and closes it. */
const withDb = (path, inspect) => {
  const db = new Database(path, { timeout: 10_000 });
  try {
    return inspect(db);
  } finally {
    db.close();
  }
};

/** Rows stored for an exchange and symbol (and interval, if given), counted in the file. */
export const countRows = (path, exchange, symbol, interval) =>
  withDb(path, (db) =>
    interval === undefined
      ? db.prepare("SELECT count(*) FROM candles WHERE exchange = ? AND symbol = ?").pluck().get(exchange, symbol)
      : db
          .prepare("SELECT count(*) FROM candles WHERE exchange = ? AND symbol = ? AND interval = ?")
          .pluck()
          .get(exchange, symbol, interval)
  );

/** integrity_check, row count and distinct-key count of the whole file. */
export const inspectStore = (path) =>
  withDb(path, (db) => ({
    integrity: db.pragma("integrity_check", { simple: true }),
    rows: db.prepare("SELECT count(*) FROM candles").pluck().get(),
    keys: db
      .prepare("SELECT count(*) FROM (SELECT DISTINCT exchange, symbol, interval, timestamp FROM candles)")
      .pluck()
      .get(),
  }));

/** A logger that keeps every warning (topic and arguments) in `warnings`. */
export const recordingLogger = (warnings = []) => ({
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (topic, ...args) => warnings.push({ topic, args }),
});
