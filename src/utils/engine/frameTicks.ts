import { MINUTE_MS } from "../candles/intervals";

/** Index of the first tick at or after `time` on a frame of ticks `step` ms apart from `start`. */
export const firstTickAtOrAfter = (start: number, step: number, time: number) => Math.ceil((time - start) / step);

/**
 * Index of the frame tick at which a backtest asks its strategy again after a signal that
 * opened at tick `index` ended at `closeTimestamp` (the end of its last 1m candle): the
 * tick after the first one at or after that candle's open, as backtest-kit 1.4 did. On a
 * 1m frame that is the tick at `closeTimestamp`; on a coarser frame that first tick is
 * not asked (nor is any tick before it). Never `index` itself.
 */
export const tickAfterClose = (start: number, step: number, index: number, closeTimestamp: number) =>
  Math.max(index + 1, firstTickAtOrAfter(start, step, closeTimestamp - MINUTE_MS) + 1);
