import { RaiseWarning } from "../contract/Warning.contract";
import { ILogger } from "./Logger.interface";
import { CandleInterval, ExchangeName, ICandleData } from "./Exchange.interface";

/**
 * Asks an exchange for up to `limit` candles of `interval` opening at or after `since`,
 * oldest first (the shape of an exchange's getCandles).
 */
export type CandleFetchFn = (
  symbol: string,
  interval: CandleInterval,
  since: Date,
  limit: number
) => Promise<ICandleData[]>;

/** Everything a ClientCandleStore is built from. */
export interface ICandleStoreParams {
  /** The SQLite file; created, with its directory, on first use. */
  path: string;
  logger: ILogger;
  /** The current time in ms: candles that have not closed yet are never fetched or stored. */
  now: () => number;
  /** Most candles asked of `fetch` in one call (default 1000). */
  fetchLimit?: number;
  /** Says what the store repaired in a fetched reply through listenWarning. */
  warn: RaiseWarning;
}

/** Which series seeded candles belong to. */
export interface ICandleStoreSeedOptions {
  exchangeName: ExchangeName;
  symbol: string;
}

/** What seeding stored for one interval. */
export interface ICandleStoreSeedCount {
  /** Candles that were new to the store. */
  inserted: number;
  /** Candles the store already had (kept as they were). */
  existing: number;
  /** Open time (ms) of the first and the last candle of the file at this interval; null when none. */
  first: number | null;
  last: number | null;
}

/** What seeding stored, per interval: 1m as given, larger intervals from complete buckets. */
export type ICandleStoreSeedResult = Record<CandleInterval, ICandleStoreSeedCount>;

/** Which candles a read wants, and where to get the ones the store lacks. */
export interface ICandleStoreReadOptions {
  exchangeName: ExchangeName;
  symbol: string;
  interval: CandleInterval;
  /** Open time of the first candle wanted; rounded up to the interval. */
  since: Date;
  /** How many consecutive candles are wanted. */
  limit: number;
  /** Where missing candles come from; without it only stored candles are returned. */
  fetch?: CandleFetchFn;
}

/** Where a store lives, for the CandleStore facade. */
export interface ICandleStoreLocation {
  /**
   * The SQLite file. Default: the BACKTEST_KIT_CANDLE_STORE environment variable, else
   * ./.backtest-kit/candles.sqlite, resolved against the working directory at call time.
   */
  path?: string;
}

/** One series a candle store holds. */
export interface ICandleStoreSeries {
  exchangeName: string;
  symbol: string;
  interval: CandleInterval;
  /** Open time of the first and the last stored candle, in ms. */
  first: number;
  last: number;
  /** Candles stored. */
  rows: number;
}

/** A persistent cache of exchange candles keyed by exchange, symbol, interval and open time. */
export interface ICandleStore {
  /** Every stored series (exchange, symbol, interval) with its first and last candle and rows. */
  list: () => Promise<ICandleStoreSeries[]>;
  /** Stores 1m candles and the complete buckets of every larger interval, in one transaction. */
  seed: (candles1m: ICandleData[], options: ICandleStoreSeedOptions) => Promise<ICandleStoreSeedResult>;
  /** The consecutive stored candles from `since`; fetched and stored first when the one at `since` is missing. */
  read: (options: ICandleStoreReadOptions) => Promise<ICandleData[]>;
  /** Closes the database; the next call opens it again. */
  close: () => void;
}
