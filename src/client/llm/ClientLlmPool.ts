import { ILlmPool, ILlmPoolCall, ILlmPoolParams } from "../../interfaces/Llm.interface";
import { ILlmTicket, LlmUrgency } from "../../interfaces/LlmTicket.interface";
import { isTransientLlmError } from "../../utils/llm/isTransientLlmError";
import { LlmStatusError } from "../../utils/llm/llmStatusError";
import { toError } from "../../utils/toError";

/** Longest pause between two attempts when the endpoint names none. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Longest Retry-After the pool honours; a longer one is cut to this. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses that say the endpoint is overloaded: the pool lowers its limit. */
const RATE_LIMIT_STATUSES = [429, 503];

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
 * doubling pauses, waiting outside its slot. A 429 or 503 halves the limit (once per
 * burst), holds every new request back for the endpoint's Retry-After, then the limit
 * climbs back by one for each round of successes until it is the configured one again.
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
  /** The lowered limit after a rate limit, or null when the configured one holds. */
  private reducedLimit: number | null = null;
  private successesSinceStep = 0;
  /** Counts decreases: an attempt started before the last one does not halve again. */
  private decreaseEpoch = 0;
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly params: ILlmPoolParams) {}

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

  private sendWithRetries = async (call: ILlmPoolCall, demand: IPoolDemand): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      const epoch = this.decreaseEpoch;
      await this.acquire(call, demand);
      this.countSentAhead(demand, attempt);
      let failure: unknown;
      try {
        const content = await call.send(AbortSignal.timeout(this.params.getLimits().timeoutMs));
        this.release(demand, true);
        return content;
      } catch (error) {
        failure = error;
      }
      const rateLimit = this.readRateLimit(failure);
      if (rateLimit !== null) {
        this.backOff(rateLimit.retryAfterMs, epoch);
      }
      this.release(demand, false);
      if (rateLimit !== null) {
        await this.warnRateLimited(call, rateLimit.status, rateLimit.retryAfterMs);
      }
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

  /** Status and bounded Retry-After of a 429 or 503, else null. */
  private readRateLimit = (error: unknown) => {
    if (!(error instanceof LlmStatusError) || !RATE_LIMIT_STATUSES.includes(error.status)) {
      return null;
    }
    const retryAfterMs = error.retryAfterMs === null ? null : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS);
    return { status: error.status, retryAfterMs };
  };

  /** Throws when the failure is final; otherwise warns and waits out the pause before the next attempt. */
  private handleFailure = async (call: ILlmPoolCall, attempt: number, error: unknown, retryAfterMs: number | null) => {
    const { retryCount, retryDelayMs } = this.params.getLimits();
    if (!isTransientLlmError(error) || attempt > retryCount) {
      throw toError(`LLM request to model ${call.model} failed after ${attempt} attempt(s)`, error);
    }
    const delayMs = retryAfterMs ?? Math.min(retryDelayMs * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
    this.params.logger.warn("clientLlmPool transient failure, retrying", { model: call.model, attempt, delayMs, error });
    await this.params.warn(
      "llm-retry",
      `LLM request to model ${call.model} at ${call.host} (${call.provider}): attempt ${attempt} of ${retryCount + 1} failed, trying again in ${delayMs} ms: ${messageOf(error)}`,
      { provider: call.provider, host: call.host, model: call.model, attempt, error: messageOf(error), delayMs }
    );
    await this.params.sleep(delayMs);
  };

  /**
   * Halves the limit (unless the failed attempt started before the last decrease: the
   * same burst) and holds new requests back for Retry-After. Runs before the failed
   * attempt's slot is released, so no waiting request slips through at the old limit.
   */
  private backOff = (retryAfterMs: number | null, epoch: number) => {
    if (epoch === this.decreaseEpoch) {
      this.reducedLimit = Math.max(1, Math.floor(this.currentLimit() / 2));
      this.decreaseEpoch += 1;
    }
    this.successesSinceStep = 0;
    if (retryAfterMs !== null) {
      this.pausedUntil = Math.max(this.pausedUntil, this.params.now() + retryAfterMs);
    }
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

  private currentLimit = () => {
    const configured = this.params.getLimits().concurrency;
    return Math.min(this.reducedLimit ?? configured, configured);
  };

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

  private release = (demand: IPoolDemand, succeeded: boolean) => {
    this.sending.delete(demand);
    if (succeeded) {
      this.climb();
    }
    this.pump();
  };

  /** Additive increase: one more slot for every full round of successes after the pause. */
  private climb = () => {
    if (this.reducedLimit === null || this.params.now() < this.pausedUntil) {
      return;
    }
    this.successesSinceStep += 1;
    if (this.successesSinceStep < this.reducedLimit) {
      return;
    }
    this.successesSinceStep = 0;
    this.reducedLimit += 1;
    if (this.reducedLimit >= this.params.getLimits().concurrency) {
      this.reducedLimit = null;
    }
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
