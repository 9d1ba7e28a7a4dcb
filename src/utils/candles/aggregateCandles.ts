import { CandleInterval, ICandleData } from "../../interfaces/Exchange.interface";
import { CANDLE_INTERVAL_MS, MINUTE_MS, intervalMs } from "./intervals";
import { describeValue } from "../describeValue";

/** Throws unless the 1m candle at `index` is aligned to a minute and after the previous one. */
const checkMinuteOrder = (candles1m: ICandleData[], index: number) => {
  const time = candles1m[index].timestamp;
  if (!Number.isSafeInteger(time) || time % MINUTE_MS !== 0) {
    throw new Error(`aggregateCandles: candle ${index} timestamp must be whole minutes, got ${describeValue(time)}`);
  }
  if (index > 0 && time <= candles1m[index - 1].timestamp) {
    throw new Error(
      `aggregateCandles: candle ${index} at ${new Date(time).toISOString()} does not come after the one before it`
    );
  }
};

/** One candle of `minutes` 1m candles starting at `first` (all present and consecutive). */
const mergeBucket = (candles1m: ICandleData[], first: number, minutes: number, timestamp: number): ICandleData => {
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (let index = first; index < first + minutes; index++) {
    const candle = candles1m[index];
    high = Math.max(high, candle.high);
    low = Math.min(low, candle.low);
    volume += candle.volume;
  }
  return { timestamp, open: candles1m[first].open, high, low, close: candles1m[first + minutes - 1].close, volume };
};

/**
 * The candles of `interval` built from 1m candles (sorted, strictly increasing, whole
 * minutes): one per bucket whose start is a multiple of the interval in UTC epoch ms and
 * whose every minute is present. Open of the first minute, highest high, lowest low,
 * close of the last minute, summed volume. An incomplete bucket gives no candle: nothing
 * is made up for the minutes it lacks.
 */
export const aggregateCandles = (candles1m: ICandleData[], interval: CandleInterval): ICandleData[] => {
  const step = intervalMs(CANDLE_INTERVAL_MS, interval);
  if (step === undefined) {
    throw new Error(
      `aggregateCandles: interval must be one of ${Object.keys(CANDLE_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`
    );
  }
  const minutes = step / MINUTE_MS;
  const result: ICandleData[] = [];
  for (let index = 0; index < candles1m.length; index++) {
    checkMinuteOrder(candles1m, index);
  }
  let first = 0;
  while (first < candles1m.length) {
    const bucket = Math.floor(candles1m[first].timestamp / step) * step;
    const last = first + minutes - 1;
    const complete =
      candles1m[first].timestamp === bucket &&
      last < candles1m.length &&
      candles1m[last].timestamp === bucket + step - MINUTE_MS;
    if (complete) {
      result.push(mergeBucket(candles1m, first, minutes, bucket));
      first += minutes;
    } else {
      first++;
      while (first < candles1m.length && candles1m[first].timestamp < bucket + step) {
        first++;
      }
    }
  }
  return result;
};
