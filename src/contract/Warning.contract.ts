/**
 * The facts of each fault the library works around instead of failing, by kind. Every
 * kind that code raises has an entry here; `listenWarning` receives them as
 * `WarningContract`, narrowed by `kind`.
 */
export interface WarningDetails {
  /** An exchange getCandles attempt failed and the call is tried again. */
  "exchange-retry": {
    exchangeName: string;
    symbol: string;
    interval: string;
    /** Open time of the first candle asked for, in ms. */
    since: number;
    /** The attempt that failed, from 1. */
    attempt: number;
    /** The failed attempt's error message. */
    error: string;
  };
  /** An LLM request attempt failed with a transient fault and is sent again after a pause. */
  "llm-retry": {
    /** "ollama" or "openai". */
    provider: string;
    host: string;
    model: string;
    /** The attempt that failed, from 1. */
    attempt: number;
    /** The failed attempt's error message. */
    error: string;
    /** Pause before the next attempt, in ms (the endpoint's Retry-After when it sent one). */
    delayMs: number;
  };
  /** An LLM endpoint answered 429 or 503: the request pool sends fewer requests at once for a while. */
  "llm-rate-limited": {
    provider: string;
    host: string;
    model: string;
    /** 429 or 503. */
    status: number;
    /** The endpoint's Retry-After in ms (bounded), or null when it sent none. */
    retryAfterMs: number | null;
    /** The pool's limit of requests in flight from now on; it climbs back step by step. */
    limit: number;
  };
  /** askSignal's answer was rejected and the model is asked once more, with the problem quoted. */
  "llm-reask": {
    strategyName: string;
    symbol: string;
    /** The tick, in ms. */
    when: number;
    model: string;
    /** Why the answer was rejected. */
    problem: string;
  };
  /** An OpenAI-compatible endpoint rejected JSON mode: its answers are asked for and parsed as plain text. */
  "llm-json-fallback": {
    provider: string;
    host: string;
    model: string;
    /** The endpoint's rejection. */
    error: string;
  };
  /** An LLM cache entry could not be used: it counts as a miss and the new answer replaces it. */
  "llm-cache-repaired": {
    /** The entry's file. */
    path: string;
    /** The request's cache key. */
    key: string;
    /** What was wrong with it. */
    reason: string;
  };
}

/** Which fault was absorbed. */
export type WarningKind = keyof WarningDetails;

/** One absorbed fault: its kind, one readable line, and the facts of that kind. */
export type WarningContract = {
  [K in WarningKind]: {
    kind: K;
    /** One line saying what went wrong and what the library did about it. */
    message: string;
    details: WarningDetails[K];
  };
}[WarningKind];

/** Raises a warning; clients get it as a constructor param. */
export type RaiseWarning = <K extends WarningKind>(
  kind: K,
  message: string,
  details: WarningDetails[K]
) => Promise<void>;

export default WarningContract;
