import { ICandleData } from "../interfaces/Exchange.interface";

/** Index of the first candle with timestamp >= time in sorted candles, by binary search. */
export const lowerBound = (candles: ArrayLike<ICandleData>, time: number) => {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid].timestamp < time) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
};
