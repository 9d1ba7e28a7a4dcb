import { BLIND_ENV } from "../config/llm";
import { describeValue } from "../utils/describeValue";
import { formatCandlesBlind as formatBlind, IBlindFormatOptions } from "../utils/blind/blindFrame";
import { ICandleData } from "../interfaces/Exchange.interface";
import { parseBlindSetting } from "../utils/blind/promptMode";

/**
 * Candle rows as blind prompt text, one line per candle, for source formatters and
 * strategies: times relative to the last row (`t-29m` ... `t0`), no symbol and no dates,
 * prices as percent of `options.anchorPrice` (default: the last row's close, shown as
 * 100), volumes as percent of the rows' mean, each with the fewest decimals that lose
 * nothing; no rows give "". The baseline model reads these lines as it reads plain ones.
 *
 * @example
 * formatCandlesBlind(candles, "1h");
 * // t-2h[1h]: O:99.61230 H:100.10455 L:99.50011 C:99.87000 V:91.37
 * // t-1h[1h]: ...
 * // t0[1h]: O:99.87000 H:100.20001 L:99.80210 C:100.00000 V:112.04
 */
export function formatCandlesBlind(rows: ICandleData[], timeframe: string, options?: IBlindFormatOptions): string {
  return formatBlind(rows, timeframe, options);
}

/**
 * The blind mode a generated file runs in: BACKTEST_KIT_BLIND (on/1/true/yes or
 * off/0/false/no) when it is set, else `fallback` (the optimizer's `blind` option).
 * Another value throws, naming the variable and the value.
 */
export function readBlindMode(fallback: boolean): boolean {
  if (typeof fallback !== "boolean") {
    throw new Error(`readBlindMode: fallback must be a boolean, got ${describeValue(fallback)}`);
  }
  return parseBlindSetting(BLIND_ENV, process.env[BLIND_ENV], fallback);
}
