// Rule 10: invalid signals are reported via listenValidation and listenError (naming the
// strategy and the field), produce no trade, and the run goes on: the next valid signal trades.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { T0, at, series, setupBacktest, collect, flush, mentions, DEFAULT_CONFIG } from "../helpers/synthetic.mjs";

const { Backtest, setConfig, listenValidation, listenError, listenSignalBacktest } = lib;
const SYMBOL = "BTCUSDT";

after(() => setConfig({ ...DEFAULT_CONFIG }));

const long = (extra = {}) => ({ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60, ...extra });
const short = (extra = {}) => ({ position: "short", priceTakeProfit: 90, priceStopLoss: 110, minuteEstimatedTime: 60, ...extra });

/** Average price is 100 at every tick (flat series). */
const CASES = [
  ["position 'LONG' (wrong case)", "position", long({ position: "LONG" })],
  ["position 'wait'", "position", long({ position: "wait" })],
  ["position undefined", "position", long({ position: undefined })],
  ["priceTakeProfit as a string", "priceTakeProfit", long({ priceTakeProfit: "110" })],
  ["priceStopLoss as a string", "priceStopLoss", long({ priceStopLoss: "90" })],
  ["priceOpen as a string", "priceOpen", long({ priceOpen: "100" })],
  ["priceOpen 0", "priceOpen", long({ priceOpen: 0 })],
  ["priceOpen negative", "priceOpen", long({ priceOpen: -5 })],
  ["priceTakeProfit NaN", "priceTakeProfit", long({ priceTakeProfit: NaN })],
  ["priceStopLoss Infinity", "priceStopLoss", short({ priceStopLoss: Infinity })],
  ["priceStopLoss negative", "priceStopLoss", long({ priceStopLoss: -1 })],
  ["minuteEstimatedTime NaN", "minuteEstimatedTime", long({ minuteEstimatedTime: NaN })],
  ["minuteEstimatedTime 0", "minuteEstimatedTime", long({ minuteEstimatedTime: 0 })],
  ["minuteEstimatedTime negative", "minuteEstimatedTime", long({ minuteEstimatedTime: -5 })],
  ["minuteEstimatedTime above the 1440 max", "minuteEstimatedTime", long({ minuteEstimatedTime: 1441 })],
  ["minuteEstimatedTime as a string", "minuteEstimatedTime", long({ minuteEstimatedTime: "60" })],
  ["long TP below entry", "priceTakeProfit", long({ priceTakeProfit: 95 })],
  ["long SL above entry", "priceStopLoss", long({ priceStopLoss: 105 })],
  ["short TP above entry", "priceTakeProfit", short({ priceTakeProfit: 105 })],
  ["short SL below entry", "priceStopLoss", short({ priceStopLoss: 95 })],
  ["long TP too close (0.05% < 0.1%)", "priceTakeProfit", long({ priceTakeProfit: 100.05 })],
  ["short TP too close (0.05% < 0.1%)", "priceTakeProfit", short({ priceTakeProfit: 99.95 })],
  ["long SL too far (21% > 20%)", "priceStopLoss", long({ priceStopLoss: 79 })],
  ["short SL too far (21% > 20%)", "priceStopLoss", short({ priceStopLoss: 121 })],
  ["scheduled long TP too close to priceOpen 95", "priceTakeProfit", long({ priceOpen: 95, priceTakeProfit: 95.05, priceStopLoss: 90 })],
  ["scheduled long SL above priceOpen 95", "priceStopLoss", long({ priceOpen: 95, priceTakeProfit: 105, priceStopLoss: 96 })],
];

/** Runs [invalid, valid] and gathers what each channel saw for this strategy. */
const runInvalidThenValid = async (invalid, label = "val") => {
  const valid = long({ minuteEstimatedTime: 2 });
  const setup = setupBacktest(lib, {
    label,
    candles: series({ tail: 30 }),
    startDate: T0,
    endDate: at(4),
    signals: [invalid, valid],
  });
  const validation = [];
  const errors = [];
  const signals = [];
  const stops = [
    listenValidation((e) => { if (mentions(e, setup.strategyName)) validation.push(e); }),
    listenError((e) => { if (mentions(e, setup.strategyName)) errors.push(e); }),
    listenSignalBacktest((e) => { if (e?.strategyName === setup.strategyName) signals.push(e); }),
  ];
  try {
    const results = await collect(Backtest.run(SYMBOL, setup.ctx));
    await flush();
    return { setup, results, validation, errors, signals };
  } finally {
    stops.forEach((stop) => stop());
  }
};

for (const [title, field, signal] of CASES) {
  test(`invalid signal: ${title} -> listenValidation + listenError naming strategy and ${field}; run goes on`, async () => {
    const { setup, results, validation, errors, signals } = await runInvalidThenValid(signal);
    assert.equal(validation.length, 1, "one validation event");
    assert.ok(validation[0] instanceof Error, "validation event is an Error");
    assert.ok(validation[0].message.includes(setup.strategyName), `message names the strategy: ${validation[0].message}`);
    assert.ok(validation[0].message.includes(field), `message names ${field}: ${validation[0].message}`);
    assert.equal(errors.length, 1, "one error event");
    assert.ok(errors[0] instanceof Error, "error event is an Error");
    assert.ok(errors[0].message.includes(field), `error names ${field}: ${errors[0].message}`);
    // no trade from the invalid signal, the next valid one (asked at T0+1m) trades
    assert.deepEqual(setup.signalCalls, [T0, at(1), at(3), at(4)]);
    assert.equal(results.length, 1);
    assert.equal(results[0].signal.pendingAt, at(1));
    assert.equal(results[0].closeReason, "time_expired");
    assert.equal(results[0].closeTimestamp, at(3));
    const opened = signals.filter((e) => e.action === "opened" || e.action === "scheduled");
    assert.equal(opened.length, 1, "only the valid signal was opened or scheduled");
  });
}

test("signals at the edges are valid: lifetime = max, SL 19% away, TP 0.2% away", async () => {
  const { results, validation, errors } = await runInvalidThenValid(long({ priceTakeProfit: 100.2, priceStopLoss: 81, minuteEstimatedTime: 1440 }), "edge");
  assert.deepEqual(validation, []);
  assert.deepEqual(errors, []);
  assert.equal(results.length, 1, "one trade (the second signal is never asked: the first is still open)");
  assert.equal(results[0].signal.pendingAt, T0);
  assert.equal(results[0].closeReason, "time_expired");
});

test("CC_MAX_SIGNAL_LIFETIME_MINUTES is honoured: 30 makes lifetime 31 invalid", async (t) => {
  setConfig({ CC_MAX_SIGNAL_LIFETIME_MINUTES: 30 });
  t.after(() => setConfig({ CC_MAX_SIGNAL_LIFETIME_MINUTES: DEFAULT_CONFIG.CC_MAX_SIGNAL_LIFETIME_MINUTES }));
  const { validation, results } = await runInvalidThenValid(long({ minuteEstimatedTime: 31 }), "life");
  assert.equal(validation.length, 1);
  assert.ok(validation[0].message.includes("minuteEstimatedTime"));
  assert.equal(results.length, 1);
  assert.equal(results[0].signal.pendingAt, at(1));
});

test("CC_MIN_TAKEPROFIT_DISTANCE_PERCENT is honoured: 5 makes a 3% TP invalid", async (t) => {
  setConfig({ CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: 5 });
  t.after(() => setConfig({ CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: DEFAULT_CONFIG.CC_MIN_TAKEPROFIT_DISTANCE_PERCENT }));
  const { validation, results } = await runInvalidThenValid(long({ priceTakeProfit: 103 }), "tpd");
  assert.equal(validation.length, 1);
  assert.ok(validation[0].message.includes("priceTakeProfit"));
  assert.equal(results.length, 1);
  assert.equal(results[0].signal.pendingAt, at(1));
});

test("a null signal is no signal: no validation, no error, no trade", async () => {
  const { validation, errors, results, setup } = await runInvalidThenValid(null, "null");
  assert.deepEqual(validation, []);
  assert.deepEqual(errors, []);
  assert.equal(results.length, 1);
  assert.deepEqual(setup.signalCalls.slice(0, 2), [T0, at(1)]);
});
