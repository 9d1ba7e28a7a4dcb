import { ICandleData } from "../interfaces/Exchange.interface";
import { describeValue } from "./describeValue";

/** Where a reply came from and which open times it was asked for: [since, until). */
export interface ICandleReplyContext {
  exchangeName: string;
  symbol: string;
  interval: string;
  step: number;
  since: number;
  until: number;
}

const PRICE_FIELDS = ["open", "high", "low", "close"] as const;

const where = (ctx: ICandleReplyContext) =>
  `exchange ${ctx.exchangeName} getCandles(${ctx.symbol}, ${ctx.interval}, since ${new Date(ctx.since).toISOString()})`;

const describeTime = (timestamp: unknown) =>
  typeof timestamp === "number" && Number.isFinite(timestamp) ? new Date(timestamp).toISOString() : describeValue(timestamp);

const fail = (ctx: ICandleReplyContext, timestamp: unknown, problem: string): never => {
  throw new Error(`${where(ctx)} returned a bad candle at ${describeTime(timestamp)}: ${problem}`);
};

/** A copy of one candle, or an error naming what is wrong with it. */
const checkCandle = (ctx: ICandleReplyContext, value: unknown): ICandleData => {
  if (typeof value !== "object" || value === null) {
    return fail(ctx, undefined, `a candle must be an object, got ${describeValue(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const { timestamp } = raw;
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp)) {
    return fail(ctx, timestamp, `timestamp must be an integer of ms, got ${describeValue(timestamp)}`);
  }
  if (timestamp % ctx.step !== 0) {
    fail(ctx, timestamp, `timestamp is not aligned to ${ctx.interval}`);
  }
  for (const field of PRICE_FIELDS) {
    const price = raw[field];
    if (typeof price !== "number" || !Number.isFinite(price) || price <= 0) {
      fail(ctx, timestamp, `${field} must be a finite positive number, got ${describeValue(price)}`);
    }
  }
  const { volume } = raw;
  if (typeof volume !== "number" || !Number.isFinite(volume) || volume < 0) {
    fail(ctx, timestamp, `volume must be a finite number >= 0, got ${describeValue(volume)}`);
  }
  const candle = {
    timestamp,
    open: raw.open as number,
    high: raw.high as number,
    low: raw.low as number,
    close: raw.close as number,
    volume: volume as number,
  };
  if (candle.high < candle.low) {
    fail(ctx, timestamp, `high ${candle.high} < low ${candle.low}`);
  }
  if (candle.open > candle.high || candle.open < candle.low || candle.close > candle.high || candle.close < candle.low) {
    fail(ctx, timestamp, `open ${candle.open} or close ${candle.close} outside [low ${candle.low}, high ${candle.high}]`);
  }
  return candle;
};

const sameCandle = (a: ICandleData, b: ICandleData) =>
  a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;

/**
 * Checks an exchange reply before anything trades on it. Every candle must be an object
 * with an integer timestamp aligned to the interval, finite positive prices, a finite
 * volume >= 0, low <= open, close <= high; otherwise the reply is rejected with an error
 * naming the exchange, symbol, interval and timestamp. Repairs, all documented: candles
 * outside the asked open times [since, until) are dropped (extra or future candles), the
 * rest are sorted by time, and exact duplicates are dropped; duplicates that disagree are
 * an error. A reply with fewer candles than asked is kept: the exchange has no more.
 */
export const checkCandles = (ctx: ICandleReplyContext, reply: unknown): ICandleData[] => {
  if (!Array.isArray(reply)) {
    throw new Error(`${where(ctx)} must return an array of candles, got ${describeValue(reply)}`);
  }
  const candles: ICandleData[] = [];
  let sorted = true;
  for (const value of reply) {
    const candle = checkCandle(ctx, value);
    if (candle.timestamp < ctx.since || candle.timestamp >= ctx.until) {
      continue;
    }
    if (candles.length > 0 && candle.timestamp <= candles[candles.length - 1].timestamp) {
      sorted = false;
    }
    candles.push(candle);
  }
  if (sorted) {
    return candles;
  }
  candles.sort((a, b) => a.timestamp - b.timestamp);
  const unique: ICandleData[] = [];
  for (const candle of candles) {
    const last = unique[unique.length - 1];
    if (last === undefined || last.timestamp !== candle.timestamp) {
      unique.push(candle);
    } else if (!sameCandle(last, candle)) {
      fail(ctx, candle.timestamp, "two different candles share this timestamp");
    }
  }
  return unique;
};
