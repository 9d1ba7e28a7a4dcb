import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CandleStore } from "../build/index.mjs";
import { assertFileArgument, UsageError } from "./usageError.mjs";

/** The real BTCUSDT 1m series shipped in the package (data/ beside bin/), wherever it is installed. */
const BUNDLED_SERIES = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz");

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

/** What seeding printed: where from, into which store, and the counts per interval. */
const describeSeeded = (result, { exchangeName, symbol, source, path }) => {
  const storeName = path ?? process.env.BACKTEST_KIT_CANDLE_STORE ?? "./.backtest-kit/candles.sqlite";
  return [`Seeded ${exchangeName} ${symbol} from ${source} into ${storeName}:`, describeSeed(result)].join("\n");
};

/**
 * `backtest-kit seed <csv> --exchange NAME --symbol SYMBOL [--store FILE]`: stores the
 * 1m candles of a CSV (plain or .gz) and every larger interval in the candle store,
 * with the checks and errors of CandleStore.seedFile (a bad line rejects naming it, and
 * nothing is stored). `--bundled` instead of the CSV seeds the package's own BTCUSDT series
 * (exchange binance and symbol BTCUSDT unless given). Resolves to the text to print: file,
 * store, counts per interval.
 */
export const runSeed = async ({ file, bundled = false, exchange, symbol, store }) => {
  if (bundled && file !== undefined) {
    throw new UsageError(`seed takes a CSV file or --bundled, not both (got ${file})`);
  }
  if (bundled) {
    const path = store === undefined ? undefined : resolve(requireOption(store, "store", "./candles.sqlite"));
    const exchangeName = exchange ?? "binance";
    const seriesSymbol = symbol ?? "BTCUSDT";
    const result = await CandleStore.seedBundled({ exchangeName, symbol: seriesSymbol, path });
    return describeSeeded(result, { exchangeName, symbol: seriesSymbol, source: `the bundled series ${BUNDLED_SERIES}`, path });
  }
  if (file === undefined) {
    throw new UsageError("seed needs a CSV file, or --bundled for the bundled BTCUSDT series: backtest-kit seed --bundled");
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
  return describeSeeded(result, { exchangeName, symbol: seriesSymbol, source: csv, path });
};
