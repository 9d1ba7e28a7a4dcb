import { ILogger } from "./Logger.interface";
import { IExecutionContext } from "./ExecutionContext.interface";
import { RaiseWarning } from "../contract/Warning.contract";

/** Candle intervals an exchange serves. */
export type CandleInterval = "1m" | "3m" | "5m" | "15m" | "30m" | "1h" | "2h" | "4h" | "6h" | "8h";

/** One OHLCV candle; `timestamp` is its open time in UTC ms, a multiple of its interval. */
export interface ICandleData {
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Optional hooks of an exchange. */
export interface IExchangeCallbacks {
  /** Called with every checked reply of the exchange's getCandles. */
  onCandleData: (symbol: string, interval: CandleInterval, since: Date, limit: number, data: ICandleData[]) => void;
}

/** What `addExchange` registers: where candles come from and how prices are printed. */
export interface IExchangeSchema {
  exchangeName: ExchangeName;
  note?: string;
  /** Up to `limit` candles of `interval` with open time >= `since`, oldest first. */
  getCandles: (symbol: string, interval: CandleInterval, since: Date, limit: number) => Promise<ICandleData[]>;
  formatQuantity: (symbol: string, quantity: number) => Promise<string>;
  formatPrice: (symbol: string, price: number) => Promise<string>;
  callbacks?: Partial<IExchangeCallbacks>;
}

/** Runtime settings an exchange client reads on every call. */
export interface IExchangeLimits {
  retryCount: number;
  retryDelayMs: number;
  timeoutMs: number;
  /** Bound of the schema's formatPrice, formatQuantity and onCandleData (CC_LISTENER_TIMEOUT_MS). */
  callbackTimeoutMs: number;
}

/** Everything a ClientExchange is built from. */
export interface IExchangeParams extends IExchangeSchema {
  logger: ILogger;
  /** The execution context of the current run (its `when` is the tick). */
  getExecutionContext: () => IExecutionContext;
  getLimits: () => IExchangeLimits;
  /** Waits `ms` milliseconds (between retries); a param so tests can pin it. */
  sleep: (ms: number) => Promise<void>;
  /** Says what the client worked around (a retried call, ...) through listenWarning. */
  warn: RaiseWarning;
}

/** Candles as a strategy may see them at the current tick. */
export interface IExchange {
  /** The `limit` most recent closed candles at the tick, oldest first. */
  getCandles: (symbol: string, interval: CandleInterval, limit: number) => Promise<ICandleData[]>;
  /** 1m candles opening in [from, from + minutes), for resolving a trade. */
  getNextCandles: (symbol: string, from: number, minutes: number) => Promise<ICandleData[]>;
  /** VWAP of the last `count` closed 1m candles at the tick. */
  getAveragePrice: (symbol: string, count: number) => Promise<number>;
  formatQuantity: (symbol: string, quantity: number) => Promise<string>;
  formatPrice: (symbol: string, price: number) => Promise<string>;
  /** The last 1m candle opening in [notBefore, before), searched backward; null when there is none. */
  findLastCandle: (symbol: string, before: number, notBefore: number) => Promise<ICandleData | null>;
}

/** Unique name of an exchange. */
export type ExchangeName = string;
