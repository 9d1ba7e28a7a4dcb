import { readFileSync } from "node:fs";
import { LLM_PRICES_ENV } from "../../config/llm";
import { LlmPrices } from "../../interfaces/LlmUsage.interface";
import { findLlmPricesProblem } from "./llmUsage";
import { tryParseJson } from "../tryParseJson";

/** The price table of the file BACKTEST_KIT_LLM_PRICES names ({} when unset); throws naming the file and the field. */
export const readLlmPriceFile = (): LlmPrices => {
  const path = process.env[LLM_PRICES_ENV]?.trim();
  if (path === undefined || path === "") {
    return {};
  }
  let text: string;
  try {
    text = readFileSync(path, "utf-8");
  } catch (error) {
    throw new Error(`${LLM_PRICES_ENV} names ${path}, which cannot be read: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    throw new Error(`${LLM_PRICES_ENV} file ${path} holds no price table: it is not JSON`);
  }
  const problem = findLlmPricesProblem(parsed.value);
  if (problem !== null) {
    throw new Error(`${LLM_PRICES_ENV} file ${path}: the price table${problem}`);
  }
  return parsed.value as LlmPrices;
};
