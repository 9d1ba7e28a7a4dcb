/**
 * What a performance event timed: "backtest_total" a whole backtest run,
 * "backtest_timeframe" one visited tick (getSignal and, when it entered, the signal's
 * resolution), "backtest_signal" one signal from entry to close or cancel, "live_tick"
 * one tick of a live run.
 */
export type PerformanceMetricType = "backtest_total" | "backtest_timeframe" | "backtest_signal" | "live_tick";

/** One timing of the engine, in milliseconds of wall time. */
export interface PerformanceContract {
  /** When it was measured (wall clock, UTC ms). */
  timestamp: number;
  /** When the previous event of the same run was measured, null for the first. */
  previousTimestamp: number | null;
  metricType: PerformanceMetricType;
  /** Milliseconds it took. */
  duration: number;
  strategyName: string;
  exchangeName: string;
  symbol: string;
  backtest: boolean;
}

export default PerformanceContract;
