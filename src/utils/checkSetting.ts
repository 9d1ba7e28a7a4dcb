import { CONFIG_RULES, GlobalConfig } from "../config/params";

/** What is wrong with `value` for the setting `key` ("must be a whole number from 0 to 10", then the key's note), or null. */
export const findSettingProblem = (key: keyof GlobalConfig, value: unknown): string | null => {
  const { integer, min, max, note } = CONFIG_RULES[key];
  const valid =
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  const range = `must be a ${integer ? "whole number" : "number"} from ${min} to ${max}`;
  return valid ? null : note === undefined ? range : `${range} (${note})`;
};

/** What is wrong with the LLM concurrency bounds of `config` taken together, or null. */
export const findConcurrencyBoundsProblem = (config: Pick<GlobalConfig, "CC_LLM_CONCURRENCY_MIN" | "CC_LLM_CONCURRENCY_MAX">) =>
  config.CC_LLM_CONCURRENCY_MIN > config.CC_LLM_CONCURRENCY_MAX
    ? `CC_LLM_CONCURRENCY_MIN (${config.CC_LLM_CONCURRENCY_MIN}) must not be above CC_LLM_CONCURRENCY_MAX (${config.CC_LLM_CONCURRENCY_MAX})`
    : null;
