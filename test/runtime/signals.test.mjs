// Rules 4-9: throttle, entry, scheduled signals, closing, next tick after close, PnL.
// Prices are flat 100 (volume 1) unless a row says otherwise, so the average price is 100.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import {
  MIN, T0, at, candles1m, flat, series, expectedPnl, setupBacktest, collect, flush,
  DEFAULT_CONFIG,
} from "../helpers/synthetic.mjs";

const { Backtest, setConfig, listenSignalBacktest } = lib;
const SYMBOL = "BTCUSDT";

after(() => setConfig({ ...DEFAULT_CONFIG }));

const near = (actual, expected, label = "", eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) < eps, `${label} expected ${expected}, got ${actual}`);

const long = (extra = {}) => ({ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60, ...extra });
const short = (extra = {}) => ({ position: "short", priceTakeProfit: 90, priceStopLoss: 110, minuteEstimatedTime: 60, ...extra });

/** Runs a backtest, collecting run results and this strategy's signal events. */
const runCase = async (options) => {
  const setup = setupBacktest(lib, { label: "sig", ...options });
  const events = [];
  const stop = listenSignalBacktest((event) => {
    if (event?.strategyName === setup.strategyName || event?.signal?.strategyName === setup.strategyName) events.push(event);
  });
  try {
    const results = await collect(Backtest.run(SYMBOL, setup.ctx));
    await flush();
    const actions = events.map((e) => e.action).filter((a) => ["scheduled", "opened", "closed", "cancelled"].includes(a));
    return { ...setup, results, events, actions };
  } finally {
    stop();
  }
};

const only = (results) => {
  assert.equal(results.length, 1, `expected exactly one closed result, got ${results.length}`);
  assert.equal(results[0].action, "closed");
  return results[0];
};

// ---------------------------------------------------------------- throttle (rule 4)

test("throttle: a 5m strategy on a 1m frame is asked at T0, T0+5m, T0+10m", async () => {
  const r = await runCase({ candles: series({ tail: 30 }), strategyInterval: "5m", startDate: T0, endDate: at(12) });
  assert.deepEqual(r.signalCalls, [T0, at(5), at(10)]);
});

test("throttle: a 15m strategy on a 5m frame is asked every third tick", async () => {
  const r = await runCase({ candles: series({ tail: 40 }), strategyInterval: "15m", frameInterval: "5m", startDate: T0, endDate: at(30) });
  assert.deepEqual(r.signalCalls, [T0, at(15), at(30)]);
});

test("throttle: after a close the next call still waits for the strategy interval since the last call", async () => {
  // opened at T0, take profit on the T0+1m candle -> closed at T0+2m; next call only at T0+5m
  const r = await runCase({
    candles: series({ rows: [100, [100, 111, 100, 100]], tail: 30 }),
    strategyInterval: "5m",
    startDate: T0,
    endDate: at(12),
    signals: [long()],
  });
  assert.equal(only(r.results).closeTimestamp, at(2));
  assert.deepEqual(r.signalCalls, [T0, at(5), at(10)]);
});

test("throttle state belongs to a run: a second run asks again at its first tick", async () => {
  const setup = setupBacktest(lib, { label: "sig", candles: series({ tail: 30 }), strategyInterval: "1h", startDate: T0, endDate: at(2) });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.deepEqual(setup.signalCalls, [T0, T0]);
});

// ---------------------------------------------------------------- entry (rule 5) and closing (rule 7)

test("market entry opens at `when` at the average price; take profit closes at TP on the touching candle's close time", async () => {
  // last 5 candles before T0: closes 100, 100, 102, 102, 101 -> avg 101
  const candles = candles1m(at(-30), [
    ...flat(100, 25), 100, 100, 102, 102, 101,
    100, 100, 100, [100, 111, 100, 100], ...flat(100, 30),
  ]);
  const r = await runCase({ candles, startDate: T0, endDate: at(6), signals: [long()] });
  const closed = only(r.results);
  assert.equal(closed.closeReason, "take_profit");
  assert.equal(closed.signal.priceOpen, 101);
  assert.equal(closed.signal.position, "long");
  assert.equal(closed.signal.scheduledAt, T0);
  assert.equal(closed.signal.pendingAt, T0);
  assert.equal(closed.currentPrice, 110);
  assert.equal(closed.closeTimestamp, at(4));
  assert.equal(closed.pnl.priceOpen, 101);
  assert.equal(closed.pnl.priceClose, 110);
  near(closed.pnl.pnlPercentage, expectedPnl("long", 101, 110), "pnl");
  assert.equal(closed.strategyName, r.strategyName);
  assert.equal(closed.exchangeName, r.exchangeName);
  assert.equal(closed.symbol, SYMBOL);
  assert.equal(closed.signal.strategyName, r.strategyName);
  assert.equal(closed.signal.exchangeName, r.exchangeName);
  assert.equal(closed.signal.symbol, SYMBOL);
  assert.deepEqual(r.actions, ["opened", "closed"]);
  // rule 8: closed at T0+4m -> the next tick processed is T0+4m
  assert.deepEqual(r.signalCalls, [T0, at(4), at(5), at(6)]);
});

test("the candle opening at `when` is the first watched candle", async () => {
  const r = await runCase({ candles: series({ rows: [[100, 111, 100, 100]], tail: 30 }), signals: [long()] });
  const closed = only(r.results);
  assert.equal(closed.closeReason, "take_profit");
  assert.equal(closed.closeTimestamp, at(1));
});

test("long priceOpen already reached (avg <= priceOpen) opens immediately at priceOpen", async () => {
  const r = await runCase({
    candles: series({ rows: [100, 100, [100, 116, 100, 100]], tail: 30 }),
    signals: [long({ priceOpen: 105, priceTakeProfit: 115, priceStopLoss: 95 })],
  });
  const closed = only(r.results);
  assert.equal(closed.signal.priceOpen, 105);
  assert.equal(closed.signal.pendingAt, T0);
  assert.equal(closed.closeReason, "take_profit");
  assert.equal(closed.currentPrice, 115);
  assert.equal(closed.closeTimestamp, at(3));
  near(closed.pnl.pnlPercentage, expectedPnl("long", 105, 115));
  assert.deepEqual(r.actions, ["opened", "closed"]);
});

test("short priceOpen already reached (avg >= priceOpen) opens immediately at priceOpen", async () => {
  const r = await runCase({
    candles: series({ rows: [100, [100, 100, 84, 90]], tail: 30 }),
    signals: [short({ priceOpen: 95, priceTakeProfit: 85, priceStopLoss: 105 })],
  });
  const closed = only(r.results);
  assert.equal(closed.signal.priceOpen, 95);
  assert.equal(closed.signal.pendingAt, T0);
  assert.equal(closed.closeReason, "take_profit");
  assert.equal(closed.currentPrice, 85);
  assert.equal(closed.closeTimestamp, at(2));
  near(closed.pnl.pnlPercentage, expectedPnl("short", 95, 85));
});

// ---------------------------------------------------------------- scheduled (rule 6)

test("scheduled long activates on the candle whose low reaches priceOpen; pendingAt = that candle's close", async () => {
  const calls = { schedule: 0, open: 0, close: [] };
  const r = await runCase({
    candles: series({
      rows: [[100, 100, 99, 100], [100, 100, 98, 99], [99, 100, 94.5, 96], 100, 100, [100, 106, 100, 100]],
      tail: 30,
    }),
    endDate: at(8),
    signals: [long({ priceOpen: 95, priceTakeProfit: 105 })],
    strategyCallbacks: {
      onSchedule: () => { calls.schedule++; },
      onOpen: () => { calls.open++; },
      onClose: (symbol, signal, priceClose, backtest) => { calls.close.push({ symbol, priceClose, backtest }); },
    },
  });
  const closed = only(r.results);
  assert.equal(closed.signal.scheduledAt, T0);
  assert.equal(closed.signal.pendingAt, at(3));
  assert.equal(closed.signal.priceOpen, 95);
  assert.equal(closed.closeReason, "take_profit");
  assert.equal(closed.currentPrice, 105);
  assert.equal(closed.closeTimestamp, at(6));
  near(closed.pnl.pnlPercentage, expectedPnl("long", 95, 105));
  assert.deepEqual(r.actions, ["scheduled", "opened", "closed"]);
  assert.deepEqual(r.signalCalls, [T0, at(6), at(7), at(8)]);
  assert.equal(calls.schedule, 1);
  assert.equal(calls.open, 1);
  assert.deepEqual(calls.close, [{ symbol: SYMBOL, priceClose: 105, backtest: true }]);
});

test("scheduled long: a candle touching SL (and priceOpen) before activation cancels at that candle's close", async () => {
  const cancels = [];
  const r = await runCase({
    candles: series({ rows: [[100, 100, 99, 100], [100, 100, 89, 95], [95, 96, 80, 90]], tail: 30 }),
    endDate: at(3),
    signals: [long({ priceOpen: 95 })],
    strategyCallbacks: { onCancel: (symbol, signal, price, backtest) => cancels.push({ symbol, backtest }) },
  });
  assert.equal(r.results.length, 0, "a cancelled signal is not a trade");
  assert.deepEqual(r.actions, ["scheduled", "cancelled"]);
  const cancelled = r.events.find((e) => e.action === "cancelled");
  assert.equal(cancelled.closeTimestamp, at(2));
  assert.deepEqual(cancels, [{ symbol: SYMBOL, backtest: true }]);
  assert.deepEqual(r.signalCalls, [T0, at(2), at(3)]);
});

test("scheduled short activates on high >= priceOpen and is cancelled by high >= SL first", async () => {
  const activated = await runCase({
    candles: series({ rows: [100, [100, 105.5, 100, 101], 100, [100, 100, 94, 96]], tail: 30 }),
    endDate: at(4),
    signals: [short({ priceOpen: 105, priceTakeProfit: 95 })],
  });
  const closed = only(activated.results);
  assert.equal(closed.signal.pendingAt, at(2));
  assert.equal(closed.signal.priceOpen, 105);
  assert.equal(closed.closeReason, "take_profit");
  assert.equal(closed.currentPrice, 95);
  assert.equal(closed.closeTimestamp, at(4));
  near(closed.pnl.pnlPercentage, expectedPnl("short", 105, 95));
  assert.deepEqual(activated.actions, ["scheduled", "opened", "closed"]);

  const cancelled = await runCase({
    candles: series({ rows: [100, [100, 111, 100, 105], 100], tail: 30 }),
    endDate: at(2),
    signals: [short({ priceOpen: 105, priceTakeProfit: 95 })],
  });
  assert.equal(cancelled.results.length, 0);
  assert.deepEqual(cancelled.actions, ["scheduled", "cancelled"]);
  assert.equal(cancelled.events.find((e) => e.action === "cancelled").closeTimestamp, at(2));
});

test("scheduled signal not activated within CC_SCHEDULE_AWAIT_MINUTES is cancelled at when + await", async (t) => {
  setConfig({ CC_SCHEDULE_AWAIT_MINUTES: 10 });
  t.after(() => setConfig({ CC_SCHEDULE_AWAIT_MINUTES: DEFAULT_CONFIG.CC_SCHEDULE_AWAIT_MINUTES }));
  // the candle at T0+10m would activate, but it is outside the 10 awaited candles (T0 .. T0+9m)
  const rows = [...flat(100, 10), [100, 100, 94, 96], ...flat(100, 5)];
  const r = await runCase({ candles: series({ rows, tail: 30 }), endDate: at(12), signals: [long({ priceOpen: 95 })] });
  assert.equal(r.results.length, 0);
  assert.deepEqual(r.actions, ["scheduled", "cancelled"]);
  assert.equal(r.events.find((e) => e.action === "cancelled").closeTimestamp, at(10));
  assert.deepEqual(r.signalCalls, [T0, at(10), at(11), at(12)]);
});

test("scheduled signal activated on the last awaited candle opens (pendingAt = when + await)", async (t) => {
  setConfig({ CC_SCHEDULE_AWAIT_MINUTES: 10 });
  t.after(() => setConfig({ CC_SCHEDULE_AWAIT_MINUTES: DEFAULT_CONFIG.CC_SCHEDULE_AWAIT_MINUTES }));
  const rows = [...flat(100, 9), [100, 100, 94, 96], 100, 100];
  const r = await runCase({
    candles: series({ rows, tail: 30 }),
    endDate: at(10),
    signals: [long({ priceOpen: 95, priceTakeProfit: 105, minuteEstimatedTime: 2 })],
  });
  const closed = only(r.results);
  assert.equal(closed.signal.pendingAt, at(10));
  assert.equal(closed.closeReason, "time_expired");
  assert.equal(closed.closeTimestamp, at(12));
  assert.equal(closed.currentPrice, 100);
  assert.deepEqual(r.actions, ["scheduled", "opened", "closed"]);
});

// ---------------------------------------------------------------- close reasons (rule 7)

test("long stop loss closes at SL", async () => {
  const r = await runCase({ candles: series({ rows: [100, [100, 100, 89, 95]], tail: 30 }), signals: [long()] });
  const closed = only(r.results);
  assert.equal(closed.closeReason, "stop_loss");
  assert.equal(closed.currentPrice, 90);
  assert.equal(closed.closeTimestamp, at(2));
  // o = 100.1, c = 89.91 -> -10.18/100.1*100 - 0.2
  near(closed.pnl.pnlPercentage, ((89.91 - 100.1) / 100.1) * 100 - 0.2, "pnl", 1e-9);
});

test("long: a candle touching both SL and TP closes as stop_loss", async () => {
  const r = await runCase({ candles: series({ rows: [100, [100, 111, 89, 100]], tail: 30 }), signals: [long()] });
  const closed = only(r.results);
  assert.equal(closed.closeReason, "stop_loss");
  assert.equal(closed.currentPrice, 90);
  assert.equal(closed.closeTimestamp, at(2));
});

test("short take profit / stop loss / both (SL wins) mirror the long rules", async () => {
  const tp = only((await runCase({ candles: series({ rows: [100, [100, 100, 89, 95]], tail: 30 }), signals: [short()] })).results);
  assert.equal(tp.closeReason, "take_profit");
  assert.equal(tp.currentPrice, 90);
  assert.equal(tp.closeTimestamp, at(2));
  // o = 99.9, c = 90.09 -> 9.81/99.9*100 - 0.2
  near(tp.pnl.pnlPercentage, ((99.9 - 90.09) / 99.9) * 100 - 0.2, "short tp pnl");

  const sl = only((await runCase({ candles: series({ rows: [[100, 111, 100, 105]], tail: 30 }), signals: [short()] })).results);
  assert.equal(sl.closeReason, "stop_loss");
  assert.equal(sl.currentPrice, 110);
  assert.equal(sl.closeTimestamp, at(1));
  near(sl.pnl.pnlPercentage, expectedPnl("short", 100, 110), "short sl pnl");

  const both = only((await runCase({ candles: series({ rows: [100, 100, [100, 111, 89, 100]], tail: 30 }), signals: [short()] })).results);
  assert.equal(both.closeReason, "stop_loss");
  assert.equal(both.currentPrice, 110);
  assert.equal(both.closeTimestamp, at(3));
});

test("time_expired at openedAt + lifetime with the last watched candle's close", async () => {
  const rows = [
    [100, 101, 99.5, 100.5], [100.5, 101.5, 100, 101], [101, 102, 100.5, 101.5], [101.5, 102.5, 101, 102],
    [102, 103, 101.5, 102.5],
    [102.5, 109, 102, 107], // T0+5m: outside the 5 watched minutes
  ];
  const r = await runCase({ candles: series({ rows, tail: 30 }), endDate: at(6), signals: [long({ minuteEstimatedTime: 5 })] });
  const closed = only(r.results);
  assert.equal(closed.closeReason, "time_expired");
  assert.equal(closed.closeTimestamp, at(5));
  assert.equal(closed.currentPrice, 102.5);
  near(closed.pnl.pnlPercentage, expectedPnl("long", 100, 102.5));
  assert.deepEqual(r.signalCalls, [T0, at(5), at(6)]);
});

test("data ending before the lifetime closes time_expired at the last available close", async () => {
  const candles = candles1m(at(-30), [...flat(100, 30), [100, 101, 99, 100.5], [100.5, 101, 100, 101], [101, 104, 100, 103]]);
  const r = await runCase({ candles, signals: [long()] });
  const closed = only(r.results);
  assert.equal(closed.closeReason, "time_expired");
  assert.equal(closed.currentPrice, 103);
  near(closed.pnl.pnlPercentage, expectedPnl("long", 100, 103));
});

// ---------------------------------------------------------------- next tick (rule 8)

test("after a close at C a coarse frame skips the first tick at or after the open of the signal's last candle, as 1.4 did (5m frame)", async () => {
  const cases = [
    // TP on the T0+6m candle -> closed at T0+7m; the first tick at or after T0+6m is T0+10m: skipped
    { flatMinutes: 6, closed: at(7), calls: [T0, at(15)] },
    // TP on the T0+4m candle -> closed at T0+5m; the first tick at or after T0+4m is T0+5m: skipped
    { flatMinutes: 4, closed: at(5), calls: [T0, at(10), at(15)] },
    // TP on the T0+5m candle -> closed at T0+6m; its open is the T0+5m tick: skipped, T0+10m is asked
    { flatMinutes: 5, closed: at(6), calls: [T0, at(10), at(15)] },
  ];
  for (const { flatMinutes, closed, calls } of cases) {
    const r = await runCase({
      candles: series({ rows: [...flat(100, flatMinutes), [100, 111, 100, 100]], tail: 30 }),
      frameInterval: "5m",
      endDate: at(15),
      signals: [long()],
    });
    assert.equal(only(r.results).closeTimestamp, closed, `TP on the T0+${flatMinutes}m candle`);
    assert.deepEqual(r.signalCalls, calls, `TP on the T0+${flatMinutes}m candle`);
  }
});

test("two signals in sequence: the second opens at the tick of the first one's close", async () => {
  const r = await runCase({
    candles: series({ rows: [100, [100, 111, 100, 100], 100, [100, 100, 89, 100]], tail: 30 }),
    endDate: at(5),
    signals: [long(), long()],
  });
  assert.equal(r.results.length, 2);
  assert.deepEqual(r.results.map((x) => [x.closeReason, x.signal.pendingAt, x.closeTimestamp]), [
    ["take_profit", T0, at(2)],
    ["stop_loss", at(2), at(4)],
  ]);
  assert.deepEqual(r.signalCalls, [T0, at(2), at(4), at(5)]);
});

// ---------------------------------------------------------------- PnL (rule 9)

test("PnL with default fee and slippage: long 100 -> 110 and short 100 -> 90 by hand", async () => {
  const l = only((await runCase({ candles: series({ rows: [[100, 111, 100, 100]], tail: 30 }), signals: [long()] })).results);
  // o = 100.1, c = 109.89, (9.79/100.1)*100 - 0.2 = 9.58021978...
  near(l.pnl.pnlPercentage, 9.580219780219781, "long pnl", 1e-9);
  const s = only((await runCase({ candles: series({ rows: [[100, 100, 89, 100]], tail: 30 }), signals: [short()] })).results);
  // o = 99.9, c = 90.09, (9.81/99.9)*100 - 0.2 = 9.61981981...
  near(s.pnl.pnlPercentage, 9.619819819819818, "short pnl", 1e-9);
});

test("PnL with CC_PERCENT_FEE 0 and CC_PERCENT_SLIPPAGE 0 is the plain price change", async (t) => {
  setConfig({ CC_PERCENT_FEE: 0, CC_PERCENT_SLIPPAGE: 0 });
  t.after(() => setConfig({ CC_PERCENT_FEE: DEFAULT_CONFIG.CC_PERCENT_FEE, CC_PERCENT_SLIPPAGE: DEFAULT_CONFIG.CC_PERCENT_SLIPPAGE }));
  const l = only((await runCase({ candles: series({ rows: [[100, 111, 100, 100]], tail: 30 }), signals: [long()] })).results);
  near(l.pnl.pnlPercentage, 10, "long");
  const lsl = only((await runCase({ candles: series({ rows: [[100, 100, 89, 100]], tail: 30 }), signals: [long()] })).results);
  near(lsl.pnl.pnlPercentage, -10, "long sl");
  const s = only((await runCase({ candles: series({ rows: [[100, 100, 89, 100]], tail: 30 }), signals: [short()] })).results);
  near(s.pnl.pnlPercentage, 10, "short");
  const ssl = only((await runCase({ candles: series({ rows: [[100, 111, 100, 100]], tail: 30 }), signals: [short()] })).results);
  near(ssl.pnl.pnlPercentage, -10, "short sl");
});

test("only the fee: CC_PERCENT_SLIPPAGE 0 with CC_PERCENT_FEE 0.5 subtracts 1% per trade", async (t) => {
  setConfig({ CC_PERCENT_FEE: 0.5, CC_PERCENT_SLIPPAGE: 0 });
  t.after(() => setConfig({ CC_PERCENT_FEE: DEFAULT_CONFIG.CC_PERCENT_FEE, CC_PERCENT_SLIPPAGE: DEFAULT_CONFIG.CC_PERCENT_SLIPPAGE }));
  const l = only((await runCase({ candles: series({ rows: [[100, 111, 100, 100]], tail: 30 }), signals: [long()] })).results);
  near(l.pnl.pnlPercentage, 9, "long");
});
