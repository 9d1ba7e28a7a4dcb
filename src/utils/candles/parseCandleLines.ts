import { ICandleData } from "../../interfaces/Exchange.interface";
import { parseRelativeTime } from "../blind/blindFrame";

/** Candles read from text, by timeframe label, each list sorted by time without duplicates. */
export interface ICandleLines {
  series: Map<string, ICandleData[]>;
  /** Lines that looked like candles but held impossible values (bad time, price <= 0, high < low, ...). */
  rejected: number;
}

const NUMBER = String.raw`([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)`;

/**
 * One candle line as generated strategies write it, anywhere in a line:
 * `2023-03-01T00:05:00.000Z[5m]: O:23150.1 H:23160 L:23140.5 C:23155 V:12.3`, or blind,
 * with a time relative to the last candle: `t-1h55m[5m]: O:99.87 ...`.
 */
const CANDLE_LINE = new RegExp(
  String.raw`(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z|\bt0|\bt-[0-9dhms]+)\[([^\]\s]+)\]:\s*` +
    `O:${NUMBER}\\s+H:${NUMBER}\\s+L:${NUMBER}\\s+C:${NUMBER}\\s+V:${NUMBER}`
);

const isPositive = (value: number) => Number.isFinite(value) && value > 0;

/** Epoch ms of an ISO time; a relative time ("t-5m") as its negative offset from t0. */
const parseTime = (text: string) => (text.startsWith("t") ? parseRelativeTime(text) ?? NaN : Date.parse(text));

/** The candle of a matched line, or null when its values cannot be a candle. */
const toCandle = (match: RegExpExecArray): ICandleData | null => {
  const timestamp = parseTime(match[1]);
  const [open, high, low, close, volume] = match.slice(3, 8).map(Number);
  const valid =
    Number.isFinite(timestamp) &&
    [open, high, low, close].every(isPositive) &&
    Number.isFinite(volume) &&
    volume >= 0 &&
    high >= Math.max(open, close, low) &&
    low <= Math.min(open, close);
  return valid ? { timestamp, open, high, low, close, volume } : null;
};

/** Sorts by time and keeps the first candle of each open time. */
const sortUnique = (candles: ICandleData[]) => {
  const byTime = new Map<number, ICandleData>();
  for (const candle of candles) {
    if (!byTime.has(candle.timestamp)) {
      byTime.set(candle.timestamp, candle);
    }
  }
  return [...byTime.values()].sort((a, b) => a.timestamp - b.timestamp);
};

/** Every candle line in `texts`, grouped by the timeframe label in its brackets. */
export const parseCandleLines = (texts: string[]): ICandleLines => {
  const found = new Map<string, ICandleData[]>();
  let rejected = 0;
  for (const text of texts) {
    for (const line of text.split("\n")) {
      const match = CANDLE_LINE.exec(line);
      if (match === null) {
        continue;
      }
      const candle = toCandle(match);
      if (candle === null) {
        rejected += 1;
        continue;
      }
      const list = found.get(match[2]) ?? [];
      list.push(candle);
      found.set(match[2], list);
    }
  }
  const series = new Map<string, ICandleData[]>();
  for (const [label, candles] of found) {
    series.set(label, sortUnique(candles));
  }
  return { series, rejected };
};
