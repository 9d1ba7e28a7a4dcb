import { CandleInterval, ICandleData } from "../../interfaces/Exchange.interface";
import { CANDLE_INTERVAL_MS } from "./intervals";
import { describeValue } from "../describeValue";

/** What a candle CSV is read as: its name for errors and the interval of its rows. */
interface ICandleCsvOptions {
  /** Names the input in errors (a file path). */
  source: string;
  /** Every open time must be a multiple of it. */
  interval: CandleInterval;
}

/** The columns a candle CSV must have (located by header name, in any order). */
const COLUMNS = ["open_time", "open", "high", "low", "close", "volume"] as const;

type Column = (typeof COLUMNS)[number];

/** A decimal number: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Epoch milliseconds: digits only. */
const EPOCH_MS = /^\d+$/;

/** `2023-03-01 00:00:00+00:00` (or with `T`, fractional seconds, `Z`, or no zone: UTC). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** An error naming the input, the 1-based line and the problem. */
const lineError = (options: ICandleCsvOptions, line: number, problem: string) =>
  new Error(`candle CSV ${options.source} line ${line}: ${problem}`);

/** Where each required column is in the header, or an error naming a missing one. */
const locateColumns = (header: string[], options: ICandleCsvOptions): Record<Column, number> => {
  const names = header.map((name) => name.trim().toLowerCase());
  const located = {} as Record<Column, number>;
  for (const column of COLUMNS) {
    const index = names.indexOf(column);
    if (index === -1) {
      throw lineError(options, 1, `missing column ${column} (header ${describeValue(header.join(","))})`);
    }
    located[column] = index;
  }
  return located;
};

/** Offset in ms of a zone suffix (`Z`, `+00:00`, `-0530`), or 0 without one. */
const zoneOffsetMs = (zone: string | undefined) => {
  if (zone === undefined || zone === "Z") {
    return 0;
  }
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (zone[0] === "-" ? -1 : 1) * minutes * 60_000;
};

/** UTC ms of a `YYYY-MM-DD HH:MM:SS[.mmm][zone]` text, or NaN if it is no real time. */
const parseDateTime = (text: string) => {
  const match = DATE_TIME.exec(text);
  if (match === null) {
    return NaN;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const ms = match[7] === undefined ? 0 : Number(match[7].padEnd(3, "0"));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const back = new Date(local);
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  return real ? local - zoneOffsetMs(match[8]) : NaN;
};

/** The open time of a row in UTC ms: epoch ms digits or a date-time text. */
const parseOpenTime = (text: string, options: ICandleCsvOptions, line: number) => {
  const time = EPOCH_MS.test(text) ? Number(text) : parseDateTime(text);
  if (!Number.isSafeInteger(time)) {
    throw lineError(
      options,
      line,
      `open_time must be epoch milliseconds or a date-time like 2023-03-01 00:00:00+00:00, got ${describeValue(text)}`
    );
  }
  if (time % CANDLE_INTERVAL_MS[options.interval] !== 0) {
    throw lineError(options, line, `open_time ${describeValue(text)} is not aligned to ${options.interval}`);
  }
  return time;
};

/** The number in a field, or an error naming the column and the text. */
const parseNumber = (text: string, column: Column, options: ICandleCsvOptions, line: number) => {
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    throw lineError(options, line, `${column} must be a number, got ${describeValue(text)}`);
  }
  return value;
};

/** The first problem of a candle's values (positive prices, low <= open, close <= high), or null. */
const findCandleProblem = ({ open, high, low, close, volume }: ICandleData): string | null => {
  for (const [column, price] of [["open", open], ["high", high], ["low", low], ["close", close]] as const) {
    if (price <= 0) {
      return `${column} must be positive, got ${price}`;
    }
  }
  if (volume < 0) {
    return `volume must be >= 0, got ${volume}`;
  }
  if (high < low) {
    return `high ${high} < low ${low}`;
  }
  if (open < low || open > high) {
    return `open ${open} outside [low ${low}, high ${high}]`;
  }
  if (close < low || close > high) {
    return `close ${close} outside [low ${low}, high ${high}]`;
  }
  return null;
};

/** The candle of one data row, checked on its own. */
const parseRow = (
  fields: string[],
  columns: Record<Column, number>,
  width: number,
  options: ICandleCsvOptions,
  line: number
): ICandleData => {
  if (fields.length !== width) {
    throw lineError(options, line, `expected ${width} fields like the header, got ${fields.length}`);
  }
  const field = (column: Column) => fields[columns[column]].trim();
  const candle: ICandleData = {
    timestamp: parseOpenTime(field("open_time"), options, line),
    open: parseNumber(field("open"), "open", options, line),
    high: parseNumber(field("high"), "high", options, line),
    low: parseNumber(field("low"), "low", options, line),
    close: parseNumber(field("close"), "close", options, line),
    volume: parseNumber(field("volume"), "volume", options, line),
  };
  const problem = findCandleProblem(candle);
  if (problem !== null) {
    throw lineError(options, line, problem);
  }
  return candle;
};

/** Throws unless `time` comes strictly after the previous row's. */
const checkOrder = (time: number, previous: number, options: ICandleCsvOptions, line: number) => {
  if (time === previous) {
    throw lineError(options, line, `duplicate open_time ${new Date(time).toISOString()}`);
  }
  if (time < previous) {
    throw lineError(
      options,
      line,
      `open_time ${new Date(time).toISOString()} comes before the previous row's ${new Date(previous).toISOString()} (rows must be sorted)`
    );
  }
};

/**
 * The candles of a CSV text (header with open_time, open, high, low, close, volume in
 * any order; open_time as epoch ms or a UTC date-time), checked in full before anything
 * is returned: every number parses, prices are positive, low <= open, close <= high,
 * volume >= 0, open times are aligned to the interval and strictly increasing. The
 * first problem throws an error naming the line (1-based, the header is line 1) and the
 * value. Blank lines are skipped.
 */
export const parseCandleCsv = (text: string, options: ICandleCsvOptions): ICandleData[] => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0].split(",");
  const columns = locateColumns(header, options);
  const candles: ICandleData[] = [];
  let previous = -Infinity;
  for (let index = 1; index < lines.length; index++) {
    if (lines[index].trim() === "") {
      continue;
    }
    const line = index + 1;
    const candle = parseRow(lines[index].split(","), columns, header.length, options, line);
    checkOrder(candle.timestamp, previous, options, line);
    previous = candle.timestamp;
    candles.push(candle);
  }
  return candles;
};
