/** The price of one model, in US dollars per million tokens. */
export interface ILlmPrice {
  /** USD per million prompt (input) tokens. */
  input: number;
  /** USD per million completion (output) tokens. */
  output: number;
}

/** Prices by model name, as the model is named in requests (CC_LLM_PRICES, or the BACKTEST_KIT_LLM_PRICES file). */
export type LlmPrices = Record<string, ILlmPrice>;

/** Tokens of one answered attempt, as the endpoint reported them (null for a count it left out). */
export interface ILlmTokens {
  prompt: number | null;
  completion: number | null;
}

/** One attempt's answer as a provider returns it: the text and the endpoint's token counts. */
export interface ILlmAnswer {
  content: string;
  tokens: ILlmTokens;
}

/**
 * Counts of model requests of one model, or of all. A request is one question asked in
 * code (askText, askSignal, a re-ask, a getPrompt answer): it is answered from the
 * cache, joins an identical one in flight, or is sent.
 */
export interface ILlmUsageCounts {
  /** Requests sent to the endpoint (a request retried counts once here). */
  sent: number;
  /** Further attempts of sent requests after a transient failure. */
  retries: number;
  /** Requests answered from the response cache: nothing sent, no tokens. */
  cached: number;
  /** Requests that joined an identical request in flight: sent once, counted once in `sent`. */
  shared: number;
  /** Sent requests asked for ahead of the run (signal prefetch), sent before the run reached their tick. */
  speculative: number;
  /** Speculative requests whose tick the run then skipped: sent and paid for, their answer unused. */
  wasted: number;
  /** Prompt (input) tokens the endpoint reported for answered attempts (Ollama prompt_eval_count, OpenAI usage.prompt_tokens). */
  promptTokens: number;
  /** Completion (output) tokens the endpoint reported (Ollama eval_count, OpenAI usage.completion_tokens). */
  completionTokens: number;
  /** Answered attempts whose endpoint reported no token counts (their tokens are in neither sum). */
  unreported: number;
  /** Time from sending to the answer (or failure) summed over every attempt, in ms. */
  requestMs: number;
}

/** The counts of one model, with its price and cost. */
export interface ILlmModelUsage extends ILlmUsageCounts {
  /** The model, as named in requests. */
  model: string;
  /** Its price, or null when none is set. */
  price: ILlmPrice | null;
  /** Its tokens at its price, in USD; null when no price is set. */
  costUsd: number | null;
}

/**
 * What model calls cost: in this process since it started, or over a run (the
 * difference to an earlier reading, `getLlmUsage(since)`).
 */
export interface ILlmUsage extends ILlmUsageCounts {
  /** Wall-clock time during which at least one request was out at the endpoint, in ms: the time spent waiting on the model. */
  waitMs: number;
  /** The same counts per model, by model name. */
  models: ILlmModelUsage[];
  /** The cost of every model with a price, in USD; null when no model that used tokens has one. */
  costUsd: number | null;
  /** Models that used tokens but have no price (their cost is in no total). */
  unpriced: string[];
  /** One-paragraph summary, as generated files and the command line print it. */
  text: string;
}

/** The raw counters of the process: per model, and the wait time (no prices). */
export interface ILlmUsageReading {
  models: Record<string, ILlmUsageCounts>;
  waitMs: number;
}
