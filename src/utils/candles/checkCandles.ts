import { ICandleData } from "../../interfaces/Exchange.interface";
import { describeValue } from "../describeValue";

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

const isPrice = (value: unknown): value is number => typeof value === "number" && value > 0 && value < Infinity;

/** The first problem of a candle's prices and volume, or null. */
export const findCandleValueProblem = (raw: Record<string, unknown>): string | null => {
  for (const field of PRICE_FIELDS) {
    if (!isPrice(raw[field])) {
      return `${field} must be a finite positive number, got ${describeValue(raw[field])}`;
    }
  }
  const { volume } = raw;
  if (typeof volume !== "number" || !(volume >= 0 && volume < Infinity)) {
    return `volume must be a finite number >= 0, got ${describeValue(volume)}`;
  }
  return null;
};

/** The problem of a candle's shape (low <= open, close <= high), or null. */
const findShapeProblem = ({ open, high, low, close }: ICandleData): string | null => {
  if (high < low) {
    return `high ${high} < low ${low}`;
  }
  if (open > high || open < low || close > high || close < low) {
    return `open ${open} or close ${close} outside [low ${low}, high ${high}]`;
  }
  return null;
};

/** The error for a candle that failed the quick check of checkCandle. */
const explain = (ctx: ICandleReplyContext, value: unknown): never => {
  if (typeof value !== "object" || value === null) {
    return fail(ctx, undefined, `a candle must be an object, got ${describeValue(value)}`);
  }
  const raw = value as Record<string, unknown>;
  const { timestamp } = raw;
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp)) {
    return fail(ctx, timestamp, `timestamp must be an integer of ms, got ${describeValue(timestamp)}`);
  }
  if (timestamp % ctx.step !== 0) {
    return fail(ctx, timestamp, `timestamp is not aligned to ${ctx.interval}`);
  }
  const valueProblem = findCandleValueProblem(raw);
  return fail(ctx, timestamp, valueProblem ?? (findShapeProblem(raw as unknown as ICandleData) as string));
};

/**
 * A copy of one candle, or an error naming what is wrong with it. One flat condition
 * on the common path (a backtest checks every candle once, often before the JIT warms
 * up); the details are worked out only for a bad candle.
 */
const checkCandle = (ctx: ICandleReplyContext, value: unknown): ICandleData => {
  const raw = value as ICandleData;
  if (
    typeof value !== "object" ||
    value === null ||
    !Number.isSafeInteger(raw.timestamp) ||
    raw.timestamp % ctx.step !== 0 ||
    !(raw.low > 0 && raw.low <= raw.open && raw.low <= raw.close) ||
    !(raw.high < Infinity && raw.high >= raw.open && raw.high >= raw.close) ||
    !(raw.volume >= 0 && raw.volume < Infinity) ||
    typeof raw.open !== "number" ||
    typeof raw.close !== "number" ||
    typeof raw.low !== "number" ||
    typeof raw.high !== "number" ||
    typeof raw.volume !== "number"
  ) {
    return explain(ctx, value);
  }
  return { timestamp: raw.timestamp, open: raw.open, high: raw.high, low: raw.low, close: raw.close, volume: raw.volume };
};

const sameCandle = (a: ICandleData, b: ICandleData) =>
  a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;

/** What checkCandles repaired in a reply: its order, repeated candles, candles outside the asked open times, more candles than asked. */
export type CandleRepairKind = "order" | "duplicates" | "out-of-range" | "more-than-asked";

/** One repair of a reply and how many candles it concerned. */
export interface ICandleRepair {
  kind: CandleRepairKind;
  /** Candles out of order, duplicates dropped, candles outside the range dropped, or candles past the limit. */
  count: number;
}

const REPAIR_TEXT: Record<CandleRepairKind, (count: number) => string> = {
  order: (count) => `candles out of time order (${count} out of place); sorted them`,
  duplicates: (count) => `repeated candles; dropped ${count} duplicate(s)`,
  "out-of-range": (count) => `${count} candle(s) outside the asked open times; dropped them`,
  "more-than-asked": (count) => `${count} candle(s) more than asked; kept only the asked range`,
};

/** What was wrong with a reply and what was done about it, for a warning's message. */
export const describeRepair = ({ kind, count }: ICandleRepair) => REPAIR_TEXT[kind](count);

/** A checked reply: its usable candles, sorted and unique, and the repairs that took. */
export interface ICheckedCandles {
  candles: ICandleData[];
  repairs: ICandleRepair[];
}

/** Drops exact duplicates of sorted candles; duplicates that disagree are an error. */
const dropDuplicates = (ctx: ICandleReplyContext, candles: ICandleData[]) => {
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

/** The repairs with a count above zero, in a fixed order. */
const listRepairs = (counts: Record<CandleRepairKind, number>): ICandleRepair[] =>
  (Object.keys(counts) as CandleRepairKind[]).filter((kind) => counts[kind] > 0).map((kind) => ({ kind, count: counts[kind] }));

/**
 * Checks an exchange reply before anything trades on it. Every candle must be an object
 * with an integer timestamp aligned to the interval, finite positive prices, a finite
 * volume >= 0, low <= open, close <= high; otherwise the reply is rejected with an error
 * naming the exchange, symbol, interval and timestamp. Repairs, each returned in
 * `repairs` so the caller can say it: more candles than asked (counted), candles
 * outside the asked open times [since, until) are dropped (extra or future candles),
 * the rest are sorted by time, and exact duplicates are dropped; duplicates that
 * disagree are an error. A reply with fewer candles than asked is kept: the exchange
 * has no more.
 */
export const checkCandles = (ctx: ICandleReplyContext, reply: unknown): ICheckedCandles => {
  if (!Array.isArray(reply)) {
    throw new Error(`${where(ctx)} must return an array of candles, got ${describeValue(reply)}`);
  }
  let candles: ICandleData[] = [];
  const { since, until } = ctx;
  const asked = Math.round((until - since) / ctx.step);
  let increasing = true;
  let descents = 0;
  let outOfRange = 0;
  let lastTime = -Infinity;
  for (let index = 0; index < reply.length; index++) {
    const candle = checkCandle(ctx, reply[index]);
    const time = candle.timestamp;
    if (time >= since && time < until) {
      if (time <= lastTime) {
        increasing = false;
        descents += time < lastTime ? 1 : 0;
      }
      lastTime = time;
      candles.push(candle);
    } else {
      outOfRange += 1;
    }
  }
  let duplicates = 0;
  if (!increasing) {
    candles.sort((a, b) => a.timestamp - b.timestamp);
    const unique = dropDuplicates(ctx, candles);
    duplicates = candles.length - unique.length;
    candles = unique;
  }
  const moreThanAsked = Math.max(0, reply.length - asked);
  if (descents + duplicates + outOfRange + moreThanAsked === 0) {
    return { candles, repairs: [] };
  }
  const repairs = listRepairs({
    order: descents,
    duplicates,
    "out-of-range": outOfRange,
    "more-than-asked": moreThanAsked,
  });
  return { candles, repairs };
};
