/** How much a run needs a model request: now, perhaps later, or no longer. */
export type LlmUrgency = "awaited" | "speculative" | "skipped";

/**
 * The claim of the model requests made for one tick asked for ahead (signal prefetch):
 * speculative until the engine reaches the tick (awaited) or passes it by (skipped);
 * both are final. The request pool sends awaited requests before speculative ones and
 * drops the unsent requests of a skipped tick. A request made outside a tick asked for
 * ahead has no ticket and is always awaited.
 */
export interface ILlmTicket {
  /** Where the ticket stands now. */
  readonly urgency: LlmUrgency;
  /** Calls `listener` once, when the speculative ticket becomes awaited or skipped (never if it already is). */
  onSettle(listener: () => void): void;
  /** Counts one of its requests that the pool dropped before sending it. */
  noteDropped(): void;
  /** Resolves when the tick is reached (at once if it is); rejects, saying so, when it is skipped. */
  reached(): Promise<void>;
}
