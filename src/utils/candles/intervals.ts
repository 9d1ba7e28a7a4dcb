const MINUTE = 60_000;

/** Length in ms of every candle interval. */
export const CANDLE_INTERVAL_MS: Readonly<Record<string, number>> = Object.freeze({
  "1m": MINUTE,
  "3m": 3 * MINUTE,
  "5m": 5 * MINUTE,
  "15m": 15 * MINUTE,
  "30m": 30 * MINUTE,
  "1h": 60 * MINUTE,
  "2h": 120 * MINUTE,
  "4h": 240 * MINUTE,
  "6h": 360 * MINUTE,
  "8h": 480 * MINUTE,
});

/** Length in ms of every frame step. */
export const FRAME_INTERVAL_MS: Readonly<Record<string, number>> = Object.freeze({
  ...CANDLE_INTERVAL_MS,
  "12h": 720 * MINUTE,
  "1d": 1_440 * MINUTE,
  "3d": 4_320 * MINUTE,
});

/** Length in ms of every strategy throttle interval. */
export const SIGNAL_INTERVAL_MS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(["1m", "3m", "5m", "15m", "30m", "1h"].map((name) => [name, CANDLE_INTERVAL_MS[name]]))
);

/** The ms of `interval` in `table`, or undefined for a name it lacks (own keys only). */
export const intervalMs = (table: Readonly<Record<string, number>>, interval: unknown): number | undefined =>
  typeof interval === "string" && Object.prototype.hasOwnProperty.call(table, interval) ? table[interval] : undefined;

/** Ticks of a frame from `start` to `end` (inclusive) stepping by `step` ms. */
export const countTicks = (start: number, end: number, step: number) => Math.floor((end - start) / step) + 1;

/** One minute in ms. */
export const MINUTE_MS = MINUTE;

/** One day in ms. */
export const DAY_MS = 1_440 * MINUTE;
