import { resolve } from "node:path";
import { CandleStore } from "../build/index.mjs";
import { assertFileArgument, UsageError } from "./usageError.mjs";

/** Intervals in the order they are printed. */
const INTERVAL_ORDER = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h"];

/** Throws a UsageError unless `value` is a non-empty option value. */
const requireOption = (value, name, example) => {
  if (value === undefined || value.trim() === "") {
    throw new UsageError(`seed needs --${name}, e.g. --${name} ${example}`);
  }
  return value;
};

const iso = (ms) => new Date(ms).toISOString();

/** What seeding stored, one line per interval: candles, new and already there, first and last open time. */
const describeSeed = (result) =>
  INTERVAL_ORDER.filter((interval) => result[interval] !== undefined)
    .map((interval) => {
      const { inserted, existing, first, last } = result[interval];
      const range = first === null ? "" : `, ${iso(first)} to ${iso(last)}`;
      return `  ${interval.padEnd(4)} ${String(inserted + existing).padStart(7)} candles (${inserted} new, ${existing} already stored${range})`;
    })
    .join("\n");

/**
 * `backtest-kit seed <csv> --exchange NAME --symbol SYMBOL [--store FILE]`: stores the
 * 1m candles of a CSV (plain or .gz) and every larger interval in the candle store,
 * with the checks and errors of CandleStore.seedFile (a bad line rejects naming it, and
 * nothing is stored); a CSV without candle rows is a failure too, since nothing was
 * seeded. Resolves to the text to print: file, store, counts per interval.
 */
export const runSeed = async ({ file, exchange, symbol, store }) => {
  if (file === undefined) {
    throw new UsageError("seed needs a CSV file: backtest-kit seed data/BTCUSDT-1m.csv.gz --exchange binance --symbol BTCUSDT");
  }
  const exchangeName = requireOption(exchange, "exchange", "binance");
  const seriesSymbol = requireOption(symbol, "symbol", "BTCUSDT");
  const path = store === undefined ? undefined : resolve(requireOption(store, "store", "./candles.sqlite"));
  const csv = resolve(file);
  await assertFileArgument(csv, "CSV");
  const result = await CandleStore.seedFile(csv, { exchangeName, symbol: seriesSymbol, path });
  const minutes = result["1m"];
  if (minutes.inserted + minutes.existing === 0) {
    throw new Error(`seed stored nothing: ${csv} has a header but no candle rows`);
  }
  const storeName = path ?? process.env.BACKTEST_KIT_CANDLE_STORE ?? "./.backtest-kit/candles.sqlite";
  return [`Seeded ${exchangeName} ${seriesSymbol} from ${csv} into ${storeName}:`, describeSeed(result)].join("\n");
};
