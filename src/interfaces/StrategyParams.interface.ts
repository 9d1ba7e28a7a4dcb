import { ExchangeName, IExchange } from "./Exchange.interface";
import { FrameName } from "./Frame.interface";
import { RaiseWarning } from "../contract/Warning.contract";
import { IEventSink } from "./EventSink.interface";
import { ILlmTicket } from "./LlmTicket.interface";
import type { IRisk } from "./Risk.interface";
import type { IPartial } from "./Partial.interface";
import { IStrategyLimits, IStrategySchema } from "./Strategy.interface";

/** Everything a ClientStrategy is built from. */
export interface IStrategyParams extends IStrategySchema {
  symbol: string;
  exchangeName: ExchangeName;
  frameName: FrameName;
  exchange: IExchange;
  /** The settings of the run, read from the configuration when the run starts. */
  limits: IStrategyLimits;
  /** New signal ids; a param so tests can pin them. */
  createId: () => string;
  /** Receives errors that end a tick but not the run (timeouts). */
  onTickError: (error: Error) => void | Promise<void>;
  /** Receives rejected signals. */
  onInvalidSignal: (error: Error) => void | Promise<void>;
  /** Says what the client worked around (a timed-out tick, data that ended, a stuck callback) through listenWarning. */
  warn: RaiseWarning;
  /** Runs `call` in the execution context of the tick `when`, its events held by `sink`, its model requests under `ticket`. */
  runAtTick: <T>(when: number, sink: IEventSink, ticket: ILlmTicket, call: () => T) => T;
  /** The event sink of the caller (where a reached tick's held events go). */
  currentSink: () => IEventSink;
  /** The portfolio of the strategy's risk profile; absent without `riskName`. */
  risk?: IRisk;
  /** Tracks the partial profit and loss milestones of open signals. */
  partial: IPartial;
  /** Whether anything observes partial milestones now (a listener, a partial callback); if not, the run skips them. */
  partialObserved: () => boolean;
  /** True for a live run: the callbacks get `backtest` false. */
  live?: boolean;
}
