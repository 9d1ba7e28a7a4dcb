import {
  ILlmModelUsage,
  ILlmPrice,
  ILlmUsage,
  ILlmUsageCounts,
  ILlmUsageReading,
  LlmPrices,
} from "../../interfaces/LlmUsage.interface";
import { describeValue } from "../describeValue";

/** The largest price accepted, in USD per million tokens (a typo guard, far above any model's). */
const MAX_LLM_PRICE = 1_000_000;

const COUNT_FIELDS: ReadonlyArray<keyof ILlmUsageCounts> = [
  "sent",
  "retries",
  "cached",
  "shared",
  "speculative",
  "wasted",
  "promptTokens",
  "completionTokens",
  "unreported",
  "requestMs",
];

/** Every count at zero. */
export const emptyLlmUsageCounts = (): ILlmUsageCounts => ({
  sent: 0,
  retries: 0,
  cached: 0,
  shared: 0,
  speculative: 0,
  wasted: 0,
  promptTokens: 0,
  completionTokens: 0,
  unreported: 0,
  requestMs: 0,
});

const combineCounts = (a: ILlmUsageCounts, b: ILlmUsageCounts, sign: 1 | -1): ILlmUsageCounts => {
  const result = emptyLlmUsageCounts();
  COUNT_FIELDS.forEach((field) => (result[field] = a[field] + sign * b[field]));
  return result;
};

const countsOf = (source: ILlmUsageCounts): ILlmUsageCounts => combineCounts(source, emptyLlmUsageCounts(), 1);

const hasActivity = (counts: ILlmUsageCounts) => COUNT_FIELDS.some((field) => counts[field] !== 0);

/** The counters of a usage as a reading (to subtract it from a later one). */
export const readingOfLlmUsage = (usage: ILlmUsage): ILlmUsageReading => ({
  models: Object.fromEntries(usage.models.map((model) => [model.model, countsOf(model)])),
  waitMs: usage.waitMs,
});

/** What happened between two readings of the same counters: `now` minus `since`, per model. */
export const subtractLlmUsageReading = (now: ILlmUsageReading, since: ILlmUsageReading): ILlmUsageReading => {
  const models: Record<string, ILlmUsageCounts> = {};
  for (const [model, counts] of Object.entries(now.models)) {
    const difference = combineCounts(counts, since.models[model] ?? emptyLlmUsageCounts(), -1);
    if (hasActivity(difference)) {
      models[model] = difference;
    }
  }
  return { models, waitMs: Math.max(0, now.waitMs - since.waitMs) };
};

/** Two readings of different runs together (a sweep job: generating its file, then running it). */
export const addLlmUsageReadings = (a: ILlmUsageReading, b: ILlmUsageReading): ILlmUsageReading => {
  const models: Record<string, ILlmUsageCounts> = { ...a.models };
  for (const [model, counts] of Object.entries(b.models)) {
    models[model] = combineCounts(models[model] ?? emptyLlmUsageCounts(), counts, 1);
  }
  return { models, waitMs: a.waitMs + b.waitMs };
};

/** Whether a parsed value has the shape of a usage (what a walker results file holds in `llmUsage`). */
export const isLlmUsage = (value: unknown): value is ILlmUsage =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as ILlmUsage).models) &&
  typeof (value as ILlmUsage).waitMs === "number" &&
  (value as ILlmUsage).models.every((model) => typeof model?.model === "string" && COUNT_FIELDS.every((field) => typeof model[field] === "number"));

/** The cost of tokens at a price, in USD. */
const costOf = (counts: ILlmUsageCounts, price: ILlmPrice) =>
  (counts.promptTokens * price.input + counts.completionTokens * price.output) / 1_000_000;

const usesTokens = (counts: ILlmUsageCounts) => counts.promptTokens + counts.completionTokens > 0;

/** "$0.0123 (USD)": enough digits for a small cost to show. */
export const formatUsd = (usd: number): string => `$${usd >= 1 ? usd.toFixed(2) : usd.toPrecision(3).replace(/\.?0+$/, "")}`;

const formatCount = (value: number) => value.toLocaleString("en-US");

const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The cost sentence: the total in USD, which models have no price, or "no price set". */
const describeCost = (costUsd: number | null, unpriced: string[]) => {
  const missing = unpriced.length === 0 ? "" : `; no price set for ${unpriced.join(", ")}`;
  if (costUsd === null) {
    return unpriced.length === 0 ? "cost: nothing to price" : `cost: no price set (CC_LLM_PRICES) for ${unpriced.join(", ")}`;
  }
  return `cost: ${formatUsd(costUsd)} USD at the price table${missing}`;
};

/**
 * The summary of a usage in one paragraph: requests sent, cached, shared, speculative
 * and wasted, the tokens, the wait, and the cost in USD (or "no price set").
 */
const formatLlmUsage = (usage: Omit<ILlmUsage, "text">): string => {
  const retries = usage.retries === 0 ? "" : ` (+${formatCount(usage.retries)} retries)`;
  const unreported = usage.unreported === 0 ? "" : ` (${formatCount(usage.unreported)} answers without token counts)`;
  return [
    `LLM usage: ${formatCount(usage.sent)} requests sent${retries}, ${formatCount(usage.cached)} answered from the cache, ` +
      `${formatCount(usage.shared)} shared in flight, ${formatCount(usage.speculative)} speculative (${formatCount(usage.wasted)} wasted)`,
    `tokens: ${formatCount(usage.promptTokens)} prompt + ${formatCount(usage.completionTokens)} completion${unreported}`,
    `waited on the model ${formatSeconds(usage.waitMs)}`,
    describeCost(usage.costUsd, usage.unpriced),
  ].join("; ");
};

/** A reading with prices applied: per-model and total counts, costs in USD and the summary text. */
export const priceLlmUsage = (reading: ILlmUsageReading, prices: LlmPrices): ILlmUsage => {
  const models: ILlmModelUsage[] = Object.entries(reading.models)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([model, counts]) => {
      const price = Object.prototype.hasOwnProperty.call(prices, model) ? prices[model] : null;
      return { model, ...countsOf(counts), price, costUsd: price === null ? null : costOf(counts, price) };
    });
  const totals = models.reduce((sum, model) => combineCounts(sum, model, 1), emptyLlmUsageCounts());
  const priced = models.filter((model) => model.costUsd !== null && usesTokens(model));
  const unpriced = models.filter((model) => model.price === null && usesTokens(model)).map((model) => model.model);
  const costUsd = priced.length === 0 ? null : priced.reduce((sum, model) => sum + (model.costUsd ?? 0), 0);
  const usage = { ...totals, waitMs: reading.waitMs, models, costUsd, unpriced };
  return { ...usage, text: formatLlmUsage(usage) };
};

/** What is wrong with one price field, or null. */
const findPriceFieldProblem = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= MAX_LLM_PRICE
    ? null
    : `must be a number of USD per million tokens from 0 to ${MAX_LLM_PRICE}, got ${describeValue(value)}`;

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What is wrong with a price table, naming the field and the value
 * (`["gpt-4o"].input must be a number of USD per million tokens from 0 to 1000000, got -1`), or null.
 */
export const findLlmPricesProblem = (value: unknown): string | null => {
  if (!isPlainRecord(value)) {
    return ` must be an object of { input, output } prices by model name (USD per million tokens), got ${describeValue(value)}`;
  }
  for (const [model, price] of Object.entries(value)) {
    const where = `[${JSON.stringify(model)}]`;
    if (!isPlainRecord(price)) {
      return `${where} must be { input, output } in USD per million tokens, got ${describeValue(price)}`;
    }
    const extra = Object.keys(price).find((field) => field !== "input" && field !== "output");
    if (extra !== undefined) {
      return `${where} has an unknown field ${JSON.stringify(extra)} (a price has input and output, in USD per million tokens)`;
    }
    for (const field of ["input", "output"] as const) {
      const problem = findPriceFieldProblem(price[field]);
      if (problem !== null) {
        return `${where}.${field} ${problem}`;
      }
    }
  }
  return null;
};
