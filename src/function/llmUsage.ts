import backtest from "../lib/index";
import { ILlmUsage } from "../interfaces/LlmUsage.interface";
import { describeValue } from "../utils/describeValue";
import { isPlainObject } from "../utils/schemaChecks";

/** Throws unless `since` is absent or an earlier result of getLlmUsage. */
const assertSince = (since: unknown): ILlmUsage | undefined => {
  if (since === undefined) {
    return undefined;
  }
  if (!isPlainObject(since) || !Array.isArray(since.models) || typeof since.waitMs !== "number") {
    throw new Error(`getLlmUsage: since must be an earlier result of getLlmUsage(), got ${describeValue(since)}`);
  }
  return since as unknown as ILlmUsage;
};

/**
 * What the model calls of this process cost so far, or since `since` (an earlier result):
 * requests sent, answered from the cache, shared in flight, speculative and wasted; the
 * prompt and completion tokens the endpoints reported; the time spent waiting on the
 * model; and the cost in USD at the price table (CC_LLM_PRICES, the BACKTEST_KIT_LLM_PRICES
 * file), or null with the unpriced models named. `text` is the one-paragraph summary.
 *
 * @example
 * const before = getLlmUsage();
 * await Walker.run(...);
 * console.log(getLlmUsage(before).text);
 */
export function getLlmUsage(since?: ILlmUsage): ILlmUsage {
  return backtest.llmConnectionService.getUsage(assertSince(since));
}
