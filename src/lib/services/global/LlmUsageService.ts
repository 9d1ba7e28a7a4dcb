import { readFileSync } from "node:fs";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import LlmConnectionService from "../connection/LlmConnectionService";
import { GLOBAL_CONFIG } from "../../../config/params";
import { LLM_PRICES_ENV } from "../../../config/llm";
import { ILlmUsage, ILlmUsageReading, LlmPrices } from "../../../interfaces/LlmUsage.interface";
import { findLlmPricesProblem, priceLlmUsage, readingOfLlmUsage, subtractLlmUsageReading } from "../../../utils/llm/llmUsage";
import { tryParseJson } from "../../../utils/tryParseJson";

/** The price table of the file BACKTEST_KIT_LLM_PRICES names ({} when unset); throws naming the file and the field. */
const readPriceFile = (): LlmPrices => {
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

/**
 * What model calls cost: the process's counters (kept by LlmConnectionService), a run's
 * share of them (the difference to a reading taken when it started), and the price table
 * that turns tokens into US dollars: the BACKTEST_KIT_LLM_PRICES file, then CC_LLM_PRICES.
 */
export class LlmUsageService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);

  /** The counters now, without prices (what a run keeps to subtract later). */
  public read = (): ILlmUsageReading => this.llmConnectionService.readUsage();

  /** The price table in force: the file's entries, overridden per model by CC_LLM_PRICES. */
  public getPrices = (): LlmPrices => ({ ...readPriceFile(), ...GLOBAL_CONFIG.CC_LLM_PRICES });

  /** The usage of the process, or since an earlier reading or usage, priced. */
  public getUsage = (since?: ILlmUsageReading | ILlmUsage): ILlmUsage => {
    this.loggerService.log("llmUsageService getUsage", { since: since !== undefined });
    const now = this.read();
    const reading = since === undefined ? now : subtractLlmUsageReading(now, isUsage(since) ? readingOfLlmUsage(since) : since);
    return priceLlmUsage(reading, this.getPrices());
  };
}

const isUsage = (value: ILlmUsageReading | ILlmUsage): value is ILlmUsage => Array.isArray(value.models);

export default LlmUsageService;
