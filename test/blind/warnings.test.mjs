// A blind request whose messages still carry the symbol, a date or the real last close is
// said through listenWarning ("blind-prompt-leak"), once per strategy and symbol.
import { test } from "node:test";
import assert from "node:assert/strict";
import { askSignal, Backtest, formatCandlesBlind, getCandles, listenWarning } from "../../build/index.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { addSeriesBacktest } from "../helpers/seriesBacktest.mjs";

const WAIT = { position: "wait", note: "-", priceOpen: 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 };

/** A 3-hour backtest of a 1h strategy asking blind with the messages `write(symbol, candles)` gives. */
const runWith = async (t, write) => {
  const server = await startOllamaServer(() => JSON.stringify(WAIT));
  t.after(server.close);
  const names = addSeriesBacktest("leak-strategy", "2023-03-10T00:00:00Z", "2023-03-10T03:00:00Z", async (symbol) => {
    const candles = await getCandles(symbol, "1m", 30);
    return (await askSignal([{ role: "user", content: write(symbol, candles) }], { host: server.host, model: "m", blind: true, cache: false })).signal;
  });
  const warnings = [];
  const stop = listenWarning((warning) => warning.kind === "blind-prompt-leak" && warning.details.strategyName === names.strategyName && warnings.push(warning));
  try {
    for await (const _ of Backtest.run("BTCUSDT", names));
  } finally {
    stop();
  }
  return { warnings, server, names };
};

test("blind requests with plain candle lines raise one blind-prompt-leak warning naming what leaked", async (t) => {
  const plainLines = (symbol, candles) =>
    [symbol, ...candles.map((c) => `${new Date(c.timestamp).toISOString()}[1m]: O:${c.open} H:${c.high} L:${c.low} C:${c.close} V:${c.volume}`)].join("\n");
  const { warnings, server, names } = await runWith(t, plainLines);
  assert.ok(server.requests.length >= 3, "every tick still asks the model");
  assert.equal(warnings.length, 1);
  assert.deepEqual(warnings[0].details, {
    strategyName: names.strategyName,
    symbol: "BTCUSDT",
    when: Date.parse("2023-03-10T00:00:00Z"),
    found: ["the symbol", "a date", "the real last close"],
  });
  assert.match(warnings[0].message, /askSignal was asked blind, but its messages carry the symbol, a date, the real last close/);
});

test("blind requests formatted with formatCandlesBlind raise no warning", async (t) => {
  const { warnings, server } = await runWith(t, (symbol, candles) => ["ASSET", formatCandlesBlind(candles, "1m")].join("\n"));
  assert.ok(server.requests.length >= 3);
  assert.deepEqual(warnings, []);
});
