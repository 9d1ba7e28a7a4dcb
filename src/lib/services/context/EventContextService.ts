import { scoped } from "di-scoped";
import { EventDelivery, IEventSink } from "../../../interfaces/EventSink.interface";
import { RaiseWarning } from "../../../contract/Warning.contract";
import { raiseWarning } from "../../../config/emitters";

/**
 * The event sink of the run the caller is in (di-scoped, AsyncLocalStorage): a walker
 * that backtests strategies concurrently, and a strategy that asks for signals ahead,
 * run the work inside a sink that holds its events until its turn. Outside such a
 * context events go straight to the listeners.
 */
export const EventContextService = scoped(
  class {
    constructor(readonly sink: IEventSink) {}
  }
);

const currentContext = new EventContextService();

/** The sink that delivers every event at once. */
export const LIVE_EVENT_SINK: IEventSink = { send: (delivery) => delivery() };

/** The caller's sink, or the live one outside any event context. */
export const currentEventSink = (): IEventSink =>
  EventContextService.hasContext() ? currentContext.sink : LIVE_EVENT_SINK;

/** Sends one event through the caller's sink, or straight to the listeners when there is none. */
export const deliverEvent = (delivery: EventDelivery): Promise<void> => currentEventSink().send(delivery);

/** Raises a warning of the caller's run through its sink, so it keeps the run's event order. */
export const deliverWarning: RaiseWarning = (kind, message, details) => deliverEvent(() => raiseWarning(kind, message, details));

export default EventContextService;
