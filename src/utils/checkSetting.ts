import { CONFIG_RULES, GlobalConfig } from "../config/params";

/** What is wrong with `value` for the setting `key` ("must be a whole number from 0 to 10"), or null. */
export const findSettingProblem = (key: keyof GlobalConfig, value: unknown): string | null => {
  const { integer, min, max } = CONFIG_RULES[key];
  const valid =
    typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  return valid ? null : `must be a ${integer ? "whole number" : "number"} from ${min} to ${max}`;
};
