import { ICandleData } from "../../interfaces/Exchange.interface";
import { describeValue } from "../describeValue";
import { isNonEmptyString, isPlainObject } from "../schemaChecks";
import { roundPrice } from "../candles/roundPrice";
import { findCandleValueProblem } from "../candles/checkCandles";

/** The name a blind prompt gives the traded symbol. */
export const BLIND_SYMBOL_ALIAS = "ASSET";

/** The value of the anchor price (the last close at the tick) on the blind scale. */
export const BLIND_BASE = 100;

/** Fewest and most decimals of a rebased value. */
const MIN_BLIND_DECIMALS = 2;
const MAX_BLIND_DECIMALS = 12;

/** Time units of a relative label, largest first. */
const TIME_UNITS: ReadonlyArray<[string, number]> = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
];

/** A relative time label: "t0", or "t-" followed by d/h/m/s parts, e.g. "t-1h55m". */
const RELATIVE_LABEL = /^t(?:0|-(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)$/;

/** Options of formatCandlesBlind. */
export interface IBlindFormatOptions {
  /** The real price shown as 100 (default: the close of the last row). */
  anchorPrice?: number;
}

/** `price` on the blind scale: percent of `anchorPrice` (the anchor itself is 100). */
export const rebasePrice = (price: number, anchorPrice: number) => (price / anchorPrice) * BLIND_BASE;

/** A value of the blind scale as a real price: the inverse of rebasePrice. */
const unrebasePrice = (value: number, anchorPrice: number) => (value * anchorPrice) / BLIND_BASE;

/** How close to a rounding a value may be and still count as written with fewer decimals (floating-point noise). */
const DECIMAL_NOISE = 1e-12;

/** Decimals of a number's shortest text form ("20150.31" -> 2), or Infinity for an exponent form. */
const writtenDecimals = (value: number) => {
  const text = String(value);
  if (/e/i.test(text)) {
    return Infinity;
  }
  const dot = text.indexOf(".");
  return dot === -1 ? 0 : text.length - dot - 1;
};

/** `value` rounded to `decimals` places (a fast Math.round form of toFixed). */
const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * Decimals a number carries, up to 12, ignoring floating-point noise: 20150.31 -> 2,
 * 12.340000000000002 (a sum of volumes) -> 2.
 */
const decimalsOf = (value: number) => {
  const written = writtenDecimals(value);
  if (written <= 10) {
    return written;
  }
  const tolerance = DECIMAL_NOISE * Math.max(1, Math.abs(value));
  for (let decimals = 0; decimals < MAX_BLIND_DECIMALS; decimals++) {
    if (Math.abs(roundTo(value, decimals) - value) <= tolerance) {
      return decimals;
    }
  }
  return MAX_BLIND_DECIMALS;
};

/** Decimals of a price as an exchange writes it ("20150.31" -> 2, "20150" -> 0). */
export const decimalsOfText = (text: string) => /\.(\d+)\s*$/.exec(text)?.[1].length ?? 0;

/**
 * The fewest decimals (at least 2, at most 12) with which every value, multiplied by
 * `scale` and written out, maps back to itself exactly at its own decimals: so a blind
 * prompt loses nothing of the numbers it hides. The search starts at the bound the
 * decimals and the scale set (floor(decimals - log10(scale)) + 1), which is almost
 * always the answer.
 */
const losslessDecimals = (values: number[], scale: number) => {
  const own = values.map(decimalsOf);
  const bound = Math.floor(Math.max(...own) - Math.log10(scale)) + 1;
  for (let decimals = Math.max(MIN_BLIND_DECIMALS, Math.min(bound, MAX_BLIND_DECIMALS)); decimals < MAX_BLIND_DECIMALS; decimals++) {
    const exact = values.every((value, index) => {
      const written = roundTo(value * scale, decimals);
      return roundTo(written / scale, own[index]) === roundTo(value, own[index]);
    });
    if (exact) {
      return decimals;
    }
  }
  return MAX_BLIND_DECIMALS;
};

/** "t0" for 0, else "t-" and the offset in days, hours, minutes and seconds ("t-1h55m"). */
export const formatRelativeTime = (offsetMs: number) => {
  if (offsetMs <= 0) {
    return "t0";
  }
  let rest = offsetMs;
  const parts: string[] = [];
  for (const [unit, size] of TIME_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  return `t-${parts.join("")}`;
};

/** The offset a relative label names, as a negative number of ms (0 for "t0"); null when it is not one. */
export const parseRelativeTime = (label: string): number | null => {
  const match = RELATIVE_LABEL.exec(label);
  if (match === null) {
    return null;
  }
  const offset = match.slice(1).reduce((sum, part, index) => sum + (part === undefined ? 0 : Number(part) * TIME_UNITS[index][1]), 0);
  return -offset;
};

const isPositiveNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value > 0;

/** Throws unless `rows` are candles formatCandlesBlind can read, naming the row, field and value. */
const assertCandleRows = (rows: unknown, source: string): ICandleData[] => {
  if (!Array.isArray(rows)) {
    throw new Error(`${source}: rows must be an array of candles, got ${describeValue(rows)}`);
  }
  rows.forEach((row, index) => {
    if (!isPlainObject(row)) {
      throw new Error(`${source}: rows[${index}] must be a candle object, got ${describeValue(row)}`);
    }
    if (typeof row.timestamp !== "number" || !Number.isFinite(row.timestamp)) {
      throw new Error(`${source}: rows[${index}].timestamp must be a number of ms, got ${describeValue(row.timestamp)}`);
    }
    const problem = findCandleValueProblem(row);
    if (problem !== null) {
      throw new Error(`${source}: rows[${index}].${problem}`);
    }
  });
  return rows as ICandleData[];
};

/**
 * Candle rows as blind text, one line each, oldest first:
 * `t-29m[1m]: O:99.98765 H:100.01234 L:99.97001 C:100.00000 V:87.12`. Times are offsets
 * from the last row (t0); prices are percent of `anchorPrice` (default: the last row's
 * close, so it reads 100); volumes are percent of the rows' mean volume. Each number has
 * the fewest decimals (at least 2) with which every value maps back to itself exactly.
 * The symbol and the dates appear nowhere. No rows give "". Throws for rows that are not
 * candles.
 */
export const formatCandlesBlind = (
  rows: ICandleData[],
  timeframe: string,
  options: IBlindFormatOptions = {}
): string => {
  const source = "formatCandlesBlind";
  const candles = assertCandleRows(rows, source);
  if (!isNonEmptyString(timeframe) || /[\[\]\s]/.test(timeframe)) {
    throw new Error(`${source}: timeframe must be a label such as "1m" (no spaces or brackets), got ${describeValue(timeframe)}`);
  }
  if (!isPlainObject(options)) {
    throw new Error(`${source}: options must be an object, got ${describeValue(options)}`);
  }
  if (options.anchorPrice !== undefined && !isPositiveNumber(options.anchorPrice)) {
    throw new Error(`${source}: options.anchorPrice must be a finite positive number, got ${describeValue(options.anchorPrice)}`);
  }
  if (candles.length === 0) {
    return "";
  }
  const anchorPrice = options.anchorPrice ?? candles[candles.length - 1].close;
  const priceScale = BLIND_BASE / anchorPrice;
  const prices = candles.flatMap((c) => [c.open, c.high, c.low, c.close]);
  const priceDigits = losslessDecimals(prices, priceScale);
  const volumes = candles.map((c) => c.volume);
  const meanVolume = volumes.reduce((sum, value) => sum + value, 0) / volumes.length;
  const volumeScale = meanVolume > 0 ? BLIND_BASE / meanVolume : 0;
  const volumeDigits = meanVolume > 0 ? losslessDecimals(volumes, volumeScale) : MIN_BLIND_DECIMALS;
  const lastTime = candles[candles.length - 1].timestamp;
  const price = (value: number) => (value * priceScale).toFixed(priceDigits);
  return candles
    .map(
      (c) =>
        `${formatRelativeTime(lastTime - c.timestamp)}[${timeframe}]: O:${price(c.open)} H:${price(c.high)} ` +
        `L:${price(c.low)} C:${price(c.close)} V:${(c.volume * volumeScale).toFixed(volumeDigits)}`
    )
    .join("\n");
};

/** The price fields of a signal answer. */
const PRICE_FIELDS = ["priceOpen", "priceTakeProfit", "priceStopLoss"] as const;

/**
 * A signal answer on the blind scale mapped back to real prices at `decimals` (the
 * exchange's price precision): the entry to the nearest step, the take-profit and the
 * stop-loss rounded away from the entry (so each stays on its side of it). Fields that
 * are not numbers, and answers that are not long or short, are left as they are for the
 * signal check to reject.
 */
export const unrebaseSignal = <T>(answer: T, anchorPrice: number, decimals: number): T => {
  if (!isPlainObject(answer) || (answer.position !== "long" && answer.position !== "short")) {
    return answer;
  }
  const long = answer.position === "long";
  const direction: Record<(typeof PRICE_FIELDS)[number], "nearest" | "up" | "down"> = {
    priceOpen: "nearest",
    priceTakeProfit: long ? "up" : "down",
    priceStopLoss: long ? "down" : "up",
  };
  const mapped: Record<string, unknown> = { ...answer };
  for (const field of PRICE_FIELDS) {
    const value = answer[field];
    if (typeof value === "number" && Number.isFinite(value)) {
      mapped[field] = roundPrice(unrebasePrice(value, anchorPrice), decimals, direction[field]);
    }
  }
  return mapped as T;
};
