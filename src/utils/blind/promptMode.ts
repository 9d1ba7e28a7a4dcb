import { PromptMode, RunPromptMode } from "../../interfaces/Llm.interface";
import { OFF_WORDS, ON_WORDS } from "../switchWords";

/** One mode for a run from the modes its requests used: null for none, "mixed" for both. */
export const combinePromptModes = (modes: RunPromptMode[]): RunPromptMode => {
  const used = new Set(modes.filter((mode): mode is PromptMode | "mixed" => mode !== null));
  if (used.size === 0) {
    return null;
  }
  return used.size === 1 ? [...used][0] : "mixed";
};

/** The mode as a report names it. */
export const describePromptMode = (mode: RunPromptMode) =>
  mode === null
    ? "none (no askSignal call)"
    : mode === "blind"
      ? "blind (no dates, symbol as ASSET, prices rebased to the last close)"
      : mode === "plain"
        ? "plain (dates, symbol and real prices)"
        : "mixed (blind and plain requests)";

/**
 * Blind mode from an environment value: on/1/true/yes or off/0/false/no (any case),
 * `fallback` when unset or empty; anything else throws naming the variable and value.
 */
export const parseBlindSetting = (name: string, value: string | undefined, fallback: boolean) => {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") {
    return fallback;
  }
  if (ON_WORDS.includes(text)) {
    return true;
  }
  if (OFF_WORDS.includes(text)) {
    return false;
  }
  throw new Error(`${name} must be one of ${[...ON_WORDS, ...OFF_WORDS].join(", ")}, got ${JSON.stringify(value)}`);
};
