import { LlmConcurrencyReason } from "../interfaces/LlmLimiter.interface";

/** What blind mode found in one training range's text: dates, prices and symbol names, by count. */
interface IBlindFindingsWarning {
  optimizerName: string;
  symbol: string;
  /** The training range, from 1. */
  range: number;
  dates: number;
  prices: number;
  symbols: number;
}

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
  /**
   * An exchange reply was repaired before use; raised once per run, exchange, symbol and
   * repair (later replies of the run with the same fault are repaired in silence).
   */
  "exchange-repair": {
    exchangeName: string;
    symbol: string;
    interval: string;
    /** Open time of the first candle asked for, in ms. */
    since: number;
    /** Candles asked for. */
    limit: number;
    /**
     * What was wrong: "order" (not oldest first: sorted), "duplicates" (dropped),
     * "out-of-range" (open times outside the asked range: dropped), "more-than-asked"
     * (more candles than `limit`).
     */
    repair: "order" | "duplicates" | "out-of-range" | "more-than-asked";
    /** Candles out of place, duplicates dropped, candles dropped, or candles past the limit, in that reply. */
    count: number;
  };
  /** A getSignal tick did not settle within its bound; the tick gives no signal and the run goes on. */
  "signal-timeout": {
    strategyName: string;
    exchangeName: string;
    symbol: string;
    /** The tick, in ms. */
    when: number;
    /** The bound that passed, in ms (CC_GET_SIGNAL_TIMEOUT_MS, or the exchange's when its call timed out). */
    timeoutMs: number;
    /** The timeout's error message. */
    error: string;
  };
  /** The 1m candles end before a backtest's frame does; raised once per run, at its end. */
  "data-ended": {
    strategyName: string;
    exchangeName: string;
    frameName: string;
    symbol: string;
    /** Open time of the last 1m candle before the frame's last tick, in ms; null when the frame has none. */
    lastCandle: number | null;
    /** The frame's endDate, in ms. */
    frameEnd: number;
  };
  /**
   * The candles ended before a signal could be resolved: an open trade closed with
   * `dataEnded: true` at the last candle it had (its entry when none), or a scheduled
   * signal cancelled with `dataEnded: true` while it waited for its entry price.
   */
  "trade-data-ended": {
    strategyName: string;
    exchangeName: string;
    frameName: string;
    symbol: string;
    signalId: string;
    /** True when the signal still waited for its entry price (it is cancelled, not closed). */
    scheduled: boolean;
    /** When the trade opened (pendingAt), or when the scheduled signal was made (scheduledAt), in ms. */
    openTime: number;
    /** When it would have been resolved had the data gone on (lifetime or schedule wait end), in ms. */
    until: number;
    /** Open time of the last 1m candle there is from a few minutes before the signal on, in ms; null when there is none. */
    lastCandle: number | null;
  };
  /**
   * An event listener or a strategy, exchange, frame or walker callback did not settle
   * within CC_LISTENER_TIMEOUT_MS; the run went on without it and its later settling is
   * ignored. (A listenWarning listener's own faults are only logged: they cannot raise warnings.)
   */
  "listener-timeout": {
    /** Which one: "listenSignal", "strategy NAME callbacks.onOpen", ... */
    listener: string;
    /** The bound that passed, in ms. */
    timeoutMs: number;
  };
  /** An event listener threw (or rejected); the event still reached the other listeners and the run went on. */
  "listener-error": {
    /** Which listener: "listenSignal", "listenDoneBacktest", ... */
    listener: string;
    /** What it threw, as text. */
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
  /**
   * The adaptive request pool (CC_LLM_CONCURRENCY unset) lowered its limit below every
   * limit it had settled at, a sign of overload: answers slowed down (the endpoint
   * queues), it answered 429/503, or an attempt timed out. Raised only when the limit falls.
   */
  "llm-concurrency-changed": {
    provider: string;
    host: string;
    model: string;
    /** The limit before. */
    from: number;
    /** The limit from now on. */
    to: number;
    /** "latency", "rate-limited" or "timeout". */
    reason: LlmConcurrencyReason;
    /** Mean latency of the round that lowered it, in ms (null for 429/503 and timeouts). */
    latencyMs: number | null;
    /** The fastest answer seen, in ms (null before any). */
    baselineMs: number | null;
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
    /** The entry's file, or for a Redis cache the server's URL (password redacted) and the entry's Redis key. */
    path: string;
    /** The request's cache key. */
    key: string;
    /** What was wrong with it. */
    reason: string;
  };
  /**
   * The Redis response cache did not answer in time or could not be reached: lookups are
   * misses and answers are not stored until it answers again. Raised once per outage
   * (again after it recovered and failed anew), not once per request.
   */
  "llm-cache-unavailable": {
    /** The Redis URL, its password replaced by ***. */
    url: string;
    /** What failed first: a lookup ("get") or storing an answer ("set"). */
    operation: "get" | "set";
    /** Why, e.g. "connect ECONNREFUSED 127.0.0.1:6379" or "Redis get timed out after 2000 ms". */
    error: string;
  };
  /**
   * One source of an optimizer returned no rows for a training range (a range where
   * every source is empty is an error, unless the schema sets allowEmptyRanges).
   */
  "empty-source": {
    optimizerName: string;
    symbol: string;
    sourceName: string;
    /** Which training range, from 1. */
    range: number;
    /** The range's start and end, in ms. */
    startDate: number;
    endDate: number;
  };
  /**
   * The optimizer's llm.host was a baseline model this process started on a random port
   * (gone once it exits): the generated file asks `replacement` (the port of
   * `backtest-kit baseline`) instead, unless OLLAMA_HOST is set when it runs.
   */
  "model-host-replaced": {
    optimizerName: string;
    symbol: string;
    host: string;
    replacement: string;
  };
  /**
   * Blind mode: a training conversation (the sources' user messages) carried dates, prices
   * or the symbol, so the model saw the period while writing the strategy (nothing can take
   * that back: format the rows with formatCandlesBlind).
   */
  "blind-conversation-leak": IBlindFindingsWarning;
  /** Blind mode: dates, prices or the symbol were taken out of a strategy text before it went into the file. */
  "blind-strategy-redacted": IBlindFindingsWarning;
  /** askSignal was asked blind, but its messages carry what blind mode hides (said once per strategy and symbol). */
  "blind-prompt-leak": {
    strategyName: string;
    symbol: string;
    /** The tick, in ms. */
    when: number;
    /** What was found: "the symbol", "a date", "the real last close". */
    found: string[];
  };
  /**
   * Some luck-test simulations ran out of frame (or of candles) before placing every
   * trade; they count the trades they placed, which leans their totals toward fewer trades.
   * Said when the run's luck test is computed: when its result is first read.
   */
  "luck-incomplete": {
    strategyName: string;
    symbol: string;
    frameName: string;
    /** Simulations that placed fewer trades than the strategy made. */
    incompleteSimulations: number;
    simulations: number;
    /** The strategy's closed trades (what each simulation tries to place). */
    trades: number;
  };
  /** A sweep job's attempt failed and the job is tried again (a queue's workers say it on the sweep's side). */
  "sweep-retry": {
    /** The job: `{optimizer}_{symbol}`. */
    jobId: string;
    /** The attempt that failed, from 1. */
    attempt: number;
    /** Attempts the job gets in all. */
    attempts: number;
    /** The failed attempt's error message. */
    error: string;
  };
  /** A sweep job vanished from its queue (Redis restarted without its data) and was put on it again. */
  "sweep-job-requeued": {
    jobId: string;
    /** The queue's URL, without its password. */
    queue: string;
  };
  /** A sweep job's worker stopped renewing its lock (it died): BullMQ gives the job to another worker. */
  "sweep-job-stalled": {
    jobId: string;
    /** The queue's URL, without its password. */
    queue: string;
    /** Times the job stalled so far. */
    stalls: number;
  };
  /** The sweep could not reach its queue and waits for it (it fails past CC_SWEEP_QUEUE_TIMEOUT_MS). */
  "sweep-queue-unavailable": {
    /** The queue's URL, without its password. */
    queue: string;
    /** What the last attempt said. */
    error: string;
  };
  /**
   * A live run's 1m candle had not arrived when it closed; the run waits for it (at most
   * CC_LIVE_CANDLE_WAIT_MS). Said once per late candle, when the wait starts.
   */
  "live-candle-late": {
    strategyName: string;
    exchangeName: string;
    symbol: string;
    /** Open time of the late candle, in ms. */
    candle: number;
    /** The bound of the wait, in ms. */
    waitMs: number;
  };
  /**
   * A live run's 1m candle did not arrive within CC_LIVE_CANDLE_WAIT_MS: the run goes on
   * without it (the tick reads the candles the exchange has). Said once per missing candle.
   */
  "live-gap": {
    strategyName: string;
    exchangeName: string;
    symbol: string;
    /** Open time of the missing candle, in ms. */
    candle: number;
    /** How long the run waited, in ms. */
    waitedMs: number;
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
