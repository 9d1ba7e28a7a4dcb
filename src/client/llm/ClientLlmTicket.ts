import { ILlmTicket, LlmUrgency } from "../../interfaces/LlmTicket.interface";

/**
 * The ticket of one tick asked for ahead: speculative from the start, then awaited
 * (`awaitNow`, the engine reached the tick) or skipped (`skip`, the engine passed it
 * by), whichever comes first; the listeners hear that once. Dropped requests are
 * passed on to `onDropped`; `describe` names the tick in the error of a skipped one.
 */
export class ClientLlmTicket implements ILlmTicket {
  private state: LlmUrgency = "speculative";
  private listeners: Array<() => void> = [];

  constructor(
    private readonly describe: string,
    private readonly onDropped: () => void
  ) {}

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

  /** Resolves when the tick is reached (at once if it is); rejects, saying so, when it is skipped. */
  public reached = () =>
    new Promise<void>((resolve, reject) => {
      const answer = () => (this.state === "awaited" ? resolve() : reject(this.skippedError()));
      if (this.state === "speculative") {
        this.listeners.push(answer);
      } else {
        answer();
      }
    });

  /** The engine now waits on this tick: its requests go before speculative ones. */
  public awaitNow = () => this.settle("awaited");

  /** The engine passed this tick by: its requests not sent yet are dropped. */
  public skip = () => this.settle("skipped");

  private skippedError = () =>
    new Error(`${this.describe} was asked for ahead and then skipped (a position was open, or the run ended): its model answers are not used`);

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
