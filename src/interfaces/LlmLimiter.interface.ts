/** Why the request pool's limit moved. */
export type LlmConcurrencyReason =
  /** A round of answers kept their latency while the pool was full: one more (or twice as many while probing). */
  | "rising"
  /** A round's answers took clearly longer than the fastest seen: requests wait in the server's queue. */
  | "latency"
  /** The endpoint answered 429 or 503. */
  | "rate-limited"
  /** An attempt ran out of CC_LLM_TIMEOUT_MS. */
  | "timeout";

/** One move of the pool's limit. */
export interface ILlmConcurrencyChange {
  /** The limit before. */
  from: number;
  /** The limit after. */
  to: number;
  reason: LlmConcurrencyReason;
  /** Mean latency of the round that moved it, in ms (null for 429/503 and timeouts). */
  latencyMs: number | null;
  /** The fastest answer seen, in ms: the latency of an endpoint that does not queue (null before any). */
  baselineMs: number | null;
}

/** Where the pool's limit stands, on the done event and in the CLI summary. */
export interface ILlmConcurrencySnapshot {
  /** "adaptive" when CC_LLM_CONCURRENCY is unset (0), "fixed" when it names a number. */
  mode: "adaptive" | "fixed";
  /** The limit now. */
  limit: number;
  /** The highest limit reached. */
  peak: number;
  /** Times the limit fell. */
  falls: number;
  /** The last move, or null while it has not moved. */
  lastChange: ILlmConcurrencyChange | null;
}

/** getLlmConcurrency's answer: the pool's snapshot and its one-line summary. */
export interface ILlmConcurrency extends ILlmConcurrencySnapshot {
  /** "LLM requests in flight: adaptive, settled at N (highest P, fell F time(s), last moved from A to B (reason))". */
  text: string;
}

/** The bounds a limiter works in, read at each request. */
export interface ILlmLimiterBounds {
  /** A fixed limit (CC_LLM_CONCURRENCY), or null to find it (adaptive). */
  fixed: number | null;
  /** Lowest limit (CC_LLM_CONCURRENCY_MIN). */
  min: number;
  /** Highest limit (CC_LLM_CONCURRENCY_MAX). */
  max: number;
}

/** A request as the limiter counts it: when it started, and in which round. */
export interface ILlmLimiterToken {
  startedAt: number;
  round: number;
}

/** What ClientLlmLimiter is constructed with. */
export interface ILlmLimiterParams {
  /** The clock, in ms. */
  now: () => number;
  /** The current bounds; when they change the limiter starts over. */
  getBounds: () => ILlmLimiterBounds;
  /** The timeout of one request, in ms (CC_LLM_TIMEOUT_MS): how fast an answer must be for the fast start. */
  getTimeoutMs: () => number;
}
