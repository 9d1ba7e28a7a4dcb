import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { CandleStore } from "../build/index.mjs";
import { UsageError } from "./usageError.mjs";

const iso = (ms) => new Date(ms).toISOString();

/** The store file the command reads: --store, else BACKTEST_KIT_CANDLE_STORE, else the default. */
const storePath = (store) => resolve(store ?? (process.env.BACKTEST_KIT_CANDLE_STORE || "./.backtest-kit/candles.sqlite"));

/** Rows as a table of left-aligned text columns, numbers right-aligned. */
const textTable = (head, rows) => {
  const widths = head.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index].length)));
  const line = (cells) => cells.map((cell, index) => (index === cells.length - 1 ? cell.padStart(widths[index]) : cell.padEnd(widths[index]))).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
};

/** "BTCUSDT (binance), ETHUSDT (binance)": every exchange and symbol a store holds. */
const describeHeld = (series) =>
  [...new Set(series.map((item) => `${item.symbol} (${item.exchangeName})`))].join(", ") || "nothing";

/**
 * `backtest-kit data [--symbol S] [--exchange E] [--store FILE]`: what the candle store
 * holds, one line per exchange, symbol and interval: first and last candle, rows. A
 * symbol or exchange it does not hold fails naming what it holds. Resolves to the text.
 */
export const runData = async ({ symbol, exchange, store }) => {
  const path = storePath(store);
  const info = await stat(path).catch(() => null);
  if (info === null) {
    throw new Error(`no candle store at ${path}: fill it with backtest-kit seed --bundled, or seed a CSV of your own`);
  }
  const all = await CandleStore.list({ path });
  const series = all.filter((item) => (symbol === undefined || item.symbol === symbol) && (exchange === undefined || item.exchangeName === exchange));
  if (series.length === 0) {
    const asked = [symbol, exchange === undefined ? undefined : `on ${exchange}`].filter(Boolean).join(" ");
    throw new Error(`the candle store ${path} holds no candles${asked ? ` of ${asked}` : ""}; it holds: ${describeHeld(all)}`);
  }
  const rows = series.map((item) => [item.exchangeName, item.symbol, item.interval, iso(item.first), iso(item.last), String(item.rows)]);
  return [`Candle store ${path}:`, textTable(["exchange", "symbol", "interval", "first candle", "last candle", "rows"], rows)].join("\n");
};
