// The demo's optimizer: three training ranges of the bundled BTCUSDT series, one test day,
// and sources that page through the candle store. `backtest-kit optimize` takes this file
// as it is; `backtest-kit demo` seeds the store and starts a model first.
// Blind (the default): the training conversations name no date, no symbol (ASSET) and no
// real price: candles go through formatCandlesBlind, daily figures are relative too.
import { addOptimizer, askText, CandleStore, formatCandlesBlind } from "backtest-kit";
import { getMomentStamp } from "get-moment-stamp";

/** The store name the bundled series is seeded under (and generated exchanges read). */
const STORE_EXCHANGE = "binance";
const HOUR = 3_600_000;
const QUARTER = 900_000;

/** Every stored candle of `interval` from `startDate` to `endDate` (no network: stored candles only). */
const storedCandles = async (symbol, interval, stepMs, startDate, endDate) => {
  const limit = Math.floor((endDate.getTime() - startDate.getTime()) / stepMs) + 1;
  return await CandleStore.read({ exchangeName: STORE_EXCHANGE, symbol, interval, since: startDate, limit });
};

/** One page of rows: the rows of the range, from `offset`, at most `limit`. */
const page = (rows, { offset, limit }) => rows.slice(offset, offset + limit);

/** What the model is told the traded asset is called. */
const ALIAS = "ASSET";

const ema = (values, period) => {
  const k = 2 / (period + 1);
  return values.reduce((acc, value, i) => (i === 0 ? value : value * k + acc * (1 - k)), 0);
};

/** RSI of the last `period` changes (Wilder's average of gains and losses). */
const rsi = (closes, period = 14) => {
  const changes = closes.slice(-period - 1).map((close, i, all) => (i === 0 ? 0 : close - all[i - 1])).slice(1);
  const gains = changes.filter((c) => c > 0).reduce((a, b) => a + b, 0);
  const losses = -changes.filter((c) => c < 0).reduce((a, b) => a + b, 0);
  return losses === 0 ? 100 : 100 - 100 / (1 + gains / losses);
};

/** One summary row per UTC day of the range: close, change, EMA of the hourly closes, RSI, ATR. */
const dailySummaries = (hourly) => {
  const days = new Map();
  for (const candle of hourly) {
    const day = new Date(candle.timestamp).toISOString().slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), candle]);
  }
  const closes = [];
  return [...days.entries()].map(([day, candles]) => {
    closes.push(...candles.map((c) => c.close));
    const first = candles[0];
    const last = candles.at(-1);
    const atr = candles.reduce((sum, c) => sum + (c.high - c.low), 0) / candles.length;
    return {
      id: getMomentStamp(new Date(`${day}T12:00:00Z`)),
      day,
      close: last.close,
      changePercent: ((last.close - first.open) / first.open) * 100,
      ema24: ema(closes, 24),
      rsi14: rsi(closes),
      atrPercent: (atr / last.close) * 100,
    };
  });
};

addOptimizer({
  optimizerName: "demo",
  note: "BTCUSDT, March 2023: before, during and after the mid-March sell-off",
  prefix: "demo",
  rangeTrain: [
    { note: "calm start of the month", startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-04T23:59:00Z") },
    { note: "the sell-off", startDate: new Date("2023-03-08T00:00:00Z"), endDate: new Date("2023-03-11T23:59:00Z") },
    { note: "the rally", startDate: new Date("2023-03-13T00:00:00Z"), endDate: new Date("2023-03-16T23:59:00Z") },
  ],
  rangeTest: { note: "one test day", startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T23:59:00Z") },
  source: [
    {
      name: "candles-1h",
      fetch: async ({ symbol, startDate, endDate, ...args }) =>
        page((await storedCandles(symbol, "1h", HOUR, startDate, endDate)).map((c) => ({ id: c.timestamp, ...c })), args),
      user: (symbol, rows) => `${ALIAS} hourly candles:\n${formatCandlesBlind(rows, "1h")}`,
      assistant: () => "Hourly candles read.",
    },
    {
      name: "candles-15m",
      fetch: async ({ symbol, startDate, endDate, ...args }) =>
        page((await storedCandles(symbol, "15m", QUARTER, startDate, endDate)).map((c) => ({ id: c.timestamp, ...c })), args),
      user: (symbol, rows) => `${ALIAS} 15-minute candles:\n${formatCandlesBlind(rows, "15m")}`,
      assistant: () => "15-minute candles read.",
    },
    {
      name: "daily-indicators",
      fetch: async ({ symbol, startDate, endDate, ...args }) =>
        page(dailySummaries(await storedCandles(symbol, "1h", HOUR, startDate, endDate)), args),
      user: (symbol, rows) =>
        [
          `${ALIAS} daily indicators (EMA and RSI of hourly closes, ATR of hourly ranges; ` +
            "prices in percent of the last close, days counted back from the last one, d0):",
          ...rows.map((r, i) => {
            const asPercent = (price) => ((price / rows.at(-1).close) * 100).toFixed(3);
            return (
              `${i === rows.length - 1 ? "d0" : `d-${rows.length - 1 - i}`}: close ${asPercent(r.close)}, change ${r.changePercent.toFixed(2)}%, ` +
              `EMA24 ${asPercent(r.ema24)}, RSI14 ${r.rsi14.toFixed(1)}, ATR ${r.atrPercent.toFixed(2)}%`
            );
          }),
        ].join("\n"),
      assistant: () => "Daily indicators read.",
    },
  ],
  getPrompt: async (symbol, messages) =>
    await askText([
      ...messages,
      {
        role: "user",
        content: `Write a trading strategy for ${ALIAS} from the data above: when to go long or short, ` +
          "take-profit and stop-loss in percent, and how long to hold a position.",
      },
    ]),
});
