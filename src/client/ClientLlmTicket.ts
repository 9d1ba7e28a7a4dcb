import { ILlmTicket, LlmUrgency } from "../interfaces/LlmTicket.interface";

/**
 * The ticket of one tick asked for ahead: speculative from the start, then awaited
 * (`awaitNow`, the engine reached the tick) or skipped (`skip`, the engine passed it
 * by), whichever comes first; the listeners hear that once. Dropped requests are
 * passed on to `onDropped`.
 */
export class ClientLlmTicket implements ILlmTicket {
  private state: LlmUrgency = "speculative";
  private listeners: Array<() => void> = [];

  constructor(private readonly onDropped: () => void) {}

  /** Where the ticket stands now. */
  public get urgency() {
    return this.state;
  }

  /** Calls `listener` once, when the ticket stops being speculative. */
  public onSettle = (listener: () => void) => {
    if (this.state === "speculative") {
      this.listeners.push(listener);
    }
  };

  /** Counts one of its requests that the pool dropped before sending it. */
  public noteDropped = () => this.onDropped();

  /** The engine now waits on this tick: its requests go before speculative ones. */
  public awaitNow = () => this.settle("awaited");

  /** The engine passed this tick by: its requests not sent yet are dropped. */
  public skip = () => this.settle("skipped");

  private settle = (state: LlmUrgency) => {
    if (this.state !== "speculative") {
      return;
    }
    this.state = state;
    const listeners = this.listeners;
    this.listeners = [];
    listeners.forEach((listener) => listener());
  };
}

export default ClientLlmTicket;
