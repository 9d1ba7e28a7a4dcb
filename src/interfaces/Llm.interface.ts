import { ILogger } from "./Logger.interface";
import { MessageModel } from "./Message.interface";
import { ISignalDto } from "./Strategy.interface";

/** Options of `askText` and `askSignal`; each falls back to its environment variable, then to the default. */
export interface ILlmOptions {
  /** Ollama endpoint (else OLLAMA_HOST, else https://ollama.com). */
  host?: string;
  /** Model name (else OLLAMA_MODEL, else deepseek-v3.1:671b). */
  model?: string;
  /** Ollama model options (temperature, seed, ...); part of the cache key. */
  options?: Record<string, unknown>;
  /** Response cache directory (else BACKTEST_KIT_LLM_CACHE_DIR, else ./.backtest-kit/llm-cache). */
  cacheDir?: string;
  /** false turns the response cache off for this call (as BACKTEST_KIT_LLM_CACHE=off does for all). */
  cache?: boolean;
  /**
   * askSignal only. true: the messages are blind (formatCandlesBlind: no dates, symbol
   * ASSET, prices as percent of the last 1m close at the tick) and the model answers on
   * that scale; its prices are mapped back to real ones (at the exchange's price
   * precision) before the signal is checked and traded. Default false (plain).
   */
  blind?: boolean;
}

/** How a signal request shows the market: "blind" (relative times, alias, rebased prices) or "plain". */
export type PromptMode = "blind" | "plain";

/**
 * How a run's signal requests showed the market: "blind" or "plain" (askSignal's
 * `blind` option), "mixed" when both were used, null when askSignal was not called.
 */
export type RunPromptMode = PromptMode | "mixed" | null;

/** One chat request as it is sent, and as its cache key is computed. */
export interface ILlmRequest {
  /** Model name. */
  model: string;
  /** The whole conversation. */
  messages: MessageModel[];
  /** Structured-output schema, if any. */
  format?: object | "json";
  /** Ollama model options, if any. */
  options?: Record<string, unknown>;
}

/** The answer to one chat request. */
export interface ILlmReply {
  /** Content hash of (host, model, messages, format, options): the cache key. */
  key: string;
  /** The assistant's text. */
  content: string;
}

/** What a signal request gave. */
export interface ILlmSignalAnswer {
  /** Stable id of the conversation (same request at the same tick, same id): links the signal to its dump. */
  id: string;
  /** The validated signal carrying `id`, or null for "wait", a rejected answer or a failed request. */
  signal: (ISignalDto & { id: string }) | null;
  /** The model's last answer, parsed when it was JSON, else its raw text; null when the request failed. */
  answer: unknown;
}

/** Persistent storage of chat replies by key. */
export interface ILlmCache {
  /** The content stored under `key`, or null (missing or unreadable entries are misses). */
  get(key: string): Promise<string | null>;
  /** Stores `content` under `key`, atomically. */
  set(key: string, content: string): Promise<void>;
}

/** Retry and timeout settings of LLM requests, read at call time. */
export interface ILlmLimits {
  /** Bound of one attempt, in ms. */
  timeoutMs: number;
  /** Retries after a transient failure. */
  retryCount: number;
  /** Pause before the first retry, doubled for each further one. */
  retryDelayMs: number;
}

/** What ClientLlm is constructed with. */
export interface ILlmParams {
  /** Endpoint base URL. */
  host: string;
  /** Extra request headers (Authorization when a key is set); never logged or stored. */
  headers: Record<string, string>;
  /** Response cache, or null when caching is off. */
  cache: ILlmCache | null;
  /** Where diagnostics go. */
  logger: ILogger;
  /** Waits between retries. */
  sleep: (ms: number) => Promise<void>;
  /** Current retry and timeout settings. */
  getLimits: () => ILlmLimits;
  /** The fetch implementation the Ollama client uses. */
  fetch: typeof fetch;
}

/** Checks a parsed signal answer: the problem as text, or null when it is usable. */
export type LlmSignalCheck = (signal: unknown) => string | null;

/** The outcome of asking for a signal, before it is tied to a tick. */
export interface ILlmSignalOutcome {
  /** Key of the first request of the exchange. */
  key: string;
  /** The last answer, parsed when possible. */
  answer: unknown;
  /** The usable signal, or null. */
  signal: ISignalDto | null;
  /** Why the last answer was rejected, or null. */
  problem: string | null;
}
