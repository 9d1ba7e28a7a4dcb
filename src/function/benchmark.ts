import { GLOBAL_CONFIG, NumericSettingKey } from "../config/params";
import { ILuckTest, ILuckTestOptions } from "../interfaces/Benchmark.interface";
import { computeLuckTest } from "../utils/stats/luckTest";
import { findSettingProblem } from "../utils/checkSetting";
import { describeValue } from "../utils/describeValue";
import { isPlainObject } from "../utils/schemaChecks";
import { MINUTE_MS } from "../utils/candles/intervals";

export { resolveOpenSignal } from "../utils/engine/resolveOpenSignal";

/** Each numeric option with the setting that gives its default and its rule. */
const SETTING_OPTIONS = [
  ["seed", "CC_LUCK_SEED"],
  ["simulations", "CC_LUCK_SIMULATIONS"],
  ["feePercent", "CC_PERCENT_FEE"],
  ["slippagePercent", "CC_PERCENT_SLIPPAGE"],
  ["avgPriceCandlesCount", "CC_AVG_PRICE_CANDLES_COUNT"],
] as const;

const fail = (field: string, problem: string, value: unknown): never => {
  throw new Error(`runLuckTest: ${field} ${problem}, got ${describeValue(value)}`);
};

/** The option, or the setting's value when it is absent; checked by the setting's rule. */
const settle = (options: ILuckTestOptions, field: (typeof SETTING_OPTIONS)[number][0], key: NumericSettingKey) => {
  const value = options[field] ?? GLOBAL_CONFIG[key];
  const problem = findSettingProblem(key, value);
  return problem === null ? value : fail(`options.${field}`, problem, value);
};

/**
 * The random-entry baseline of a strategy's closed trades on 1m candles, as
 * `Backtest.getData(...).luck` computes it for a run (when first read): `simulations` seeded runs
 * that each trade the same trades (side, take-profit and stop-loss distances, lifetime)
 * at random ticks of the frame without overlap, entering at the engine's average price
 * and resolved by its rule (resolveOpenSignal). Null without trades or simulations.
 * `onTrade` sees every simulated trade. Bad options throw, naming the field and value.
 */
export function runLuckTest(options: ILuckTestOptions): ILuckTest | null {
  if (!isPlainObject(options)) {
    fail("options", "must be an object", options);
  }
  if (!Array.isArray(options.trades)) fail("options.trades", "must be an array of closed trades", options.trades);
  if (!Array.isArray(options.candles)) fail("options.candles", "must be an array of 1m candles", options.candles);
  if (!Number.isFinite(options.startTimestamp)) fail("options.startTimestamp", "must be a time in ms", options.startTimestamp);
  if (!Number.isInteger(options.tickCount) || options.tickCount < 1) {
    fail("options.tickCount", "must be a whole number >= 1", options.tickCount);
  }
  if (options.onTrade !== undefined && typeof options.onTrade !== "function") {
    fail("options.onTrade", "must be a function", options.onTrade);
  }
  const tickMs = options.tickMs ?? MINUTE_MS;
  if (!Number.isInteger(tickMs) || tickMs < 1) fail("options.tickMs", "must be a whole number of ms >= 1", tickMs);
  const [seed, simulations, feePercent, slippagePercent, avgPriceCandlesCount] = SETTING_OPTIONS.map(([field, key]) =>
    settle(options, field, key)
  );
  return computeLuckTest({
    trades: options.trades,
    candles: options.candles,
    startTimestamp: options.startTimestamp,
    tickMs,
    tickCount: options.tickCount,
    seed,
    simulations,
    feePercent,
    slippagePercent,
    avgPriceCandlesCount,
    onTrade: options.onTrade,
  });
}
