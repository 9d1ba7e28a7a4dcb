import { CONFIG_RULES, GlobalConfig, NumericSettingKey } from "../config/params";
import { describeValue } from "./describeValue";
import { findLlmPricesProblem } from "./llm/llmUsage";

/** What is wrong with `value` for the numeric setting `key` ("must be a whole number from 0 to 10"), or null. */
export const findSettingProblem = (key: NumericSettingKey, value: unknown): string | null => {
  const { integer, min, max } = CONFIG_RULES[key];
  const valid =
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  return valid ? null : `must be a ${integer ? "whole number" : "number"} from ${min} to ${max}`;
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
