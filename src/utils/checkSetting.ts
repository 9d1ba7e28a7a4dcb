import { CONFIG_RULES, GlobalConfig, NumericSettingKey } from "../config/params";
import { describeValue } from "./describeValue";
import { findLlmPricesProblem } from "./llm/llmUsage";

/** What is wrong with `value` for the numeric setting `key` ("must be a whole number from 0 to 10", then the key's note), or null. */
export const findSettingProblem = (key: NumericSettingKey, value: unknown): string | null => {
  const { integer, min, max, note } = CONFIG_RULES[key];
  const valid =
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  const range = `must be a ${integer ? "whole number" : "number"} from ${min} to ${max}`;
  return valid ? null : note === undefined ? range : `${range} (${note})`;
};

/**
 * What is wrong with `value` for the setting `key`, as a phrase that names the key, the
 * field and the value (`CC_LLM_CONCURRENCY must be a whole number from 1 to 1000, got 0`,
 * `CC_LLM_PRICES["gpt-4o"].input must be a number of USD per million tokens from 0 to 1000000, got -1`), or null.
 */
export const describeSettingProblem = (key: keyof GlobalConfig, value: unknown): string | null => {
  if (key === "CC_LLM_PRICES") {
    const problem = findLlmPricesProblem(value);
    return problem === null ? null : `${key}${problem}`;
  }
  const problem = findSettingProblem(key, value);
  return problem === null ? null : `${key} ${problem}, got ${describeValue(value)}`;
};

/** What is wrong with the LLM concurrency bounds of `config` taken together, or null. */
export const findConcurrencyBoundsProblem = (config: Pick<GlobalConfig, "CC_LLM_CONCURRENCY_MIN" | "CC_LLM_CONCURRENCY_MAX">) =>
  config.CC_LLM_CONCURRENCY_MIN > config.CC_LLM_CONCURRENCY_MAX
    ? `CC_LLM_CONCURRENCY_MIN (${config.CC_LLM_CONCURRENCY_MIN}) must not be above CC_LLM_CONCURRENCY_MAX (${config.CC_LLM_CONCURRENCY_MAX})`
    : null;
