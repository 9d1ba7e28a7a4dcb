import { fileURLToPath } from "node:url";
import backtest from "../lib/index";
import { ICandleData } from "../interfaces/Exchange.interface";
import {
  ICandleStoreLocation,
  ICandleStoreReadOptions,
  ICandleStoreSeedOptions,
  ICandleStoreSeedResult,
  ICandleStoreSeries,
} from "../interfaces/CandleStore.interface";
import { readCandleCsvFile } from "../utils/candles/readCandleCsvFile";
import { describeValue } from "../utils/describeValue";
import { CANDLE_INTERVAL_MS, intervalMs } from "../utils/candles/intervals";
import { assertNonEmptyString, isPlainObject, isValidDate } from "../utils/schemaChecks";

const CANDLE_STORE_METHOD_NAME_SEED_FILE = "CandleStore.seedFile";

/** The real BTCUSDT 1m series shipped in the package's data/ folder (beside build/). */
const BUNDLED_SERIES_URL = new URL("../data/BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz", import.meta.url);
const CANDLE_STORE_METHOD_NAME_READ = "CandleStore.read";

/** Throws unless `options` is an object with a usable exchangeName, symbol and path. */
const checkSeriesOptions = (options: unknown, source: string, shape: string) => {
  if (!isPlainObject(options)) {
    throw new Error(`${source}: options must be an object ${shape}, got ${describeValue(options)}`);
  }
  assertNonEmptyString(options.exchangeName, "exchangeName", source);
  assertNonEmptyString(options.symbol, "symbol", source);
  if (options.path !== undefined) {
    assertNonEmptyString(options.path, "path", source);
  }
};

/** Throws unless the read options name an interval, a since Date, a positive limit and a fetch function if any. */
const checkReadOptions = (options: ICandleStoreReadOptions & ICandleStoreLocation, source: string) => {
  checkSeriesOptions(options, source, "{ exchangeName, symbol, interval, since, limit, fetch?, path? }");
  const { interval, since, limit, fetch } = options;
  if (intervalMs(CANDLE_INTERVAL_MS, interval) === undefined) {
    throw new Error(
      `${source}: interval must be one of ${Object.keys(CANDLE_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`
    );
  }
  if (!isValidDate(since)) {
    throw new Error(`${source}: since must be a valid Date, got ${describeValue(since)}`);
  }
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new Error(`${source}: limit must be a positive integer, got ${describeValue(limit)}`);
  }
  if (fetch !== undefined && typeof fetch !== "function") {
    throw new Error(`${source}: fetch must be a function, got ${describeValue(fetch)}`);
  }
};

/**
 * A persistent cache of exchange candles (one SQLite file, default
 * ./.backtest-kit/candles.sqlite or $BACKTEST_KIT_CANDLE_STORE), so runs never fetch
 * the same candle twice and can run with no network once seeded.
 *
 * @example
 * await CandleStore.seedFile("data/BTCUSDT-1m.csv.gz", { exchangeName: "binance", symbol: "BTCUSDT" });
 * const candles = await CandleStore.read({
 *   exchangeName: "binance", symbol: "BTCUSDT", interval: "1h",
 *   since: new Date("2023-03-02T00:00:00Z"), limit: 24,
 *   fetch: (symbol, interval, since, limit) => exchange.fetchCandles(symbol, interval, since, limit),
 * });
 */
export class CandleStoreUtils {
  /**
   * Stores the 1m candles of a CSV file (plain or gzip; header open_time, open, high,
   * low, close, volume in any order; open_time in UTC as `2023-03-01 00:00:00+00:00` or
   * epoch ms) and the complete buckets of every larger interval, in one transaction.
   * The whole file is checked first: a bad row rejects with its line number and value,
   * and nothing is stored. Seeding again stores nothing twice. Resolves to the counts
   * per interval.
   */
  public seedFile = async (
    file: string,
    options: ICandleStoreSeedOptions & ICandleStoreLocation
  ): Promise<ICandleStoreSeedResult> => {
    const source = CANDLE_STORE_METHOD_NAME_SEED_FILE;
    backtest.loggerService.info(source, { file, options });
    assertNonEmptyString(file, "file", source);
    checkSeriesOptions(options, source, "{ exchangeName, symbol, path? }");
    const candles = await readCandleCsvFile(file, "1m");
    const { exchangeName, symbol, path } = options;
    return await backtest.candleStoreConnectionService.getStore(path).seed(candles, { exchangeName, symbol });
  };

  /**
   * What the store holds: one entry per exchange, symbol and interval with the open time
   * of its first and last candle (ms) and its rows, by exchange, symbol, then interval.
   * The store is `path`, else BACKTEST_KIT_CANDLE_STORE, else ./.backtest-kit/candles.sqlite.
   */
  public list = async ({ path }: ICandleStoreLocation = {}): Promise<ICandleStoreSeries[]> => {
    backtest.loggerService.info("CandleStore.list", { path });
    if (path !== undefined) {
      assertNonEmptyString(path, "path", "CandleStore.list");
    }
    return await backtest.candleStoreConnectionService.getStore(path).list();
  };

  /**
   * Seeds the real BTCUSDT 1m series shipped in the package (Binance, 1 to 21 March 2023,
   * 30,240 candles) as seedFile does, from wherever the package is installed: under the
   * exchange name "binance" and the symbol "BTCUSDT" unless the options say otherwise.
   *
   * @example
   * await CandleStore.seedBundled(); // then read exchangeName "binance", symbol "BTCUSDT"
   */
  public seedBundled = async (
    options: Partial<ICandleStoreSeedOptions> & ICandleStoreLocation = {}
  ): Promise<ICandleStoreSeedResult> =>
    await this.seedFile(fileURLToPath(BUNDLED_SERIES_URL), { exchangeName: "binance", symbol: "BTCUSDT", ...options });

  /**
   * The consecutive candles of `interval` opening from `since` (rounded up to the
   * interval), at most `limit`, oldest first, stopping at the first candle the store
   * lacks (a shorter result: ask again from its end when you need more). Only when the
   * candle at `since` itself is missing is `fetch` called, and what it returns stored;
   * if the exchange has nothing at `since`, the result starts at its first candle. If
   * that fetch fails, the read rejects naming the exchange, symbol, interval and time,
   * with the fetch error as `cause`.
   */
  public read = async (options: ICandleStoreReadOptions & ICandleStoreLocation): Promise<ICandleData[]> => {
    const source = CANDLE_STORE_METHOD_NAME_READ;
    backtest.loggerService.info(source, { options });
    checkReadOptions(options, source);
    const { exchangeName, symbol, interval, since, limit, fetch, path } = options;
    return await backtest.candleStoreConnectionService
      .getStore(path)
      .read({ exchangeName, symbol, interval, since, limit, fetch });
  };
}

/** The CandleStore facade. */
export const CandleStore = new CandleStoreUtils();

export default CandleStore;
