import { ILlmConcurrencySnapshot } from "./LlmLimiter.interface";
import { ILogger } from "./Logger.interface";
import { MessageModel } from "./Message.interface";
import { ISignalDto } from "./Strategy.interface";
import { ILlmTicket } from "./LlmTicket.interface";
import { RaiseWarning } from "../contract/Warning.contract";
import { ILlmAnswer, ILlmTokens } from "./LlmUsage.interface";

/** Options of `askText` and `askSignal`; each falls back to its environment variable, then to the default. */
export interface ILlmOptions {
  /** Endpoint protocol (else BACKTEST_KIT_LLM_PROVIDER, else "ollama"). */
  provider?: LlmProviderName;
  /**
   * Endpoint: for "ollama" else OLLAMA_HOST, else https://ollama.com; for "openai" the API
   * base URL, else OPENAI_BASE_URL, else https://api.openai.com/v1.
   */
  host?: string;
  /** Model name: else OLLAMA_MODEL (default deepseek-v3.1:671b), or OPENAI_MODEL (no default) for "openai". */
  model?: string;
  /**
   * Model options, part of the cache key: Ollama's `options` (temperature, seed, ...), or
   * extra chat-completion fields for "openai" (temperature, seed, max_tokens, ...).
   */
  options?: Record<string, unknown>;
  /** "openai" only: receive the answer as server-sent events (for proxies that cut idle connections). */
  stream?: boolean;
  /** Response cache directory (else BACKTEST_KIT_LLM_CACHE_DIR, else ./.backtest-kit/llm-cache). */
  cacheDir?: string;
  /** false turns the response cache off for this call (as BACKTEST_KIT_LLM_CACHE=off does for all). */
  cache?: boolean;
  /**
   * A response cache in Redis shared by every process that names it, instead of the
   * directory: redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss:// (else
   * BACKTEST_KIT_LLM_CACHE when it holds such a URL). Not together with `cacheDir`.
   */
  cacheUrl?: string;
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

/** The part of an ioredis connection the Redis response cache uses (made with lazyConnect, no offline queue). */
export interface ILlmRedisConnection {
  /** ioredis' connection state: "wait", "connecting", "connect", "ready", "close", "reconnecting" or "end". */
  readonly status: string;
  /** The socket of the current connection, once there is one. */
  readonly stream?: { unref(): unknown };
  /** Opens the connection; resolves when it is ready, rejects when it fails. */
  connect(): Promise<void>;
  /** Drops the connection at once (a pending connect fails); connect() opens a new one. */
  disconnect(): void;
  /** The string value of `key`, or null; rejects with a ReplyError when the value is not a string. */
  get(key: string): Promise<string | null>;
  /** Sets `key` to `value`, replacing any value of any type. */
  set(key: string, value: string): Promise<unknown>;
  /** ioredis' "connect" and "error" events. */
  on(event: "connect" | "error", listener: (error?: Error) => void): unknown;
}

/** Settings of the LLM request pool, read at call time. */
export interface ILlmLimits {
  /** Bound of one attempt, in ms. */
  timeoutMs: number;
  /** Retries after a transient failure. */
  retryCount: number;
  /** Pause before the first retry, doubled for each further one. */
  retryDelayMs: number;
  /** Most requests in flight at once; 0: the pool finds it (adaptive), within the two bounds below. */
  concurrency: number;
  /** Lowest limit of the adaptive pool. */
  concurrencyMin: number;
  /** Highest limit of the adaptive pool. */
  concurrencyMax: number;
  /** Attempts in a row that fail to reach an endpoint before the pool stops sending to it. */
  breakerFailures: number;
  /** Most requests waiting for a slot. */
  queueLimit: number;
}

/** The endpoint protocols the library speaks. */
export type LlmProviderName = "ollama" | "openai";

/** One endpoint protocol behind ClientLlm: sends one chat request, once, no retries. */
export interface ILlmProvider {
  /** Which protocol. */
  readonly name: LlmProviderName;
  /** Endpoint base URL. */
  readonly host: string;
  /** The cache key of `request` at this endpoint (content hash; never holds a secret). */
  keyOf(request: ILlmRequest): string;
  /** The assistant's text and reported tokens; aborted when `signal` fires; an HTTP error status is thrown as LlmStatusError. */
  send(request: ILlmRequest, signal: AbortSignal): Promise<ILlmAnswer>;
}

/** One request as the pool runs it. */
export interface ILlmPoolCall {
  /** Cache key: identical keys in flight at once are sent once. */
  key: string;
  /** For warnings and errors. */
  provider: LlmProviderName;
  host: string;
  model: string;
  /** One attempt, bounded by `signal`. */
  send: (signal: AbortSignal) => Promise<string>;
}

/** Runs model requests: at most a limit in flight, a bounded queue, retries. */
export interface ILlmPool {
  /** The content for `call`, shared with an identical call in flight; throws after the last failed attempt. */
  run(call: ILlmPoolCall): Promise<string>;
  /** Where the limit of requests in flight stands, and why it last moved; null while no request was sent under the current settings. */
  getConcurrency(): ILlmConcurrencySnapshot | null;
  /** How many requests may be in flight now. */
  getLimit(): number;
}

/** Where the pool counts what only it sees: shared requests, and requests sent ahead and wasted. */
export interface ILlmPoolUsage {
  /** A request joined an identical one in flight. */
  noteShared(model: string): void;
  /** A request went out for a tick the run had not reached yet. */
  noteSpeculative(model: string): void;
  /** A request sent ahead belongs only to ticks the run skipped: its answer is unused. */
  noteWasted(model: string): void;
}

/** What ClientLlmPool is constructed with. */
export interface ILlmPoolParams {
  /** Counts shared, speculative and wasted requests. */
  usage: ILlmPoolUsage;
  /** Where diagnostics go. */
  logger: ILogger;
  /** Raises "llm-retry", "llm-rate-limited" and "llm-concurrency-changed". */
  warn: RaiseWarning;
  /** Waits between attempts. */
  sleep: (ms: number) => Promise<void>;
  /** The clock, in ms (Retry-After pauses). */
  now: () => number;
  /** Current pool settings. */
  getLimits: () => ILlmLimits;
  /** The ticket of the tick asked for ahead that the caller runs in, or null (the run awaits the request). */
  currentTicket: () => ILlmTicket | null;
}

/** What ClientLlm is constructed with. */
export interface ILlmParams {
  /** The endpoint protocol. */
  provider: ILlmProvider;
  /** The process-wide request pool. */
  pool: ILlmPool;
  /** Response cache, or null when caching is off. */
  cache: ILlmCache | null;
  /** Where diagnostics go. */
  logger: ILogger;
  /** Counts cache hits, attempts, their time and tokens. */
  usage: ILlmClientUsage;
}

/** Where ClientLlm counts cache hits and the attempts it sends. */
export interface ILlmClientUsage {
  /** A request answered from the response cache. */
  noteCached(model: string): void;
  /** Attempt number `attempt` (1: the request is sent) goes out; call the result with its tokens when it is answered, null when it failed. */
  beginAttempt(model: string, attempt: number): (tokens: ILlmTokens | null) => void;
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
