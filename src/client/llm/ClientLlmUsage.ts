import { ILlmTokens, ILlmUsageCounts, ILlmUsageReading } from "../../interfaces/LlmUsage.interface";
import { emptyLlmUsageCounts } from "../../utils/llm/llmUsage";

/** What ClientLlmUsage is constructed with. */
export interface ILlmUsageParams {
  /** The clock, in ms. */
  now: () => number;
}

/**
 * The process's model-call counters, per model: requests answered from the cache, shared
 * with one in flight, sent (and their retries), sent ahead speculatively and wasted, the
 * tokens each answered attempt reported, the time attempts took, and the wall-clock time
 * during which at least one attempt was out. Only ever grows; a run's usage is the
 * difference of two readings.
 */
export class ClientLlmUsage {
  private readonly models = new Map<string, ILlmUsageCounts>();
  private inFlight = 0;
  private waitingSince = 0;
  private waitedMs = 0;

  constructor(readonly params: ILlmUsageParams) {}

  /** A request answered from the response cache. */
  public noteCached = (model: string) => {
    this.countsOf(model).cached += 1;
  };

  /** A request that joined an identical one in flight. */
  public noteShared = (model: string) => {
    this.countsOf(model).shared += 1;
  };

  /** A request sent before the run reached its tick. */
  public noteSpeculative = (model: string) => {
    this.countsOf(model).speculative += 1;
  };

  /** A speculative request whose tick the run skipped. */
  public noteWasted = (model: string) => {
    this.countsOf(model).wasted += 1;
  };

  /**
   * One attempt goes out (`attempt` 1 is the request being sent, later ones retries);
   * resolves its end with the endpoint's tokens, or null when it failed.
   */
  public beginAttempt = (model: string, attempt: number) => {
    const counts = this.countsOf(model);
    if (attempt === 1) {
      counts.sent += 1;
    } else {
      counts.retries += 1;
    }
    const startedAt = this.params.now();
    this.beginWait(startedAt);
    let ended = false;
    return (tokens: ILlmTokens | null) => {
      if (ended) {
        return;
      }
      ended = true;
      const endedAt = this.params.now();
      counts.requestMs += endedAt - startedAt;
      this.endWait(endedAt);
      if (tokens !== null) {
        this.addTokens(counts, tokens);
      }
    };
  };

  /** The counters now, copied: per model, and the wait so far (an ongoing one included). */
  public read = (): ILlmUsageReading => {
    const now = this.params.now();
    const models = Object.fromEntries([...this.models].map(([model, counts]) => [model, { ...counts }]));
    return { models, waitMs: this.waitedMs + (this.inFlight > 0 ? now - this.waitingSince : 0) };
  };

  private addTokens = (counts: ILlmUsageCounts, tokens: ILlmTokens) => {
    if (tokens.prompt === null && tokens.completion === null) {
      counts.unreported += 1;
      return;
    }
    counts.promptTokens += tokens.prompt ?? 0;
    counts.completionTokens += tokens.completion ?? 0;
  };

  private beginWait = (now: number) => {
    if (this.inFlight === 0) {
      this.waitingSince = now;
    }
    this.inFlight += 1;
  };

  private endWait = (now: number) => {
    this.inFlight -= 1;
    if (this.inFlight === 0) {
      this.waitedMs += now - this.waitingSince;
    }
  };

  private countsOf = (model: string): ILlmUsageCounts => {
    let counts = this.models.get(model);
    if (counts === undefined) {
      counts = emptyLlmUsageCounts();
      this.models.set(model, counts);
    }
    return counts;
  };
}

export default ClientLlmUsage;
