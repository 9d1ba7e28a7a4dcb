import { ILlmLimits, ILlmPool, ILlmPoolCall, ILlmPoolParams } from "../../interfaces/Llm.interface";
import { ILlmTicket, LlmUrgency } from "../../interfaces/LlmTicket.interface";
import { ILlmLimiterToken } from "../../interfaces/LlmLimiter.interface";
import { LLM_PROVIDERS } from "../../config/llm";
import { isTransientLlmError } from "../../utils/llm/isTransientLlmError";
import { LlmStatusError } from "../../utils/llm/llmStatusError";
import { findEndpointFailure, LlmEndpointUnreachableError } from "../../utils/llm/endpointFailure";
import { causeChain } from "../../utils/errorChain";
import { toError } from "../../utils/toError";
import ClientLlmLimiter, { ILlmLimiterMove } from "./ClientLlmLimiter";

/** Longest pause between two attempts when the endpoint names none. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Longest Retry-After the pool honours; a longer one is cut to this. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses that say the endpoint is overloaded: the pool lowers its limit. */
const RATE_LIMIT_STATUSES = [429, 503];

/** How long an open breaker turns requests to its endpoint away before one is tried again. */
const BREAKER_COOLDOWN_MS = 60_000;

/** The limiter's bounds in the current settings: CC_LLM_CONCURRENCY 0 means adaptive. */
const boundsOf = ({ concurrency, concurrencyMin, concurrencyMax }: ILlmLimits) => ({
  fixed: concurrency > 0 ? concurrency : null,
  min: concurrencyMin,
  max: concurrencyMax,
});

/** Whether an attempt ran out of its time bound. */
const isTimeout = (error: unknown) => causeChain(error).some((item) => (item as Error | null)?.name === "TimeoutError");

/** Consecutive failures to reach one endpoint, and the error it is turned away with while open. */
interface IBreaker {
  failures: number;
  openUntil: number;
  error: LlmEndpointUnreachableError | null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The ticket of a request made outside a tick asked for ahead: the run waits on it. */
const AWAITED_TICKET: ILlmTicket = {
  urgency: "awaited",
  onSettle: () => undefined,
  noteDropped: () => undefined,
  reached: () => Promise.resolve(),
};

/** One request and the identical ones that joined it: whose they are, and what to do when one of them settles. */
interface IPoolDemand {
  tickets: ILlmTicket[];
  /** Moves or drops the demand's queue entry when a ticket settles; null while it is not queued. */
  onChange: (() => void) | null;
  /** What the usage counters need: the model, whether it was sent ahead, whether its waste was counted. */
  usage: IDemandUsage;
}

/** A demand's state for the usage counters. */
interface IDemandUsage {
  model: string;
  sentAhead: boolean;
  wasted: boolean;
}

/** A demand waiting in the queue for a slot. */
interface IQueueEntry {
  call: ILlmPoolCall;
  demand: IPoolDemand;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Awaited when any of its tickets is, skipped when all are, else speculative. */
const urgencyOf = ({ tickets }: IPoolDemand): LlmUrgency =>
  tickets.some((ticket) => ticket.urgency === "awaited")
    ? "awaited"
    : tickets.every((ticket) => ticket.urgency === "skipped")
      ? "skipped"
      : "speculative";

/**
 * The process-wide pool every model request goes through. At most `concurrency`
 * requests are in flight; the others wait in a queue of at most `queueLimit` (one more is
 * rejected with an error saying so). Identical requests in flight at once (same cache
 * key) are sent once and share the answer. A transient failure is retried with
 * doubling pauses, waiting outside its slot. The limit is ClientLlmLimiter's: found
 * from the answers' latency when CC_LLM_CONCURRENCY is unset, else that number; a 429
 * or 503 halves it (once per round) and holds every new request back for the endpoint's
 * Retry-After. A breaker per endpoint: after CC_LLM_BREAKER_FAILURES attempts in a row
 * fail to reach it (refused, DNS, TLS, 401/403; those are tried again up to that count,
 * whatever the retry setting), every request to it fails at once with one
 * LlmEndpointUnreachableError naming it and what to check, for a minute.
 * A request made for a tick asked for ahead (its ticket: `currentTicket`) waits behind
 * every request the run awaits, and takes a free slot only while an awaited request is
 * being sent or waits (prefetch hides model latency the run pays, and sends nothing when
 * every answer the run waits on comes from the cache); it moves up when the run reaches
 * its tick, and is dropped unsent when the run skips it; one already sent runs to its end.
 */
export class ClientLlmPool implements ILlmPool {
  /** The demands holding a slot: sent, or about to be. */
  private readonly sending = new Set<IPoolDemand>();
  private readonly awaitedQueue: IQueueEntry[] = [];
  private readonly speculativeQueue: IQueueEntry[] = [];
  private readonly sharedCalls = new Map<string, { pending: Promise<string>; demand: IPoolDemand }>();
  private readonly limiter: ClientLlmLimiter;
  private readonly breakers = new Map<string, IBreaker>();
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly params: ILlmPoolParams) {
    this.limiter = new ClientLlmLimiter({
      now: params.now,
      getBounds: () => boundsOf(params.getLimits()),
      getTimeoutMs: () => params.getLimits().timeoutMs,
    });
  }

  /** The answer to `call`, shared with an identical call in flight; throws after the last failed attempt. */
  public run = (call: ILlmPoolCall): Promise<string> => {
    const ticket = this.params.currentTicket() ?? AWAITED_TICKET;
    const shared = this.sharedCalls.get(call.key);
    if (shared !== undefined) {
      this.params.logger.debug("clientLlmPool joins an identical request in flight", { key: call.key, model: call.model });
      this.params.usage.noteShared(call.model);
      this.join(shared.demand, ticket);
      return shared.pending;
    }
    const demand: IPoolDemand = { tickets: [], onChange: null, usage: { model: call.model, sentAhead: false, wasted: false } };
    this.join(demand, ticket);
    const pending: Promise<string> = this.sendWithRetries(call, demand).finally(() => {
      if (this.sharedCalls.get(call.key)?.pending === pending) {
        this.sharedCalls.delete(call.key);
      }
    });
    this.sharedCalls.set(call.key, { pending, demand });
    return pending;
  };

  /** Adds `ticket` to the demand; a queued demand is looked at again now and whenever the ticket settles. */
  private join = (demand: IPoolDemand, ticket: ILlmTicket) => {
    demand.tickets.push(ticket);
    ticket.onSettle(() => {
      this.countWaste(demand);
      demand.onChange?.();
      this.pump();
    });
    demand.onChange?.();
    this.pump();
  };

  /** Where the limit stands (mode, limit, highest reached, falls, last move); null while no request was sent under the current settings. */
  public getConcurrency = () => (this.limiter.isUsed() ? this.limiter.snapshot() : null);

  /** How many requests may be in flight now. */
  public getLimit = () => this.limiter.limit();

  private sendWithRetries = async (call: ILlmPoolCall, demand: IPoolDemand): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      this.checkBreaker(call);
      await this.acquire(call, demand);
      this.countSentAhead(demand, attempt);
      const token = this.limiter.begin(this.sending.size);
      let failure: unknown;
      try {
        this.checkBreaker(call);
        const content = await call.send(AbortSignal.timeout(this.params.getLimits().timeoutMs));
        this.breakers.delete(call.host);
        const move = this.limiter.succeed(token, this.params.now() >= this.pausedUntil);
        this.release(demand);
        await this.warnConcurrencyChanged(call, move);
        return content;
      } catch (error) {
        failure = error;
      }
      if (failure instanceof LlmEndpointUnreachableError) {
        this.release(demand);
        throw failure;
      }
      const rateLimit = this.readRateLimit(failure);
      const move = this.backOff(token, failure, rateLimit?.retryAfterMs ?? null);
      this.release(demand);
      if (rateLimit !== null) {
        await this.warnRateLimited(call, rateLimit.status, rateLimit.retryAfterMs);
      }
      await this.warnConcurrencyChanged(call, move);
      this.noteEndpointFailure(call, failure);
      await this.handleFailure(call, attempt, failure, rateLimit?.retryAfterMs ?? null);
    }
  };

  /** Usage: a first attempt that goes out while the demand is speculative is sent ahead. */
  private countSentAhead = (demand: IPoolDemand, attempt: number) => {
    if (attempt === 1 && urgencyOf(demand) === "speculative") {
      demand.usage.sentAhead = true;
      this.params.usage.noteSpeculative(demand.usage.model);
    }
  };

  /** Usage: a demand sent ahead whose tickets all ended skipped is wasted (counted once). */
  private countWaste = (demand: IPoolDemand) => {
    if (demand.usage.sentAhead && !demand.usage.wasted && urgencyOf(demand) === "skipped") {
      demand.usage.wasted = true;
      this.params.usage.noteWasted(demand.usage.model);
    }
  };

  /** Throws the endpoint's LlmEndpointUnreachableError while its breaker is open. */
  private checkBreaker = (call: ILlmPoolCall) => {
    const breaker = this.breakers.get(call.host);
    if (breaker?.error && this.params.now() < breaker.openUntil) {
      throw breaker.error;
    }
  };

  /** Counts an attempt that could not reach the endpoint; the one that reaches CC_LLM_BREAKER_FAILURES opens the breaker. */
  private noteEndpointFailure = (call: ILlmPoolCall, failure: unknown) => {
    const kind = findEndpointFailure(failure);
    if (kind === null) {
      return;
    }
    const breaker = this.breakers.get(call.host) ?? { failures: 0, openUntil: 0, error: null };
    if (breaker.error !== null && this.params.now() < breaker.openUntil) {
      throw breaker.error;
    }
    breaker.failures += 1;
    this.breakers.set(call.host, breaker);
    const { breakerFailures } = this.params.getLimits();
    if (breaker.failures < breakerFailures) {
      return;
    }
    const keyVariable = LLM_PROVIDERS[call.provider].apiKey;
    breaker.error = new LlmEndpointUnreachableError(call.host, call.provider, kind, breaker.failures, keyVariable, failure);
    breaker.openUntil = this.params.now() + BREAKER_COOLDOWN_MS;
    this.params.logger.warn("clientLlmPool breaker open", { host: call.host, failures: breaker.failures });
    this.rejectQueued(call.host, breaker.error);
    throw breaker.error;
  };

  /** Fails every request to `host` still waiting for a slot with the breaker's error. */
  private rejectQueued = (host: string, error: Error) => {
    for (const queue of [this.awaitedQueue, this.speculativeQueue]) {
      for (const entry of queue.filter((item) => item.call.host === host)) {
        queue.splice(queue.indexOf(entry), 1);
        entry.demand.onChange = null;
        entry.reject(error);
      }
    }
  };

  /** Raises "llm-concurrency-changed" for a fall that signals overload; a 429/503 is said by "llm-rate-limited" instead. */
  private warnConcurrencyChanged = async (call: ILlmPoolCall, move: ILlmLimiterMove | null) => {
    if (move === null || !move.warn || move.reason === "rate-limited") {
      return;
    }
    const { from, to, reason, latencyMs, baselineMs } = move;
    const why =
      reason === "latency"
        ? `answers took ${Math.round(latencyMs ?? 0)} ms on average against ${Math.round(baselineMs ?? 0)} ms at best, so requests wait in its queue`
        : reason === "timeout"
          ? "an attempt timed out (CC_LLM_TIMEOUT_MS)"
          : "it answered 429/503";
    await this.params.warn(
      "llm-concurrency-changed",
      `LLM endpoint ${call.host} (${call.provider}) is overloaded: the request pool now sends at most ${to} request(s) at once (was ${from}): ${why}`,
      { provider: call.provider, host: call.host, model: call.model, from, to, reason, latencyMs, baselineMs }
    );
  };

  /** Status and bounded Retry-After of a 429 or 503, else null. */
  private readRateLimit = (error: unknown) => {
    if (!(error instanceof LlmStatusError) || !RATE_LIMIT_STATUSES.includes(error.status)) {
      return null;
    }
    const retryAfterMs = error.retryAfterMs === null ? null : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS);
    return { status: error.status, retryAfterMs };
  };

  /**
   * Throws when the failure is final; otherwise warns and waits out the pause before the
   * next attempt. A failure to reach the endpoint is tried again until the breaker speaks.
   */
  private handleFailure = async (call: ILlmPoolCall, attempt: number, error: unknown, retryAfterMs: number | null) => {
    const { retryCount, retryDelayMs, breakerFailures } = this.params.getLimits();
    const unreachable = findEndpointFailure(error) !== null;
    const attempts = unreachable ? Math.max(retryCount + 1, breakerFailures) : retryCount + 1;
    if ((!unreachable && !isTransientLlmError(error)) || attempt >= attempts) {
      throw toError(`LLM request to model ${call.model} failed after ${attempt} attempt(s)`, error);
    }
    const retryTotal = attempts;
    const delayMs = retryAfterMs ?? Math.min(retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
    this.params.logger.warn("clientLlmPool transient failure, retrying", { model: call.model, attempt, delayMs, error });
    await this.params.warn(
      "llm-retry",
      `LLM request to model ${call.model} at ${call.host} (${call.provider}): attempt ${attempt} of ${retryTotal} failed, trying again in ${delayMs} ms: ${messageOf(error)}`,
      { provider: call.provider, host: call.host, model: call.model, attempt, error: messageOf(error), delayMs }
    );
    await this.params.sleep(delayMs);
  };

  /**
   * On a 429/503 or a timeout, tells the limiter (it halves the limit once per round) and
   * holds new requests back for Retry-After. Runs before the failed attempt's slot is
   * released, so no waiting request slips through at the old limit. The limiter's move, or null.
   */
  private backOff = (token: ILlmLimiterToken, failure: unknown, retryAfterMs: number | null) => {
    const rateLimited = this.readRateLimit(failure) !== null;
    if (!rateLimited && !isTimeout(failure)) {
      return null;
    }
    if (retryAfterMs !== null) {
      this.pausedUntil = Math.max(this.pausedUntil, this.params.now() + retryAfterMs);
    }
    return this.limiter.overload(token, rateLimited ? "rate-limited" : "timeout");
  };

  private warnRateLimited = async (call: ILlmPoolCall, status: number, retryAfterMs: number | null) => {
    const limit = this.currentLimit();
    const pause = retryAfterMs === null ? "" : `, and sends nothing for ${retryAfterMs} ms`;
    await this.params.warn(
      "llm-rate-limited",
      `LLM endpoint ${call.host} (${call.provider}) answered ${status} for model ${call.model}: the request pool now sends at most ${limit} request(s) at once${pause}`,
      { provider: call.provider, host: call.host, model: call.model, status, retryAfterMs, limit }
    );
  };

  private currentLimit = () => this.limiter.limit();

  private hasFreeSlot = () => this.sending.size < this.currentLimit() && this.params.now() >= this.pausedUntil;

  /** Whether a request the run awaits is being sent or waits: only then do speculative ones take slots. */
  private awaitsModel = () =>
    this.awaitedQueue.length > 0 || [...this.sending].some((demand) => urgencyOf(demand) === "awaited");

  private waitingCount = () => this.awaitedQueue.length + this.speculativeQueue.length;

  /**
   * A slot for the demand: at once when one is free and nothing that goes first waits
   * (an awaited demand only waits behind awaited ones; a speculative one also needs an
   * awaited one under way), else a place in its queue. A demand whose tickets are all
   * skipped is dropped instead.
   */
  private acquire = (call: ILlmPoolCall, demand: IPoolDemand): Promise<void> => {
    const urgency = urgencyOf(demand);
    if (urgency === "skipped") {
      return Promise.reject(this.drop(call, demand));
    }
    const awaited = urgency === "awaited";
    const ahead = awaited ? this.awaitedQueue.length : this.waitingCount();
    if (ahead === 0 && this.hasFreeSlot() && (awaited || this.awaitsModel())) {
      this.sending.add(demand);
      if (awaited) {
        this.pump();
      }
      return Promise.resolve();
    }
    const { queueLimit } = this.params.getLimits();
    if (this.waitingCount() >= queueLimit) {
      return Promise.reject(
        new Error(
          `LLM request pool is full: ${this.waitingCount()} requests already wait for one of ${this.currentLimit()} slot(s) (CC_LLM_QUEUE_LIMIT is ${queueLimit}); ask fewer questions at once or raise CC_LLM_QUEUE_LIMIT`
        )
      );
    }
    return new Promise<void>((resolve, reject) => {
      const entry: IQueueEntry = { call, demand, resolve, reject };
      (urgency === "awaited" ? this.awaitedQueue : this.speculativeQueue).push(entry);
      demand.onChange = () => this.reconsider(entry);
      this.armPauseTimer();
    });
  };

  /** A speculative entry whose ticket settled: moves to the end of the awaited queue, or is dropped. */
  private reconsider = (entry: IQueueEntry) => {
    const urgency = urgencyOf(entry.demand);
    const index = this.speculativeQueue.indexOf(entry);
    if (urgency === "speculative" || index === -1) {
      return;
    }
    this.speculativeQueue.splice(index, 1);
    if (urgency === "awaited") {
      this.awaitedQueue.push(entry);
      return;
    }
    entry.demand.onChange = null;
    entry.reject(this.drop(entry.call, entry.demand));
  };

  /** Counts the drop on each ticket of the demand; the error its callers get (never seen by a run: their ticks were skipped). */
  private drop = (call: ILlmPoolCall, demand: IPoolDemand) => {
    demand.tickets.forEach((ticket) => ticket.noteDropped());
    this.params.logger.debug("clientLlmPool drops a request of a skipped tick before sending it", { key: call.key, model: call.model });
    return new Error(
      `LLM request to model ${call.model} at ${call.host} (${call.provider}) was dropped before it was sent: the tick it was asked ahead for was skipped`
    );
  };

  private release = (demand: IPoolDemand) => {
    this.sending.delete(demand);
    this.pump();
  };

  /**
   * Hands free slots to waiting entries, awaited ones first, each queue first come first
   * served; speculative ones only while an awaited request is under way.
   */
  private pump = () => {
    while (this.hasFreeSlot()) {
      const entry = this.awaitedQueue.shift() ?? (this.awaitsModel() ? this.speculativeQueue.shift() : undefined);
      if (entry === undefined) {
        break;
      }
      entry.demand.onChange = null;
      this.sending.add(entry.demand);
      entry.resolve();
    }
    this.armPauseTimer();
  };

  /** Wakes the queue when a Retry-After pause ends (nothing else would). */
  private armPauseTimer = () => {
    const wait = this.pausedUntil - this.params.now();
    if (this.pauseTimer !== null || this.waitingCount() === 0 || wait <= 0) {
      return;
    }
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = null;
      this.pump();
    }, wait);
  };
}

export default ClientLlmPool;
