import { scoped } from "di-scoped";
import { ILlmTicket } from "../../../interfaces/LlmTicket.interface";

/**
 * The ticket of the tick asked for ahead (signal prefetch) that the caller runs in,
 * carried by di-scoped (AsyncLocalStorage) like the event sink: every model request made
 * inside that tick's getSignal carries it into the request pool.
 */
export const LlmTicketContextService = scoped(
  class {
    constructor(readonly ticket: ILlmTicket) {}
  }
);

const currentContext = new LlmTicketContextService();

/** The caller's ticket, or null outside a tick asked for ahead. */
export const currentLlmTicket = (): ILlmTicket | null =>
  LlmTicketContextService.hasContext() ? currentContext.ticket : null;

export default LlmTicketContextService;
