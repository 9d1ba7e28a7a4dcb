/**
 * What to write instead of the backtest-kit 1.4 settings and schema fields this runtime
 * does not have, for the errors that reject them (see docs/migrating-from-1.4.md).
 */

/** 1.4 settings without a counterpart here, with what to do about each. */
export const LEGACY_CONFIG_KEYS: Readonly<Record<string, string>> = {
  CC_GET_CANDLES_PRICE_ANOMALY_THRESHOLD_FACTOR:
    "this runtime does not filter price anomalies by a median: a candle whose price is not a positive finite number fails the call with the candle named; remove the key",
  CC_GET_CANDLES_MIN_CANDLES_FOR_MEDIAN:
    "this runtime does not filter price anomalies by a median, so it has no median window; remove the key",
};

/** 1.4 strategy callbacks without a counterpart here, with what to write instead. */
export const LEGACY_STRATEGY_CALLBACKS: Readonly<Record<string, string>> = {
  onWrite: "live runs persist their state but call no hook for it; follow listenSignalLive instead, or remove it",
};

/**
 * The first backtest-kit 1.4 callback of a strategy schema that this runtime does not
 * have, as "callbacks.NAME is a backtest-kit 1.4 callback: WHAT TO DO", or null.
 */
export const findLegacyStrategyField = (schema: Record<string, unknown>): string | null => {
  const callbacks = schema.callbacks;
  const callback =
    typeof callbacks === "object" && callbacks !== null
      ? Object.keys(LEGACY_STRATEGY_CALLBACKS).find((key) => key in callbacks)
      : undefined;
  return callback === undefined
    ? null
    : `callbacks.${callback} is a backtest-kit 1.4 callback: ${LEGACY_STRATEGY_CALLBACKS[callback]}`;
};
