import { ILogger } from "./Logger.interface";
import { RaiseWarning } from "../contract/Warning.contract";

/** Steps a frame may take between ticks. */
export type FrameInterval =
  | "1m" | "3m" | "5m" | "15m" | "30m" | "1h" | "2h" | "4h" | "6h" | "8h" | "12h" | "1d" | "3d";

/** Optional hooks of a frame. */
export interface IFrameCallbacks {
  /** Called with the ticks of the frame when a run asks for them. */
  onTimeframe: (timeframe: Date[], startDate: Date, endDate: Date, interval: FrameInterval) => void;
}

/** What `addFrame` registers: a backtest period and its tick step. */
export interface IFrameSchema {
  frameName: FrameName;
  note?: string;
  interval: FrameInterval;
  startDate: Date;
  endDate: Date;
  callbacks?: Partial<IFrameCallbacks>;
}

/** Everything a ClientFrame is built from. */
export interface IFrameParams extends IFrameSchema {
  logger: ILogger;
  /** Says what the client worked around (a stuck onTimeframe) through listenWarning. */
  warn: RaiseWarning;
  /** Bound of the onTimeframe callback (CC_LISTENER_TIMEOUT_MS), read when it is called. */
  getCallbackTimeoutMs: () => number;
}

/** The ticks of a frame as arithmetic: tick i is `start + i * step`, for i < count. */
export interface ITimeline {
  start: number;
  step: number;
  count: number;
  /** The frame's endDate in ms (the last tick is at or before it). */
  end: number;
}

/** A frame client. */
export interface IFrame {
  /** The ticks as dates (calls onTimeframe). */
  getTimeframe: (symbol: string) => Promise<Date[]>;
  /** The ticks without allocating them. */
  getTimeline: (symbol: string) => Promise<ITimeline>;
}

/** Unique name of a frame. */
export type FrameName = string;
