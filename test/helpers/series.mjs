import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { INTERVAL_MS, MINUTE } from "./spec.mjs";

/** Absolute path of the real BTCUSDT 1-minute series (2023-03-01T00:00Z .. 2023-03-21T23:59Z). */
export const SERIES_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "data",
  "BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz"
);

export { INTERVAL_MS, MINUTE };

/** Parses the CSV text (header `open_time,open,high,low,close,volume`). */
export const parseSeriesCsv = (text) => {
  const rows = text.split("\n");
  const header = rows[0].trim();
  if (header !== "open_time,open,high,low,close,volume") {
    throw new Error(`unexpected header ${JSON.stringify(header)}`);
  }
  const candles = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i].trim();
    if (!row) continue;
    const [openTime, open, high, low, close, volume] = row.split(",");
    // "2023-03-01 00:00:00+00:00" -> ISO
    const timestamp = Date.parse(openTime.replace(" ", "T"));
    candles.push({
      timestamp,
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    });
  }
  return candles;
};

let memo = null;

/** The 1m series, oldest first (memoized; treat it as read-only). */
export const loadSeries = () => {
  if (!memo) {
    memo = Object.freeze(parseSeriesCsv(gunzipSync(readFileSync(SERIES_PATH)).toString("utf8")).map(Object.freeze));
  }
  return memo;
};

/** Aggregates 1m candles into `interval` candles whose open time is a multiple of the interval. */
export const aggregate = (candles1m, interval) => {
  const step = INTERVAL_MS[interval];
  if (!step) throw new Error(`unknown interval ${interval}`);
  if (step === MINUTE) return candles1m.map((c) => ({ ...c }));
  const out = [];
  let current = null;
  for (const c of candles1m) {
    const t = Math.floor(c.timestamp / step) * step;
    if (!current || current.timestamp !== t) {
      current = { timestamp: t, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
      out.push(current);
    } else {
      if (c.high > current.high) current.high = c.high;
      if (c.low < current.low) current.low = c.low;
      current.close = c.close;
      current.volume += c.volume;
    }
  }
  return out;
};

const aggregatedMemo = new Map();

/** Aggregated candles per interval (memoized). */
export const seriesOf = (interval) => {
  if (!aggregatedMemo.has(interval)) {
    aggregatedMemo.set(interval, Object.freeze(aggregate(loadSeries(), interval).map(Object.freeze)));
  }
  return aggregatedMemo.get(interval);
};

/** Index of the first candle with timestamp >= ts (binary search). */
export const lowerBound = (candles, ts) => {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid].timestamp < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/**
 * An addExchange schema backed by the real series: getCandles(symbol, interval, since,
 * limit) returns up to `limit` candles of `interval` opening at or after `since`, oldest
 * first, including candles in the future of the backtest tick (as a real exchange with
 * all history would). The candle objects are shared, not copied: the runtime copies what
 * it keeps. Every call is recorded in `schema.calls`.
 */
export const createSeriesExchange = (exchangeName, { candles } = {}) => {
  const source = candles ?? null;
  const byInterval = new Map();
  const get = (interval) => {
    if (!source) return seriesOf(interval);
    if (!byInterval.has(interval)) byInterval.set(interval, aggregate(source, interval));
    return byInterval.get(interval);
  };
  const calls = [];
  const schema = {
    exchangeName,
    getCandles: async (symbol, interval, since, limit) => {
      const list = get(interval);
      const sinceMs = since instanceof Date ? since.getTime() : Number(since);
      calls.push({ symbol, interval, since: sinceMs, limit });
      const from = lowerBound(list, sinceMs);
      return list.slice(from, from + limit);
    },
    formatPrice: async (symbol, price) => price.toFixed(2),
    formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
  };
  // Not enumerable, so it is no part of the schema the runtime checks.
  Object.defineProperty(schema, "calls", { value: calls, enumerable: false });
  return schema;
};
