import {
  ILlmConcurrencyChange,
  ILlmConcurrencySnapshot,
  ILlmLimiterBounds,
  ILlmLimiterParams,
  ILlmLimiterToken,
  LlmConcurrencyReason,
} from "../../interfaces/LlmLimiter.interface";

/** Where an adaptive limiter starts (the old fixed default), within the bounds. */
const INITIAL_ADAPTIVE_LIMIT = 4;

/**
 * The fast start doubles at the run's first answer when a one-slot server answering
 * each request of the doubled round in that time would end it within this share of the
 * request timeout.
 */
const FAST_START_TIMEOUT_SHARE = 0.25;

/** A round whose mean latency is this many times the fastest answer means the server queues. */
const LATENCY_TOLERANCE = 1.5;

/**
 * A round must also be this much slower than the fastest answer, in ms, to mean queueing:
 * a local model answering in 2 ms one round and 6 ms the next is timer and event-loop
 * jitter, not a server queue.
 */
const MIN_QUEUE_DELAY_MS = 25;

/** Latencies are counted from 1 ms: a clock of whole ms can say 0 for a loopback answer. */
const MIN_LATENCY_MS = 1;

/** A latency fall below this share of the lowest settled limit is overload, not probing. */
const OVERLOAD_SHARE = 0.75;

/** A change, and whether it is a fall worth a warning. */
export interface ILlmLimiterMove extends ILlmConcurrencyChange {
  /** True for a fall that is a sign of overload (see isOverloadFall). */
  warn: boolean;
}

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, value));

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * The limit of the LLM request pool: how many requests may be in flight at once.
 *
 * Adaptive (CC_LLM_CONCURRENCY unset): AIMD on latency, in rounds. A round is as many
 * answers as the limit, of requests started since the limit last moved. While the pool
 * is full and a round's mean latency stays under 1.5x the fastest answer seen, the limit
 * doubles (probing, from 4, as TCP's slow start) and then grows by one per round; the
 * run's first answer doubles it at once when it is fast enough that even a one-slot
 * server would answer the doubled round within a quarter of the timeout. When a
 * round's mean latency reaches 1.5x and 25 ms over it (requests wait in the server's queue) the limit is
 * cut to limit x fastest / mean (the share of the round's time the server spent working
 * on them, at least one less), and probing ends. A 429/503 or a timeout halves it, once
 * per round. Always within CC_LLM_CONCURRENCY_MIN..MAX.
 *
 * Fixed (CC_LLM_CONCURRENCY set): that limit; a 429/503 or a timeout halves it, and it
 * climbs back by one per round of successes, never above the number set.
 */
export class ClientLlmLimiter {
  private boundsKey = "";
  private bounds: ILlmLimiterBounds = { fixed: null, min: 1, max: 1 };
  private current = 1;
  private peak = 1;
  private probing = true;
  private baselineMs: number | null = null;
  private round = 0;
  private samples: number[] = [];
  private saturated = false;
  private falls = 0;
  private lastChange: ILlmConcurrencyChange | null = null;
  /** The lowest limit the limiter has fallen to: a latency fall well below it warns. Null while probing. */
  private settledLow: number | null = null;
  /** Whether a request started since the bounds were set. */
  private used = false;

  constructor(readonly params: ILlmLimiterParams) {}

  /** How many requests may be in flight now. */
  public limit = () => {
    this.sync();
    return this.current;
  };

  /** A request starts; `inFlight` counts it. Marks the round full when it reaches the limit. */
  public begin = (inFlight: number): ILlmLimiterToken => {
    this.sync();
    this.used = true;
    if (inFlight >= this.current) {
      this.saturated = true;
    }
    return { startedAt: this.params.now(), round: this.round };
  };

  /** An answer came; `mayRise` is false while a Retry-After pause holds. The move it caused, or null. */
  public succeed = (token: ILlmLimiterToken, mayRise: boolean): ILlmLimiterMove | null => {
    this.sync();
    const latencyMs = Math.max(MIN_LATENCY_MS, this.params.now() - token.startedAt);
    this.baselineMs = this.baselineMs === null ? latencyMs : Math.min(this.baselineMs, latencyMs);
    if (token.round !== this.round) {
      return null;
    }
    if (this.startsFast(latencyMs, mayRise)) {
      return this.move(this.current * 2, "rising", latencyMs);
    }
    this.samples.push(latencyMs);
    if (this.samples.length < this.current) {
      return null;
    }
    return this.bounds.fixed === null ? this.judgeAdaptiveRound(mayRise) : this.judgeFixedRound(mayRise);
  };

  /** A 429/503 or a timeout: halves the limit, once per round. The move, or null. */
  public overload = (token: ILlmLimiterToken, reason: Extract<LlmConcurrencyReason, "rate-limited" | "timeout">) => {
    this.sync();
    if (token.round !== this.round) {
      return null;
    }
    this.probing = false;
    return this.move(Math.floor(this.current / 2), reason, null) ?? this.nextRound();
  };

  /** Whether any request started since the bounds were set (the snapshot then says something). */
  public isUsed = () => {
    this.sync();
    return this.used;
  };

  /** The limit now, the highest reached, how often it fell, and its last move. */
  public snapshot = (): ILlmConcurrencySnapshot => {
    this.sync();
    return {
      mode: this.bounds.fixed === null ? "adaptive" : "fixed",
      limit: this.current,
      peak: this.peak,
      falls: this.falls,
      lastChange: this.lastChange,
    };
  };

  private judgeAdaptiveRound = (mayRise: boolean) => {
    const latencyMs = mean(this.samples);
    const baselineMs = this.baselineMs ?? latencyMs;
    if (latencyMs >= LATENCY_TOLERANCE * baselineMs && latencyMs - baselineMs >= MIN_QUEUE_DELAY_MS) {
      const share = Math.ceil((this.current * baselineMs) / latencyMs);
      const move = this.move(Math.min(this.current - 1, share), "latency", latencyMs);
      this.probing = false;
      return move ?? this.nextRound();
    }
    if (this.saturated && mayRise) {
      return this.move(this.probing ? this.current * 2 : this.current + 1, "rising", latencyMs) ?? this.nextRound();
    }
    return this.nextRound();
  };

  /**
   * Adaptive, at the run's first answer (nothing moved yet) while the pool is full: whether
   * the doubled limit answered one request at a time would still end within
   * FAST_START_TIMEOUT_SHARE of the timeout.
   */
  private startsFast = (latencyMs: number, mayRise: boolean) =>
    this.bounds.fixed === null &&
    this.probing &&
    this.lastChange === null &&
    this.samples.length === 0 &&
    this.saturated &&
    mayRise &&
    2 * this.current * latencyMs <= FAST_START_TIMEOUT_SHARE * this.params.getTimeoutMs();

  private judgeFixedRound = (mayRise: boolean) => {
    if (mayRise && this.current < (this.bounds.fixed ?? this.current)) {
      return this.move(this.current + 1, "rising", mean(this.samples)) ?? this.nextRound();
    }
    return this.nextRound();
  };

  /** Sets the limit (within bounds) and starts a new round; null when it did not change. */
  private move = (target: number, reason: LlmConcurrencyReason, latencyMs: number | null): ILlmLimiterMove | null => {
    const to = clamp(target, this.bounds.fixed === null ? this.bounds : { min: 1, max: this.bounds.fixed });
    const from = this.current;
    if (to === from) {
      return null;
    }
    const change: ILlmConcurrencyChange = { from, to, reason, latencyMs, baselineMs: this.baselineMs };
    const warn = to < from && this.isOverloadFall(reason, to);
    if (to < from) {
      this.falls += 1;
    }
    if (to < from && !this.probing) {
      this.settledLow = Math.min(this.settledLow ?? to, to);
    }
    this.current = to;
    this.peak = Math.max(this.peak, to);
    this.lastChange = change;
    this.nextRound();
    return { ...change, warn };
  };

  /**
   * Adaptive only: a 429/503 or a timeout, or latency that drives the limit a quarter
   * below the lowest it had settled at. The probing above capacity (a fall back to about
   * where it was) and the first fall, that ends the doubling, are no overload.
   */
  private isOverloadFall = (reason: LlmConcurrencyReason, to: number) =>
    this.bounds.fixed === null &&
    (reason !== "latency" || (this.settledLow !== null && to < OVERLOAD_SHARE * this.settledLow));

  private nextRound = (): null => {
    this.round += 1;
    this.samples = [];
    this.saturated = false;
    return null;
  };

  /** Starts over when the bounds changed (setConfig between runs). */
  private sync = () => {
    const bounds = this.params.getBounds();
    const key = `${bounds.fixed}/${bounds.min}/${bounds.max}`;
    if (key === this.boundsKey) {
      return;
    }
    this.boundsKey = key;
    this.bounds = bounds;
    this.current = bounds.fixed ?? clamp(INITIAL_ADAPTIVE_LIMIT, bounds);
    this.peak = this.current;
    this.probing = bounds.fixed === null;
    this.baselineMs = null;
    this.falls = 0;
    this.lastChange = null;
    this.settledLow = null;
    this.used = false;
    this.nextRound();
  };
}

export default ClientLlmLimiter;
