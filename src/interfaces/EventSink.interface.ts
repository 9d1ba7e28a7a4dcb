/** Sends one event to its listeners (an emitter's `next`, bound to its value). */
export type EventDelivery = () => Promise<void>;

/**
 * Where the events of a run go: straight to the listeners, or held back until it is the
 * run's turn (the strategies of a concurrent walker, the prefetched ticks of a strategy),
 * so listeners see them in the order a sequential run produces them.
 */
export interface IEventSink {
  /** Delivers the event now, or keeps it for later; resolves once it is delivered or kept. */
  send(delivery: EventDelivery): Promise<void>;
}
