// The signal question (a chat with `format`): the JSON of a signal that the last
// BASELINE PARAMETERS line's rule gives for the candles in the messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { signalMessages, syntheticCandles, templateCandles, SIGNAL_FORMAT, useBaselineServer } from "../helpers/baseline.mjs";

const baseline = useBaselineServer();

const END = "2023-03-10T12:00:00Z";
const TREND = "BASELINE PARAMETERS: mode=trend; fastEma=9; slowEma=21; takeProfitPercent=1.5; stopLossPercent=0.75; holdMinutes=180";
const REVERSION = "BASELINE PARAMETERS: mode=reversion; fastEma=9; slowEma=21; takeProfitPercent=0.6; stopLossPercent=0.6; holdMinutes=90";

/** Template-shaped candles whose closes follow `closeAt` per timeframe (i = 0 oldest). */
const synthetic = ({ m1, m5, h1 }) => ({
  "1m": syntheticCandles("1m", 30, END, m1),
  "5m": syntheticCandles("5m", 24, END, m5),
  "15m": syntheticCandles("15m", 24, END, m5),
  "1h": syntheticCandles("1h", 24, END, h1),
});

const rising = (base, step) => (i) => base + step * i;

/** Asks the signal question; returns the parsed JSON after checking it has the schema's fields and types. */
const askSignal = async (messages, format = SIGNAL_FORMAT) => {
  const { message } = await baseline.ollama.chat({ model: baseline.server.model, messages, format });
  const signal = JSON.parse(message.content);
  assert.deepEqual(Object.keys(signal).sort(), [...SIGNAL_FORMAT.required].sort());
  assert.ok(["wait", "long", "short"].includes(signal.position));
  assert.equal(typeof signal.note, "string");
  for (const key of ["priceOpen", "priceTakeProfit", "priceStopLoss", "minuteEstimatedTime"]) {
    assert.equal(typeof signal[key], "number", key);
  }
  return signal;
};

/** Distance of `price` from `entry` in percent. */
const distance = (price, entry) => (Math.abs(price - entry) / entry) * 100;

/** Prices have at most 2 decimals. */
const hasCents = (price) => Math.abs(price * 100 - Math.round(price * 100)) < 1e-6;

test("trend rule: rising 5m and 1h closes give a long at the last 1m close with the line's levels", async () => {
  const candles = synthetic({ m1: rising(20_300, 0.5), m5: rising(20_000, 10), h1: rising(19_000, 50) });
  const signal = await askSignal(signalMessages("BTCUSDT", candles, TREND));
  assert.equal(signal.position, "long");
  assert.equal(signal.priceOpen, candles["1m"].at(-1).close);
  assert.ok(signal.priceTakeProfit > signal.priceOpen && signal.priceOpen > signal.priceStopLoss);
  assert.ok(distance(signal.priceTakeProfit, signal.priceOpen) >= 1.5);
  assert.ok(distance(signal.priceTakeProfit, signal.priceOpen) < 1.5 + 0.01);
  assert.ok(distance(signal.priceStopLoss, signal.priceOpen) >= 0.75);
  assert.ok(distance(signal.priceStopLoss, signal.priceOpen) < 0.75 + 0.01);
  assert.ok([signal.priceOpen, signal.priceTakeProfit, signal.priceStopLoss].every(hasCents));
  assert.equal(signal.minuteEstimatedTime, 180);
  assert.match(signal.note, /^baseline trend rule \(not an LLM\)/);
});

test("trend rule: falling 5m and 1h closes give a short with the levels on the short side", async () => {
  const candles = synthetic({ m1: rising(19_700, -0.5), m5: rising(20_000, -10), h1: rising(21_000, -50) });
  const signal = await askSignal(signalMessages("BTCUSDT", candles, TREND));
  assert.equal(signal.position, "short");
  assert.ok(signal.priceStopLoss > signal.priceOpen && signal.priceOpen > signal.priceTakeProfit);
  assert.ok(distance(signal.priceTakeProfit, signal.priceOpen) >= 1.5);
  assert.ok(distance(signal.priceStopLoss, signal.priceOpen) >= 0.75);
  assert.ok(distance(signal.priceStopLoss, signal.priceOpen) < 0.75 + 0.01);
});

test("trend rule: 5m up against 1h down, or flat closes, give wait with every field filled as for a long", async () => {
  const conflicting = synthetic({ m1: rising(20_300, 0.5), m5: rising(20_000, 10), h1: rising(21_000, -50) });
  const flat = synthetic({ m1: () => 20_000, m5: () => 20_000, h1: () => 20_000 });
  for (const candles of [conflicting, flat]) {
    const signal = await askSignal(signalMessages("BTCUSDT", candles, TREND));
    assert.equal(signal.position, "wait");
    assert.equal(signal.priceOpen, candles["1m"].at(-1).close);
    assert.ok(signal.priceTakeProfit > signal.priceOpen && signal.priceOpen > signal.priceStopLoss);
    assert.equal(signal.minuteEstimatedTime, 180);
  }
});

test("too few main candles for the slow EMA give wait, naming the count", async () => {
  const candles = synthetic({ m1: rising(20_300, 0.5), m5: rising(20_000, 10), h1: rising(19_000, 50) });
  candles["5m"] = candles["5m"].slice(-20);
  const signal = await askSignal(signalMessages("BTCUSDT", candles, TREND));
  assert.equal(signal.position, "wait");
  assert.match(signal.note, /only 20 5m candles, the rule needs 21/);
});

test("no candle lines give wait with zero prices", async () => {
  const signal = await askSignal([{ role: "user", content: `${TREND}\nNo data today.` }]);
  assert.equal(signal.position, "wait");
  assert.deepEqual([signal.priceOpen, signal.priceTakeProfit, signal.priceStopLoss], [0, 0, 0]);
  assert.match(signal.note, /no candle lines/);
});

test("reversion rule: a close far below the recent mean gives long, far above gives short", async () => {
  const wiggle = (i) => 20_000 + (i % 2 === 0 ? 5 : -5);
  const dropped = (i) => (i === 23 ? 19_900 : wiggle(i));
  const spiked = (i) => (i === 23 ? 20_100 : wiggle(i));
  const low = await askSignal(signalMessages("BTCUSDT", synthetic({ m1: () => 19_910, m5: dropped, h1: wiggle }), REVERSION));
  const high = await askSignal(signalMessages("BTCUSDT", synthetic({ m1: () => 20_090, m5: spiked, h1: wiggle }), REVERSION));
  const calm = await askSignal(signalMessages("BTCUSDT", synthetic({ m1: wiggle, m5: wiggle, h1: wiggle }), REVERSION));
  assert.equal(low.position, "long");
  assert.ok(low.priceTakeProfit > low.priceOpen && low.priceOpen > low.priceStopLoss);
  assert.equal(high.position, "short");
  assert.ok(high.priceStopLoss > high.priceOpen && high.priceOpen > high.priceTakeProfit);
  assert.equal(calm.position, "wait");
  assert.equal(low.minuteEstimatedTime, 90);
  assert.match(low.note, /^baseline reversion rule/);
});

test("real candles: a rally gives long, a sell-off gives short", async () => {
  const rally = templateCandles("2023-03-13T16:00:00Z");
  const selloff = templateCandles("2023-03-09T20:00:00Z");
  assert.ok(rally["5m"].at(-1).close > rally["5m"][0].close * 1.05, "premise: the 5m closes rose over 5%");
  assert.ok(rally["1h"].at(-1).close > rally["1h"][0].close * 1.1, "premise: the 1h closes rose over 10%");
  assert.ok(selloff["5m"].at(-1).close < selloff["5m"][0].close * 0.98, "premise: the 5m closes fell over 2%");
  assert.ok(selloff["1h"].at(-1).close < selloff["1h"][0].close * 0.95, "premise: the 1h closes fell over 5%");
  const long = await askSignal(signalMessages("BTCUSDT", rally, TREND));
  const short = await askSignal(signalMessages("BTCUSDT", selloff, TREND));
  assert.equal(long.position, "long");
  assert.equal(long.priceOpen, rally["1m"].at(-1).close);
  assert.ok(long.priceTakeProfit > long.priceOpen && long.priceOpen > long.priceStopLoss);
  assert.equal(short.position, "short");
  assert.equal(short.priceOpen, selloff["1m"].at(-1).close);
  assert.ok(short.priceStopLoss > short.priceOpen && short.priceOpen > short.priceTakeProfit);
});

test("the last parameters line wins; without one the defaults are used and the note says so", async () => {
  const candles = synthetic({ m1: rising(20_300, 0.5), m5: rising(20_000, 10), h1: rising(19_000, 50) });
  const messages = signalMessages("BTCUSDT", candles, TREND);
  messages.splice(1, 0, { role: "assistant", content: REVERSION.replace("holdMinutes=90", "holdMinutes=45") });
  assert.equal((await askSignal(messages)).minuteEstimatedTime, 180, "the trend line comes after the reversion line");
  const defaults = await askSignal(signalMessages("BTCUSDT", candles, "Trade the trend."));
  assert.equal(defaults.minuteEstimatedTime, 240);
  assert.ok(distance(defaults.priceTakeProfit, defaults.priceOpen) >= 1.2);
  assert.match(defaults.note, /no BASELINE PARAMETERS: line, so the defaults are used/);
});

test("a malformed parameters line falls back to the defaults, naming the field and value", async () => {
  const candles = synthetic({ m1: rising(20_300, 0.5), m5: rising(20_000, 10), h1: rising(19_000, 50) });
  const signal = await askSignal(signalMessages("BTCUSDT", candles, TREND.replace("stopLossPercent=0.75", "stopLossPercent=9")));
  assert.equal(signal.minuteEstimatedTime, 240);
  assert.match(signal.note, /stopLossPercent must be above 0 and at most 5, got "9"/);
});

test("format \"json\" is the signal question too, and a re-ask gets the same answer", async () => {
  const candles = synthetic({ m1: rising(20_300, 0.5), m5: rising(20_000, 10), h1: rising(19_000, 50) });
  const messages = signalMessages("BTCUSDT", candles, TREND);
  const first = await askSignal(messages, "json");
  const reAsk = await askSignal([
    ...messages,
    { role: "assistant", content: JSON.stringify(first) },
    { role: "user", content: "priceTakeProfit is too close to the entry price; answer again with valid JSON." },
  ]);
  assert.deepEqual(reAsk, first);
});

test("without 5m candles the finest series is the main one; small prices keep their digits", async () => {
  const candles = { "15m": syntheticCandles("15m", 24, END, rising(0.05, 0.0001)) };
  const signal = await askSignal(signalMessages("DOGEUSDT", candles, TREND));
  assert.equal(signal.position, "long");
  assert.match(signal.note, /15m EMA9/);
  assert.equal(signal.priceOpen, candles["15m"].at(-1).close);
  assert.ok(signal.priceTakeProfit > signal.priceOpen && signal.priceOpen > signal.priceStopLoss && signal.priceStopLoss > 0);
  assert.ok(distance(signal.priceTakeProfit, signal.priceOpen) >= 1.5);
});
