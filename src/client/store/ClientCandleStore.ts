import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { CandleInterval, ICandleData } from "../../interfaces/Exchange.interface";
import { ILogger } from "../../interfaces/Logger.interface";
import {
  CandleFetchFn,
  ICandleStore,
  ICandleStoreParams,
  ICandleStoreReadOptions,
  ICandleStoreSeedOptions,
  ICandleStoreSeedResult,
  ICandleStoreSeries,
} from "../../interfaces/CandleStore.interface";
import { CANDLE_INTERVAL_MS } from "../../utils/candles/intervals";
import { aggregateCandles } from "../../utils/candles/aggregateCandles";
import { ICandleRepair, checkCandles, describeRepair } from "../../utils/candles/checkCandles";
import { toError } from "../../utils/toError";

/** Candles asked of `fetch` in one call unless the params say otherwise. */
const DEFAULT_FETCH_LIMIT = 1_000;

/** How long a statement waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 10_000;

/** Every interval the runtime serves: seeding stores each of them. */
const SEED_INTERVALS = Object.keys(CANDLE_INTERVAL_MS) as CandleInterval[];

/**
 * One row per candle; the primary key makes a candle impossible to store twice, and
 * WITHOUT ROWID keeps the rows clustered by it, so a read is one range scan.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS candles (
    exchange TEXT NOT NULL,
    symbol TEXT NOT NULL,
    interval TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume REAL NOT NULL,
    PRIMARY KEY (exchange, symbol, interval, timestamp)
  ) WITHOUT ROWID
`;

const INSERT_SQL =
  "INSERT OR IGNORE INTO candles (exchange, symbol, interval, timestamp, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

const RANGE_WHERE = "WHERE exchange = ? AND symbol = ? AND interval = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp";

const READ_CANDLES_SQL = `SELECT timestamp, open, high, low, close, volume FROM candles ${RANGE_WHERE}`;

const READ_TIMES_SQL = `SELECT timestamp FROM candles ${RANGE_WHERE}`;

const LIST_SERIES_SQL =
  "SELECT exchange AS exchangeName, symbol, interval, MIN(timestamp) AS first, MAX(timestamp) AS last, COUNT(*) AS rows " +
  "FROM candles GROUP BY exchange, symbol, interval";

/** Which stored series a call is about. */
interface ISeriesKey {
  exchangeName: string;
  symbol: string;
  interval: CandleInterval;
}

/** An open database with its prepared statements. */
interface IConnection {
  db: Database.Database;
  insert: Database.Statement;
  readCandles: Database.Statement;
  readTimes: Database.Statement;
}

/** ISO text of a time in ms, for messages. */
const iso = (time: number) => new Date(time).toISOString();

/** Opens (creating if needed) the database at `path`: WAL journal, busy timeout, schema. */
const openConnection = (path: string, logger: ILogger): IConnection => {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") {
      logger.warn("clientCandleStore journal is not WAL: concurrent readers wait for writers", { path, mode });
    }
    db.pragma("synchronous = NORMAL");
    db.exec(SCHEMA);
    return {
      db,
      insert: db.prepare(INSERT_SQL),
      readCandles: db.prepare(READ_CANDLES_SQL),
      readTimes: db.prepare(READ_TIMES_SQL).pluck(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
};

/**
 * A persistent cache of exchange candles in one SQLite file, keyed by exchange, symbol,
 * interval and open time. Safe for several processes at once (WAL, busy timeout, writes
 * in IMMEDIATE transactions) and for a crash mid-write (a transaction is stored whole or
 * not at all; INSERT OR IGNORE never stores a candle twice). It never makes up a candle
 * and fetches only what is needed now: a read returns the consecutive stored candles from
 * its start and stops at the first gap (a short reply, as exchanges give: the caller asks
 * again from its end when it needs more). Only a read whose first candle is missing
 * fetches, from there; if the exchange then has nothing at the start (a hole in its own
 * data), the reply starts at its first candle. Only closed candles are fetched and
 * stored, so a candle still forming is never kept.
 */
export class ClientCandleStore implements ICandleStore {
  private connection: IConnection | null = null;

  constructor(readonly params: ICandleStoreParams) {}

  /**
   * Stores 1m candles (sorted, strictly increasing, whole minutes) and the complete
   * buckets of every larger interval, all in one transaction, and counts per interval
   * what was new and what the store already had.
   */
  public seed = async (candles1m: ICandleData[], options: ICandleStoreSeedOptions): Promise<ICandleStoreSeedResult> => {
    const batches = SEED_INTERVALS.map((interval) => [interval, aggregateCandles(candles1m, interval)] as const);
    const { db } = this.open();
    const store = db.transaction(() => {
      const result = {} as ICandleStoreSeedResult;
      for (const [interval, candles] of batches) {
        const inserted = this.insertMany({ ...options, interval }, candles);
        result[interval] = {
          inserted,
          existing: candles.length - inserted,
          first: candles[0]?.timestamp ?? null,
          last: candles.at(-1)?.timestamp ?? null,
        };
      }
      return result;
    });
    const result = store.immediate();
    this.params.logger.info("clientCandleStore seed", { path: this.params.path, ...options, result });
    return result;
  };

  /**
   * The candles of `interval` opening in [since, since + limit * step), `since` rounded
   * up to the interval, oldest first, up to the first one the store lacks. Missing closed
   * candles are fetched (from the first missing one, at most fetchLimit per call, in a
   * bounded number of calls) and stored before the store is read again. If fetching
   * fails, the stored candles are returned (a warning names the gap); with none stored,
   * the error names the series and the time, with the fetch error as its cause.
   */
  public read = async (options: ICandleStoreReadOptions): Promise<ICandleData[]> => {
    const { exchangeName, symbol, interval, since, limit, fetch } = options;
    const step = CANDLE_INTERVAL_MS[interval];
    const start = Math.ceil(since.getTime() / step) * step;
    const end = start + limit * step;
    const stored = this.readRun(options, start, end);
    const fetchEnd = Math.min(end, Math.floor(this.params.now() / step) * step);
    if (stored.length > 0 || fetch === undefined || start >= fetchEnd) {
      return stored;
    }
    try {
      await this.fetchMissing(options, fetch, start, fetchEnd);
    } catch (error) {
      throw toError(
        `candle store: exchange ${exchangeName} ${symbol} ${interval} has no candle stored at ${iso(start)} and fetching it failed`,
        error
      );
    }
    return this.readRun(options, this.firstStored(options, start, end), end);
  };

  /**
   * Every stored series with the open time of its first and last candle and its rows,
   * by exchange, symbol, then interval from the smallest.
   */
  public list = async (): Promise<ICandleStoreSeries[]> => {
    const rows = this.open().db.prepare(LIST_SERIES_SQL).all() as ICandleStoreSeries[];
    const order = (series: ICandleStoreSeries) => CANDLE_INTERVAL_MS[series.interval] ?? Number.MAX_SAFE_INTEGER;
    return rows.sort(
      (a, b) => a.exchangeName.localeCompare(b.exchangeName) || a.symbol.localeCompare(b.symbol) || order(a) - order(b)
    );
  };

  public close = () => {
    if (this.connection !== null) {
      this.connection.db.close();
      this.connection = null;
    }
  };

  /** The open database, opened on first use. */
  private open = () => {
    if (this.connection === null) {
      this.connection = openConnection(this.params.path, this.params.logger);
      this.params.logger.log("clientCandleStore open", { path: this.params.path });
    }
    return this.connection;
  };

  /** The stored candles from `start` up to `end` or the first missing open time. */
  private readRun = (key: ISeriesKey, start: number, end: number): ICandleData[] => {
    const step = CANDLE_INTERVAL_MS[key.interval];
    const rows = this.open().readCandles.iterate(key.exchangeName, key.symbol, key.interval, start, end);
    const run: ICandleData[] = [];
    for (const row of rows as IterableIterator<ICandleData>) {
      if (row.timestamp !== start + run.length * step) {
        break;
      }
      run.push(row);
    }
    return run;
  };

  /** The first open time in [from, to) the store holds, or `to`. */
  private firstStored = (key: ISeriesKey, from: number, to: number) => {
    for (const time of this.open().readTimes.iterate(key.exchangeName, key.symbol, key.interval, from, to)) {
      return time as number;
    }
    return to;
  };

  /** The first open time in [from, to) the store lacks, or `to`. */
  private firstMissing = (key: ISeriesKey, from: number, to: number) => {
    const step = CANDLE_INTERVAL_MS[key.interval];
    let expected = from;
    for (const time of this.open().readTimes.iterate(key.exchangeName, key.symbol, key.interval, from, to)) {
      if (time !== expected) {
        break;
      }
      expected += step;
    }
    return expected;
  };

  /** Inserts candles the store lacks (inside the caller's transaction); returns how many. */
  private insertMany = (key: ISeriesKey, candles: ICandleData[]) => {
    const { insert } = this.open();
    let inserted = 0;
    for (const { timestamp, open, high, low, close, volume } of candles) {
      inserted += insert.run(key.exchangeName, key.symbol, key.interval, timestamp, open, high, low, close, volume).changes;
    }
    return inserted;
  };

  /** Raises "exchange-repair" for a repaired fetched reply (once per read and kind of repair). */
  private sayRepair = async (options: ICandleStoreReadOptions, since: number, limit: number, repair: ICandleRepair) => {
    const { exchangeName, symbol, interval } = options;
    const what = `candle store: exchange ${exchangeName} fetch(${symbol}, ${interval}, since ${iso(since)}, limit ${limit})`;
    await this.params.warn("exchange-repair", `${what} returned ${describeRepair(repair)} (said once per read for this fault)`, {
      exchangeName,
      symbol,
      interval,
      since,
      limit,
      repair: repair.kind,
      count: repair.count,
    });
  };

  /**
   * Fetches the candles of [from, to) the store lacks, `from` being the first missing
   * one: each call asks from the first missing open time for at most fetchLimit candles;
   * the checked reply, cut to what was asked, is stored in one transaction. Stops when a
   * reply is empty or leaves the first missing open time where it was (progress is read
   * from the store, so candles another process stored in the meantime count), and after
   * ceil(slots / fetchLimit) + 1 calls in any case.
   */
  private fetchMissing = async (options: ICandleStoreReadOptions, fetch: CandleFetchFn, from: number, to: number) => {
    const { exchangeName, symbol, interval } = options;
    const step = CANDLE_INTERVAL_MS[interval];
    const fetchLimit = this.params.fetchLimit ?? DEFAULT_FETCH_LIMIT;
    const maxCalls = Math.ceil((to - from) / step / fetchLimit) + 1;
    let cursor = from;
    const said = new Set<string>();
    for (let call = 0; call < maxCalls && cursor < to; call++) {
      const asked = Math.min(fetchLimit, (to - cursor) / step);
      const reply = await fetch(symbol, interval, new Date(cursor), asked);
      const checked = checkCandles({ exchangeName, symbol, interval, step, since: cursor, until: cursor + asked * step }, reply);
      const { candles } = checked;
      for (const repair of checked.repairs.filter(({ kind }) => !said.has(kind))) {
        said.add(repair.kind);
        await this.sayRepair(options, cursor, asked, repair);
      }
      if (candles.length === 0) {
        return;
      }
      this.open().db.transaction(() => this.insertMany(options, candles)).immediate();
      const next = this.firstMissing(options, cursor, to);
      if (next === cursor) {
        return;
      }
      cursor = next;
    }
  };
}

export default ClientCandleStore;
