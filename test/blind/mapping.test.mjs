// askSignal({ blind: true }): the model answers on the blind scale (100 = the last 1m
// close at the tick) and the library maps its prices back exactly, at the exchange's
// price precision, before the signal is checked and traded: long and short, take-profit
// and stop-loss rounded away from the entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addOptimizer,
  askSignal,
  askText,
  Backtest,
  formatCandlesBlind,
  getCandles,
  listenError,
  Optimizer,
  readBlindMode,
} from "../../build/index.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { addSeriesBacktest } from "../helpers/seriesBacktest.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { validSchema } from "../helpers/optimizer.mjs";

const SYMBOL = "BTCUSDT";
const up2 = (value) => Math.ceil(value * 100 - 1e-7) / 100;
const down2 = (value) => Math.floor(value * 100 + 1e-7) / 100;

/** A blind answer: the entry at 100, odd levels so the rounding direction shows. */
const BLIND_ANSWERS = {
  long: { position: "long", note: "blind long", priceOpen: 100, priceTakeProfit: 101.23456, priceStopLoss: 99.18765, minuteEstimatedTime: 30 },
  short: { position: "short", note: "blind short", priceOpen: 100, priceTakeProfit: 98.76543, priceStopLoss: 100.81234, minuteEstimatedTime: 30 },
};

/**
 * A 3-hour backtest on the real series of a 1h strategy that shows the model the last
 * 30 1m candles blind and asks askSignal with blind: true; the model answers `position`.
 */
const runBlind = async (t, position, { cacheDir, server: given, blind = true } = {}) => {
  const server = given ?? (await startOllamaServer(() => JSON.stringify(BLIND_ANSWERS[position])));
  if (!given) t.after(server.close);
  const asked = [];
  const names = addSeriesBacktest(`blind-${position}`, "2023-03-10T00:00:00Z", "2023-03-10T03:00:00Z", async (symbol) => {
    const candles = await getCandles(symbol, "1m", 30);
    const answer = await askSignal([{ role: "user", content: formatCandlesBlind(candles, "1m") }], {
      host: server.host, model: "m", blind, ...(cacheDir ? { cacheDir } : { cache: false }),
    });
    asked.push({ anchor: candles.at(-1).close, answer });
    return answer.signal;
  });
  const errors = [];
  const stop = listenError((error) => error.message.includes(names.strategyName) && errors.push(error));
  const results = [];
  try {
    for await (const result of Backtest.run(SYMBOL, names)) results.push(result);
  } finally {
    stop();
  }
  return { server, asked, errors, results, names };
};

test("a blind long maps back exactly: entry at the last close, take-profit rounded up, stop-loss down", async (t) => {
  const { asked, errors, results, server, names } = await runBlind(t, "long");
  assert.equal((await Backtest.getData(SYMBOL, names.strategyName)).promptMode, "blind");
  assert.deepEqual(errors, []);
  const opened = asked.filter(({ answer }) => answer.signal !== null);
  assert.ok(opened.length >= 1 && results.length === opened.length, `${opened.length} signals, ${results.length} trades`);
  for (const { anchor, answer } of opened) {
    const { signal } = answer;
    assert.equal(signal.priceOpen, anchor);
    assert.equal(signal.priceTakeProfit, up2((anchor * 101.23456) / 100));
    assert.equal(signal.priceStopLoss, down2((anchor * 99.18765) / 100));
    assert.ok(signal.priceTakeProfit > signal.priceOpen && signal.priceOpen > signal.priceStopLoss);
    assert.deepEqual(answer.answer, BLIND_ANSWERS.long, "the model's own answer stays on the blind scale");
  }
  for (const { body } of server.requests) {
    assert.match(body.messages[0].content, /BLIND SCALE/);
    assert.ok(!JSON.stringify(body).includes(String(asked[0].anchor)), "the real last close is not in the request");
  }
  assert.equal(results[0].signal.priceOpen, opened[0].anchor, "the trade runs on the real prices");
});

test("a blind short maps back exactly: take-profit rounded down, stop-loss up, both on their side", async (t) => {
  const { asked, errors } = await runBlind(t, "short");
  assert.deepEqual(errors, []);
  const opened = asked.filter(({ answer }) => answer.signal !== null);
  assert.ok(opened.length >= 1);
  for (const { anchor, answer: { signal } } of opened) {
    assert.equal(signal.position, "short");
    assert.equal(signal.priceOpen, anchor);
    assert.equal(signal.priceTakeProfit, down2((anchor * 98.76543) / 100));
    assert.equal(signal.priceStopLoss, up2((anchor * 100.81234) / 100));
    assert.ok(signal.priceStopLoss > signal.priceOpen && signal.priceOpen > signal.priceTakeProfit);
  }
});

test("a model that answers real prices in blind mode is asked again, the problem quoted on the blind scale", async (t) => {
  const real = { ...BLIND_ANSWERS.long, priceOpen: 21000, priceTakeProfit: 21300, priceStopLoss: 20800 };
  const server = await startOllamaServer((body) => JSON.stringify(body.messages.length > 3 ? BLIND_ANSWERS.long : real));
  t.after(server.close);
  const names = addSeriesBacktest("blind-real", "2023-03-10T00:00:00Z", "2023-03-10T00:30:00Z", async (symbol) =>
    (await askSignal([{ role: "user", content: formatCandlesBlind(await getCandles(symbol, "1m", 30), "1m") }], { host: server.host, model: "m", blind: true, cache: false })).signal
  );
  for await (const _ of Backtest.run(SYMBOL, names));
  const reask = server.requests[1].body.messages.at(-1).content;
  assert.match(reask, /^Your answer was rejected: priceOpen 21000 is off the blind scale/);
  assert.ok(!/2\d{4}\.\d/.test(reask), "no real price in the quoted problem");
});

test("the response cache keeps blind and plain answers apart", async (t) => {
  const cacheDir = await makeTempDir(t, "backtest-kit-blind-cache-");
  const server = await startOllamaServer(() => JSON.stringify(BLIND_ANSWERS.long));
  t.after(server.close);
  const first = await runBlind(t, "long", { cacheDir, server });
  const asked = server.requests.length;
  assert.ok(asked > 0);
  const again = await runBlind(t, "long", { cacheDir, server });
  assert.equal(server.requests.length, asked, "a blind rerun is answered from the cache");
  assert.deepEqual(again.asked.map(({ answer }) => answer.answer), first.asked.map(({ answer }) => answer.answer));
  const plain = await runBlind(t, "long", { cacheDir, server, blind: false });
  assert.ok(plain.asked.length > 0);
  assert.equal(server.requests.length - asked, plain.asked.length, "no plain question is answered from a blind entry");
});

test("formatCandlesBlind: relative times, the last close at 100, volumes to their mean, nothing lost", () => {
  const candles = [
    { timestamp: Date.UTC(2023, 2, 10, 10, 0), open: 20150.31, high: 20170, low: 20100.5, close: 20160.12, volume: 10 },
    { timestamp: Date.UTC(2023, 2, 10, 10, 5), open: 20160.12, high: 20200, low: 20155, close: 20199.99, volume: 30 },
  ];
  const text = formatCandlesBlind(candles, "5m");
  const lines = text.split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^t-5m\[5m\]: O:\d+\.\d+ H:/);
  assert.match(lines[1], /^t0\[5m\]: O:[\d.]+ H:[\d.]+ L:[\d.]+ C:100\.0+ V:150\.00$/);
  assert.match(lines[0], / V:50\.00$/);
  for (const [index, line] of lines.entries()) {
    const [, o, h, l, c] = /O:([\d.]+) H:([\d.]+) L:([\d.]+) C:([\d.]+)/.exec(line).map(Number);
    const back = [o, h, l, c].map((value) => Number(((value * 20199.99) / 100).toFixed(2)));
    const { open, high, low, close } = candles[index];
    assert.deepEqual(back, [open, high, low, close]);
  }
  assert.ok(!text.includes("2023") && !text.includes("20150.31"));
  assert.match(formatCandlesBlind(candles, "5m", { anchorPrice: 20150.31 }), /^t-5m\[5m\]: O:100\.0+ /);
});

test("bad blind options and rows are clear errors naming the field and the value", async (t) => {
  const messages = [{ role: "user", content: "x" }];
  await assert.rejects(askSignal(messages, { blind: "yes" }), /askSignal: options\.blind must be a boolean, got "yes"/);
  await assert.rejects(askText(messages, { blind: true }), /askText: options\.blind applies to askSignal only, got true/);
  assert.throws(() => formatCandlesBlind({ close: 1 }, "1m"), /formatCandlesBlind: rows must be an array of candles, got \{"close":1\}/);
  assert.equal(formatCandlesBlind([], "1m"), "", "no rows, no lines");
  const candle = { timestamp: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 };
  assert.throws(() => formatCandlesBlind([candle, { ...candle, close: -1 }], "1m"), /formatCandlesBlind: rows\[1\]\.close must be a finite positive number, got -1/);
  assert.throws(() => formatCandlesBlind([candle], "1 m"), /formatCandlesBlind: timeframe must be a label .* got "1 m"/);
  assert.throws(() => formatCandlesBlind([candle], "1m", { anchorPrice: 0 }), /formatCandlesBlind: options\.anchorPrice must be a finite positive number, got 0/);
  const saved = process.env.BACKTEST_KIT_BLIND;
  t.after(() => (saved === undefined ? delete process.env.BACKTEST_KIT_BLIND : (process.env.BACKTEST_KIT_BLIND = saved)));
  process.env.BACKTEST_KIT_BLIND = "maybe";
  assert.throws(() => readBlindMode(true), /BACKTEST_KIT_BLIND must be one of on, 1, true, yes, off, 0, false, no, got "maybe"/);
  process.env.BACKTEST_KIT_BLIND = "OFF";
  assert.equal(readBlindMode(true), false);
  delete process.env.BACKTEST_KIT_BLIND;
  assert.equal(readBlindMode(false), false);
  assert.throws(() => readBlindMode("on"), /readBlindMode: fallback must be a boolean, got "on"/);
  const schema = validSchema();
  addOptimizer(schema);
  await assert.rejects(
    Optimizer.leakCheck("BTCUSDT", { optimizerName: schema.optimizerName }, { timeoutMs: -1 }),
    /optimizerGlobalService leakCheck: options\.timeoutMs must be a positive whole number of ms, got -1/
  );
  await assert.rejects(
    Optimizer.leakCheck("BTCUSDT", { optimizerName: schema.optimizerName }, { out: "" }),
    /options\.out must be a non-empty string, got ""/
  );
});
