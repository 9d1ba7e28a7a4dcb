// Synthetic candle data and a recording exchange for the runtime unit / fault tests.
// Everything here is deterministic and offline.
import { randomUUID } from "node:crypto";
import { INTERVAL_MINUTES, pnlPercent } from "./spec.mjs";

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** An aligned reference time (midnight UTC, so aligned to every interval up to 1d). */
export const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);

/** T0 + n minutes. */
export const at = (minutes) => T0 + minutes * MIN;

export { INTERVAL_MINUTES };

/** The runtime's documented config defaults (spec). */
export const DEFAULT_CONFIG = Object.freeze({
  CC_AVG_PRICE_CANDLES_COUNT: 5,
  CC_SCHEDULE_AWAIT_MINUTES: 120,
  CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: 0.1,
  CC_MAX_STOPLOSS_DISTANCE_PERCENT: 20,
  CC_MAX_SIGNAL_LIFETIME_MINUTES: 1440,
  CC_GET_CANDLES_RETRY_COUNT: 3,
  CC_GET_CANDLES_RETRY_DELAY_MS: 5000,
  CC_GET_CANDLES_TIMEOUT_MS: 30000,
  CC_GET_SIGNAL_TIMEOUT_MS: 300000,
  CC_PERCENT_FEE: 0.1,
  CC_PERCENT_SLIPPAGE: 0.1,
});

/** Fast-failing settings for fault tests (small timeouts and retry delays). */
export const FAST_CONFIG = Object.freeze({
  CC_GET_CANDLES_RETRY_DELAY_MS: 1,
  CC_GET_CANDLES_TIMEOUT_MS: 200,
  CC_GET_SIGNAL_TIMEOUT_MS: 200,
});

/** A name no other test uses: registrations are process-wide. */
export const uniq = (label) => `${label}-${randomUUID().slice(0, 8)}`;

/**
 * 1m candles from a compact description, starting at the aligned time `start`.
 * Each row is a number p (=> open=high=low=close=p, volume 1) or [open, high, low, close, volume=1].
 */
export const candles1m = (start, rows) =>
  rows.map((row, i) => {
    const [open, high, low, close, volume = 1] = typeof row === "number" ? [row, row, row, row, 1] : row;
    return { timestamp: start + i * MIN, open, high, low, close, volume };
  });

/** `count` flat rows at `price` (volume 1 unless given). */
export const flat = (price, count, volume = 1) =>
  Array.from({ length: count }, () => [price, price, price, price, volume]);

/**
 * Builds a 1m series: `warmup` flat minutes at `base` ending just before T0, then `rows`
 * from T0 on (each row as in candles1m), then `tail` flat minutes at `base`.
 */
export const series = ({ base = 100, warmup = 180, rows = [], tail = 0 } = {}) =>
  candles1m(at(-warmup), [...flat(base, warmup), ...rows, ...flat(base, tail)]);

/** Replaces the 1m candle that opens at `timestamp` with `patch` fields (new array). */
export const patch = (candles, timestamp, fields) =>
  candles.map((c) => (c.timestamp === timestamp ? { ...c, ...fields } : c));

/**
 * Aggregates 1m candles into `interval` candles (open time = multiple of the interval).
 * Only complete buckets (all minutes present) are produced. Oldest first.
 */
export const aggregate = (candles, interval) => {
  const minutes = INTERVAL_MINUTES[interval];
  if (!minutes) throw new Error(`synthetic: unknown interval ${interval}`);
  if (minutes === 1) return candles.map((c) => ({ ...c }));
  const size = minutes * MIN;
  const buckets = new Map();
  for (const c of candles) {
    const key = Math.floor(c.timestamp / size) * size;
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key).push(c);
  }
  const out = [];
  for (const [timestamp, list] of [...buckets.entries()].sort((a, b) => a[0] - b[0])) {
    if (list.length !== minutes) continue;
    list.sort((a, b) => a.timestamp - b.timestamp);
    out.push({
      timestamp,
      open: list[0].open,
      high: Math.max(...list.map((c) => c.high)),
      low: Math.min(...list.map((c) => c.low)),
      close: list[list.length - 1].close,
      volume: list.reduce((s, c) => s + c.volume, 0),
    });
  }
  return out;
};

/** The n most recent `interval` candles closed at `when` (T + I <= when), oldest first. */
export const expectedCandles = (candles, interval, when, n) => {
  const size = INTERVAL_MINUTES[interval] * MIN;
  const closed = aggregate(candles, interval).filter((c) => c.timestamp + size <= when);
  return closed.slice(Math.max(0, closed.length - n));
};

/** Spec VWAP of the last `count` closed 1m candles at `when`. */
export const expectedAvgPrice = (candles, when, count = 5) => {
  const last = expectedCandles(candles, "1m", when, count);
  const volume = last.reduce((s, c) => s + c.volume, 0);
  if (volume === 0) return last.reduce((s, c) => s + c.close, 0) / last.length;
  return last.reduce((s, c) => s + ((c.high + c.low + c.close) / 3) * c.volume, 0) / volume;
};

/** Spec PnL % (rule 9). fee and slippage in percent. */
export const expectedPnl = (position, priceOpen, priceClose, fee = 0.1, slippage = 0.1) =>
  pnlPercent(position, priceOpen, priceClose, { fee, slippage });

/**
 * A recording exchange serving `candles` (1m) at any interval by aggregation with
 * since/limit semantics: candles with open time >= since, at most limit, oldest first.
 *
 * `misbehave(call)` (optional, may be async, may throw or never resolve) replaces the reply:
 * it gets { symbol, interval, since (ms), limit, index (0-based over all calls),
 * nth (0-based over calls of this interval), reply() (the clean reply), all (the whole
 * aggregated series of this interval) } and returns what the exchange answers.
 */
export const syntheticExchange = (candles, { exchangeName = uniq("ex"), misbehave, callbacks } = {}) => {
  const calls = [];
  const perInterval = new Map();
  const schema = {
    exchangeName,
    getCandles: async (symbol, interval, since, limit) => {
      const sinceMs = since instanceof Date ? since.getTime() : Number(since);
      const nth = perInterval.get(interval) ?? 0;
      perInterval.set(interval, nth + 1);
      const call = { symbol, interval, since: sinceMs, sinceRaw: since, limit, index: calls.length, nth };
      calls.push(call);
      const all = aggregate(candles, interval);
      const reply = () => all.filter((c) => c.timestamp >= sinceMs).slice(0, limit).map((c) => ({ ...c }));
      if (misbehave) {
        return misbehave({ ...call, reply, all });
      }
      return reply();
    },
    formatPrice: async (symbol, price) => Number(price).toFixed(2),
    formatQuantity: async (symbol, quantity) => Number(quantity).toFixed(4),
  };
  if (callbacks) schema.callbacks = callbacks;
  return { schema, calls, exchangeName, candles };
};

/** A promise that never settles. */
export const never = () => new Promise(() => {});

/** Lets pending listener deliveries run (no timing is asserted on this). */
export const flush = async (ms = 20) => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, ms));
};

/** Drains an async iterable into an array. */
export const collect = async (iterable) => {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
};

/**
 * Registers an exchange (synthetic over `candles`), a frame and a strategy with unique names.
 * `signals` may be a function (symbol, when, ctx) => signal|null, or an array consumed one per
 * getSignal call (null when exhausted). Every getSignal call's `when` (ms) is recorded.
 */
export const setupBacktest = (lib, {
  candles,
  misbehave,
  exchangeCallbacks,
  frameInterval = "1m",
  startDate = T0,
  endDate = T0,
  strategyInterval = "1m",
  signals = null,
  strategyCallbacks,
  frameCallbacks,
  label = "t",
} = {}) => {
  const exchange = syntheticExchange(candles, { exchangeName: uniq(`${label}-ex`), misbehave, callbacks: exchangeCallbacks });
  lib.addExchange(exchange.schema);
  const frameName = uniq(`${label}-frame`);
  lib.addFrame({
    frameName,
    interval: frameInterval,
    startDate: new Date(startDate),
    endDate: new Date(endDate),
    ...(frameCallbacks ? { callbacks: frameCallbacks } : {}),
  });
  const strategyName = uniq(`${label}-strat`);
  const signalCalls = [];
  const queue = Array.isArray(signals) ? [...signals] : null;
  lib.addStrategy({
    strategyName,
    interval: strategyInterval,
    getSignal: async (symbol, when) => {
      const whenMs = when instanceof Date ? when.getTime() : Number(when);
      signalCalls.push(whenMs);
      if (typeof signals === "function") return signals(symbol, whenMs, { n: signalCalls.length - 1 });
      if (queue) {
        const next = queue.length ? queue.shift() : null;
        return typeof next === "function" ? next(symbol, whenMs) : next;
      }
      return null;
    },
    ...(strategyCallbacks ? { callbacks: strategyCallbacks } : {}),
  });
  return {
    exchange,
    calls: exchange.calls,
    exchangeName: exchange.exchangeName,
    frameName,
    strategyName,
    signalCalls,
    ctx: { strategyName, exchangeName: exchange.exchangeName, frameName },
  };
};

/** Subscribes `listen(fn)` and collects events; returns { events, stop }. */
export const record = (listen, filter = () => true) => {
  const events = [];
  const stop = listen((event) => {
    if (filter(event)) events.push(event);
  });
  return { events, stop };
};

/** True if the error mentions `text` in its message (or its cause chain). */
export const mentions = (error, text) => {
  let current = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const message = typeof current === "object" ? String(current.message ?? "") : String(current);
    if (message.includes(text)) return true;
    current = typeof current === "object" ? current.cause : undefined;
  }
  return false;
};

/** Timestamp as the runtime may print it: ms or ISO. */
export const mentionsTime = (error, ms) =>
  mentions(error, String(ms)) || mentions(error, new Date(ms).toISOString());

/** Scans a statistics object for NaN / Infinity anywhere (returns offending paths). */
export const nonFinitePaths = (value, path = "stats", out = [], seen = new Set()) => {
  if (typeof value === "number" && !Number.isFinite(value)) out.push(path);
  else if (value && typeof value === "object" && !seen.has(value)) {
    seen.add(value);
    for (const [key, child] of Object.entries(value)) nonFinitePaths(child, `${path}.${key}`, out, seen);
  }
  return out;
};
