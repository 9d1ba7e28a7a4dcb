// End-to-end backtests of three deterministic strategies on the real BTCUSDT 1m series
// (2023-03-10T00:00Z .. 2023-03-13T00:00Z, 1m frame), checked against an independent
// minute-by-minute oracle and against numbers read by hand from the CSV.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  listenSignalBacktest,
  listenValidation,
  listenError,
} from "../../build/index.mjs";
import { loadSeries, seriesOf, lowerBound, createSeriesExchange } from "../helpers/series.mjs";
import {
  EMA_CROSS,
  BREAKOUT,
  SCHEDULED_LIMIT,
  createEmaCrossStrategy,
  createBreakoutStrategy,
  createScheduledLimitStrategy,
  simulate,
  statsOf,
  intervalMs,
} from "../helpers/strategies.mjs";

const SYMBOL = "BTCUSDT";
const MIN = 60_000;
const START = Date.parse("2023-03-10T00:00:00Z");
const END = Date.parse("2023-03-13T00:00:00Z");
const EXCHANGE = "e2e-strategies-series";
const FRAME = "e2e-strategies-0310-0313";
const t = (iso) => Date.parse(iso);

const KINDS = {
  emaCross: { def: EMA_CROSS, create: createEmaCrossStrategy, name: "e2e-ema-cross-5m" },
  breakout: { def: BREAKOUT, create: createBreakoutStrategy, name: "e2e-breakout-15m" },
  scheduledLimit: { def: SCHEDULED_LIMIT, create: createScheduledLimitStrategy, name: "e2e-scheduled-limit-1h" },
};

const events = [];
const validationErrors = [];
const errors = [];
const runs = {};

/** Relative closeness of two prices / pnl values. */
const close = (actual, expected, tolerance, message) => {
  assert.ok(
    Number.isFinite(actual) && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message}: expected ${expected}, got ${actual}`
  );
};

before(async () => {
  listenSignalBacktest((event) => events.push(event));
  listenValidation((error) => validationErrors.push(error));
  listenError((error) => errors.push(error));
  addExchange(createSeriesExchange(EXCHANGE));
  addFrame({ frameName: FRAME, interval: "1m", startDate: new Date(START), endDate: new Date(END) });

  const candles1m = loadSeries();
  for (const [kind, { def, create, name }] of Object.entries(KINDS)) {
    const records = [];
    const cancels = [];
    const opens = [];
    const schedules = [];
    addStrategy(
      create(name, {
        record: (entry) => records.push(entry),
        callbacks: {
          onCancel: (symbol, signal, price, backtest) => cancels.push({ symbol, signal, price, backtest }),
          onOpen: (symbol, signal, price, backtest) => opens.push({ symbol, signal, price, backtest }),
          onSchedule: (symbol, signal, price, backtest) => schedules.push({ symbol, signal, price, backtest }),
        },
      })
    );
    const results = [];
    for await (const result of Backtest.run(SYMBOL, { strategyName: name, exchangeName: EXCHANGE, frameName: FRAME })) {
      results.push(result);
    }
    const expected = simulate({ candles1m, startDate: START, endDate: END, strategy: def });
    runs[kind] = { name, def, records, cancels, opens, schedules, results, expected };
  }
});

const eventsOf = (name, action) => events.filter((e) => e.strategyName === name && e.action === action);
const ofKind = (kind) => runs[kind];
const findTrade = (kind, scheduledAtIso) => {
  const trade = ofKind(kind).results.find((r) => r.signal.scheduledAt === t(scheduledAtIso));
  assert.ok(trade, `${kind}: no closed trade produced at ${scheduledAtIso}`);
  return trade;
};

for (const kind of Object.keys(KINDS)) {
  test(`${kind}: the engine's closed trades equal the oracle's`, () => {
    const { name, results, expected } = ofKind(kind);
    assert.ok(expected.trades.length >= 10, "the window must produce trades for this test to mean something");
    assert.equal(results.length, expected.trades.length, "trade count");
    results.forEach((r, i) => {
      const e = expected.trades[i];
      const at = `trade ${i} (oracle scheduledAt ${new Date(e.scheduledAt).toISOString()})`;
      assert.equal(r.action, "closed", at);
      assert.equal(r.strategyName, name, at);
      assert.equal(r.exchangeName, EXCHANGE, at);
      assert.equal(r.symbol, SYMBOL, at);
      assert.equal(r.signal.position, e.position, at);
      assert.equal(new Date(r.signal.scheduledAt).toISOString(), new Date(e.scheduledAt).toISOString(), `${at} scheduledAt`);
      assert.equal(new Date(r.signal.pendingAt).toISOString(), new Date(e.pendingAt).toISOString(), `${at} pendingAt`);
      assert.equal(new Date(r.closeTimestamp).toISOString(), new Date(e.closeTimestamp).toISOString(), `${at} closeTimestamp`);
      assert.equal(r.closeReason, e.closeReason, `${at} closeReason`);
      close(r.signal.priceOpen, e.priceOpen, 1e-12, `${at} priceOpen`);
      close(r.pnl.priceOpen, e.priceOpen, 1e-12, `${at} pnl.priceOpen`);
      close(r.currentPrice, e.priceClose, 1e-12, `${at} currentPrice`);
      close(r.pnl.priceClose, e.priceClose, 1e-12, `${at} pnl.priceClose`);
      close(r.pnl.pnlPercentage, e.pnl, 1e-9, `${at} pnl`);
      assert.equal(r.signal.priceTakeProfit, e.priceTakeProfit, `${at} TP`);
      assert.equal(r.signal.priceStopLoss, e.priceStopLoss, `${at} SL`);
      assert.equal(r.signal.minuteEstimatedTime, e.minuteEstimatedTime, `${at} lifetime`);
    });
    assert.deepEqual(expected.invalid, [], "the oracle sees no invalid signal");
    assert.deepEqual(
      validationErrors.filter((err) => String(err?.message).includes(name)).map((err) => err.message),
      [],
      "no validation error for this strategy"
    );
    assert.deepEqual(
      errors.filter((err) => String(err?.message).includes(name)).map((err) => err.message),
      [],
      "no error for this strategy"
    );
  });

  test(`${kind}: getSignal is called exactly at the oracle's ticks (throttle, next tick after close/cancel)`, () => {
    const { records, expected, def, results } = ofKind(kind);
    const iso = (ms) => new Date(ms).toISOString();
    assert.deepEqual(records.map((r) => iso(r.when)), expected.calls.map(iso));
    // Independently of the oracle: while idle, successive calls are exactly one strategy interval apart;
    // after a position closes (or a scheduled signal is cancelled) at C, the next call is at
    // max(C, lastCall + interval) rounded up to the frame's minute grid.
    const step = intervalMs(def.interval);
    const ends = [
      ...results.map((r) => ({ from: r.signal.scheduledAt, to: r.closeTimestamp })),
      ...eventsOf(ofKind(kind).name, "cancelled").map((c) => ({ from: c.signal.scheduledAt, to: c.closeTimestamp })),
    ];
    for (let i = 1; i < records.length; i++) {
      const previous = records[i - 1].when;
      const end = ends.find((e) => e.from === previous);
      const expectedNext = end ? Math.max(Math.ceil(end.to / MIN) * MIN, previous + step) : previous + step;
      assert.equal(iso(records[i].when), iso(expectedNext), `call ${i} after ${iso(previous)}`);
    }
  });

  test(`${kind}: no look-ahead: getCandles inside getSignal returns the n most recent closed candles, oldest first`, () => {
    const { records, def } = ofKind(kind);
    assert.ok(records.length > 0);
    for (const record of records) {
      assert.equal(record.date, record.when, "getDate() is the tick getSignal was called for");
      for (const [interval, n] of Object.entries(def.needs)) {
        const I = intervalMs(interval);
        const candles = record.candles[interval];
        const at = `${interval} at ${new Date(record.when).toISOString()}`;
        assert.equal(candles.length, n, `${at}: count`);
        const last = candles.at(-1);
        assert.ok(last.timestamp + I <= record.when, `${at}: last candle ${new Date(last.timestamp).toISOString()} is not closed`);
        assert.ok(last.timestamp + 2 * I > record.when, `${at}: last candle is not the most recent closed one`);
        candles.forEach((c, i) => {
          assert.equal(c.timestamp % I, 0, `${at}: aligned`);
          if (i > 0) assert.equal(c.timestamp - candles[i - 1].timestamp, I, `${at}: consecutive`);
        });
        // Values are the exchange's (aggregated from the 1m series), untouched.
        const source = seriesOf(interval);
        const from = lowerBound(source, candles[0].timestamp);
        assert.deepEqual(candles.map((c) => ({ ...c })), source.slice(from, from + n).map((c) => ({ ...c })), `${at}: values`);
      }
    }
  });

  test(`${kind}: statistics agree with the trade list`, async () => {
    const { name, results } = ofKind(kind);
    const stats = await Backtest.getData(SYMBOL, name);
    assert.equal(stats.totalSignals, results.length);
    assert.equal(stats.signalList.length, results.length);
    assert.deepEqual(
      stats.signalList.map((r) => [r.signal.id, r.closeTimestamp, r.pnl.pnlPercentage]),
      results.map((r) => [r.signal.id, r.closeTimestamp, r.pnl.pnlPercentage])
    );
    const expected = statsOf(results.map((r) => ({ pnl: r.pnl.pnlPercentage, pendingAt: r.signal.pendingAt, closeTimestamp: r.closeTimestamp })), { start: START, end: END + 60_000 });
    assert.equal(stats.winCount, expected.winCount);
    assert.equal(stats.lossCount, expected.lossCount);
    assert.equal(stats.winCount + stats.lossCount, results.length, "no zero-pnl trade in this window");
    close(stats.winRate, (stats.winCount / stats.totalSignals) * 100, 1e-12, "winRate");
    for (const key of ["avgPnl", "totalPnl", "stdDev", "sharpeRatio", "annualizedSharpeRatio", "certaintyRatio", "expectedYearlyReturns"]) {
      if (expected[key] === null) assert.equal(stats[key], null, key);
      else close(stats[key], expected[key], 1e-9, key);
    }
    assert.equal(stats.expectedYearlyReturns, expected.expectedYearlyReturns, "a 3-day range is not annualised");
  });

  test(`${kind}: getReport has the summary and one table row per trade`, async () => {
    const { name, results } = ofKind(kind);
    const report = await Backtest.getReport(SYMBOL, name);
    assert.ok(report.includes(`# Backtest Report: ${name}`));
    for (const needle of ["Closed signals:", "Win rate:", "Average PNL:", "Total PNL:"]) {
      assert.ok(report.includes(needle), `report lacks ${needle}`);
    }
    assert.match(report, new RegExp(`Closed signals:\\*\\*\\s*${results.length}\\b`));
    const tableRows = report
      .split("\n")
      .filter((line) => line.trim().startsWith("|"))
      .filter((line) => !/^\|[\s|:-]+\|$/.test(line.trim()));
    // header + one row per trade
    assert.equal(tableRows.length, results.length + 1);
    for (const r of results) {
      assert.equal(tableRows.filter((row) => row.includes(r.signal.id)).length, 1, `one row for ${r.signal.id}`);
    }
  });
}

test("scheduledLimit: cancellations are reported (events, onCancel), equal the oracle's, and are not yielded by run", () => {
  const { name, cancels, results, expected } = ofKind("scheduledLimit");
  const cancelled = eventsOf(name, "cancelled");
  assert.ok(expected.cancellations.length >= 5);
  const iso = (ms) => new Date(ms).toISOString();
  assert.deepEqual(
    cancelled.map((c) => [iso(c.signal.scheduledAt), iso(c.closeTimestamp)]),
    expected.cancellations.map((c) => [iso(c.scheduledAt), iso(c.closeTimestamp)])
  );
  cancelled.forEach((c, i) => close(c.signal.priceOpen, expected.cancellations[i].priceOpen, 1e-12, `cancel ${i} priceOpen`));
  assert.deepEqual(cancels.map((c) => c.signal.id), cancelled.map((c) => c.signal.id));
  assert.ok(cancels.every((c) => c.symbol === SYMBOL && c.backtest === true));
  assert.ok(results.every((r) => r.action === "closed"));
  const cancelledIds = new Set(cancelled.map((c) => c.signal.id));
  assert.ok(results.every((r) => !cancelledIds.has(r.signal.id)));
  // every scheduled signal either opened (and closed) or was cancelled
  const scheduled = eventsOf(name, "scheduled");
  assert.equal(scheduled.length, expected.trades.filter((tr) => tr.scheduled).length + expected.cancellations.length);
  assert.equal(eventsOf(name, "opened").length, expected.trades.length);
  assert.equal(eventsOf(name, "closed").length, expected.trades.length);
});

// ---------------------------------------------------------------------------------------
// Literal numbers checked by hand against the CSV rows (open_time,open,high,low,close,volume)
// ---------------------------------------------------------------------------------------

const FEE_SLIP = (position, po, pc) => {
  // default fee 0.1%, slippage 0.1% (rule 9), written out independently of the helpers
  if (position === "long") return ((pc * 0.999 - po * 1.001) / (po * 1.001)) * 100 - 0.2;
  return ((po * 0.999 - pc * 1.001) / (po * 0.999)) * 100 - 0.2;
};

test("stop_loss after a scheduled activation (limit long produced 2023-03-10 01:00)", () => {
  // 00:59 ... close 20121.80                      -> priceOpen = 20121.8 * 0.997 = 20061.4346
  // 01:02 low 20063.96, 01:03 low 20062.72 (both just above priceOpen: not reached)
  // 01:04 20057.67,20102.96,19964.99,20080.55     -> low <= priceOpen, > SL 19860.8203 -> opens at 01:05
  // 01:16 low 19893.26 (> SL); 01:17 20000... low 19840.46 <= SL 19860.8203 -> stop_loss at 01:18
  const r = findTrade("scheduledLimit", "2023-03-10T01:00:00Z");
  const po = 20121.8 * 0.997;
  close(r.signal.priceOpen, po, 1e-12, "priceOpen");
  close(po, 20061.4346, 1e-8, "hand value");
  assert.equal(r.signal.pendingAt, t("2023-03-10T01:05:00Z"));
  assert.equal(r.closeReason, "stop_loss");
  assert.equal(r.closeTimestamp, t("2023-03-10T01:18:00Z"));
  close(r.currentPrice, po * 0.99, 1e-12, "close price = SL");
  close(r.pnl.pnlPercentage, FEE_SLIP("long", po, po * 0.99), 1e-9, "pnl");
  close(r.pnl.pnlPercentage, (0.99 * 0.999 / 1.001 - 1) * 100 - 0.2, 1e-9, "pnl closed form");
  close(r.pnl.pnlPercentage, -1.3978, 1e-4, "pnl literal");
});

test("take_profit after a scheduled activation (limit long produced 2023-03-10 06:57, right after a cancellation)", () => {
  // 06:56 19899.45,19901.44,19874.62,19882.63       -> priceOpen = 19882.63 * 0.997 = 19822.9821
  // 06:57..07:05 lows 19874.02 19843.55 19856.09 19866.4 19884.17 19858.04 19859.32 19850.38 19842.05 (> priceOpen)
  // 07:06 19847.78,19865.78,19801.17,19809.16        -> activates, opens at 07:07
  // highs 07:07..07:36 all < TP 20021.2119 (07:34 20000.0, 07:36 20007.08)
  // 07:37 20007.38,20036.54,20007.36,20026.57       -> high >= TP -> take_profit at 07:38
  const r = findTrade("scheduledLimit", "2023-03-10T06:57:00Z");
  const po = 19882.63 * 0.997;
  close(po, 19822.9821, 1e-8, "hand value");
  close(r.signal.priceOpen, po, 1e-12, "priceOpen");
  assert.equal(r.signal.pendingAt, t("2023-03-10T07:07:00Z"));
  assert.equal(r.closeReason, "take_profit");
  assert.equal(r.closeTimestamp, t("2023-03-10T07:38:00Z"));
  close(r.currentPrice, po * 1.01, 1e-12, "close price = TP");
  close(r.pnl.pnlPercentage, FEE_SLIP("long", po, po * 1.01), 1e-9, "pnl");
  close(r.pnl.pnlPercentage, 0.5982, 1e-4, "pnl literal");
});

test("time_expired (limit long produced 2023-03-10 17:22, 180 min lifetime)", () => {
  // 17:21 19906.14,19946.03,19896.92,19938.24       -> priceOpen = 19938.24 * 0.997 = 19878.4253
  // 17:22 low 19891.54, 17:23 low 19883.92 (not reached); 17:24 low 19847.21 -> opens at 17:25
  // nothing hits TP 20077.2096 / SL 19679.6410 for 180 minutes -> closes at 17:25+180 = 20:25
  // 20:24 19982.68,19997.28,19982.17,19997.28       -> close price 19997.28
  const r = findTrade("scheduledLimit", "2023-03-10T17:22:00Z");
  const po = 19938.24 * 0.997;
  close(r.signal.priceOpen, po, 1e-12, "priceOpen");
  assert.equal(r.signal.pendingAt, t("2023-03-10T17:25:00Z"));
  assert.equal(r.closeReason, "time_expired");
  assert.equal(r.closeTimestamp, t("2023-03-10T20:25:00Z"));
  assert.equal(r.currentPrice, 19997.28);
  assert.equal(r.pnl.priceClose, 19997.28);
  close(r.pnl.pnlPercentage, FEE_SLIP("long", po, 19997.28), 1e-9, "pnl");
  close(r.pnl.pnlPercentage, 0.1969, 1e-4, "pnl literal");
});

test("cancellation (limit long produced 2023-03-10 04:57 never reached within 120 minutes)", () => {
  // 04:56 19860.35,19864.01,19838.51,19856.12        -> priceOpen = 19856.12 * 0.997 = 19796.5516
  // lowest low of 04:57..06:56 is 19856.64 (05:12)   -> never reached -> cancelled at 04:57 + 120 min = 06:57
  const { name } = ofKind("scheduledLimit");
  const c = eventsOf(name, "cancelled").find((e) => e.signal.scheduledAt === t("2023-03-10T04:57:00Z"));
  assert.ok(c, "cancelled event for the 04:57 signal");
  close(c.signal.priceOpen, 19856.12 * 0.997, 1e-12, "priceOpen");
  assert.equal(c.closeTimestamp, t("2023-03-10T06:57:00Z"));
  // and the next signal is asked for at 06:57 (first tick >= the cancel time)
  assert.ok(ofKind("scheduledLimit").records.some((r) => r.when === t("2023-03-10T06:57:00Z")));
});

test("a limit already reached opens at once at priceOpen (long produced 2023-03-10 16:22)", () => {
  // 16:21 20016.19,20081.09,20016.19,20070.81,9.44622 -> priceOpen = 20070.81 * 0.997 = 20010.59757
  // VWAP of 16:17..16:21 (typical price x volume) = 20008.91938 <= priceOpen -> opens at 16:22 at priceOpen
  // 16:31 high 20209.0 < TP 20210.7035; 16:32 20198.97,20234.65,... -> take_profit at 16:33
  const r = findTrade("scheduledLimit", "2023-03-10T16:22:00Z");
  close(r.signal.priceOpen, 20070.81 * 0.997, 1e-12, "priceOpen");
  assert.equal(r.signal.pendingAt, t("2023-03-10T16:22:00Z"));
  assert.equal(r.closeReason, "take_profit");
  assert.equal(r.closeTimestamp, t("2023-03-10T16:33:00Z"));
  close(r.currentPrice, 20070.81 * 0.997 * 1.01, 1e-12, "TP");
});

test("a market entry opens at the VWAP of the last 5 closed 1m candles (EMA long produced 2023-03-10 03:40)", () => {
  // 03:35 20101.03,20101.03,20093.22,20093.22,0.12065
  // 03:36 20096.27,20107.34,20091.74,20093.5,5.39208
  // 03:37 20096.23,20097.71,20077.47,20087.57,3.96932
  // 03:38 20087.68,20096.57,20084.69,20096.57,1.15414
  // 03:39 20098.31,20100.83,20088.89,20089.98,0.24313
  //   VWAP = sum((h+l+c)/3*v)/sum(v) = 20093.2624168...; SL = 20089.98 * 0.995 = 19989.5301
  // 04:02 low 20039.17 ...; 04:05 20051.59,20053.91,19986.47,19997.72 -> low <= SL -> stop_loss at 04:06
  const r = findTrade("emaCross", "2023-03-10T03:40:00Z");
  assert.equal(r.signal.position, "long");
  close(r.signal.priceOpen, 20093.262416802398, 1e-12, "VWAP entry");
  assert.equal(r.signal.pendingAt, t("2023-03-10T03:40:00Z"));
  close(r.signal.priceStopLoss, 20089.98 * 0.995, 1e-12, "SL");
  assert.equal(r.closeReason, "stop_loss");
  assert.equal(r.closeTimestamp, t("2023-03-10T04:06:00Z"));
  close(r.currentPrice, 20089.98 * 0.995, 1e-12, "close at SL");
  close(r.pnl.pnlPercentage, FEE_SLIP("long", 20093.262416802398, 20089.98 * 0.995), 1e-9, "pnl");
});

test("at an unaligned tick (04:06, right after the 04:06 close) the last 5m candle is 04:00, aggregated from 1m rows", () => {
  // 04:00 20051.59,20052.56,20046.89,20052.56,0.52222
  // 04:01 20052.67,20056.54,20045.76,20045.85,0.56866
  // 04:02 20052.12,20064.21,20039.17,20039.17,6.27662
  // 04:03 20044.32,20055.2,20043.96,20050.26,6.98397
  // 04:04 20050.22,20057.15,20049.36,20054.22,0.55319
  const record = ofKind("emaCross").records.find((r) => r.when === t("2023-03-10T04:06:00Z"));
  assert.ok(record, "getSignal is asked again at 04:06, the tick of the close (26 min > 5m since the last call)");
  const candles = record.candles["5m"];
  assert.equal(candles.length, 60);
  const last = candles.at(-1);
  assert.equal(last.timestamp, t("2023-03-10T04:00:00Z"));
  assert.equal(last.open, 20051.59);
  assert.equal(last.high, 20064.21);
  assert.equal(last.low, 20039.17);
  assert.equal(last.close, 20054.22);
  close(last.volume, 14.90466, 1e-12, "volume");
  assert.equal(candles[0].timestamp, t("2023-03-10T04:00:00Z") - 59 * 5 * MIN);
});

test("throttle: a 1h strategy closed at 01:18 is next asked at 02:00, not at 01:18", () => {
  const whens = ofKind("scheduledLimit").records.map((r) => new Date(r.when).toISOString());
  assert.deepEqual(whens.slice(0, 4), [
    "2023-03-10T00:00:00.000Z", // scheduled, opened 00:11, stop_loss 00:23 -> throttled until 01:00
    "2023-03-10T01:00:00.000Z", // opened 01:05, stop_loss 01:18 -> throttled until 02:00
    "2023-03-10T02:00:00.000Z", // opened 02:30, stop_loss 04:57 -> asked at 04:57 at once
    "2023-03-10T04:57:00.000Z",
  ]);
});

test("PnL of every trade follows rule 9 with the default fee and slippage", () => {
  let checked = 0;
  for (const kind of Object.keys(KINDS)) {
    for (const r of ofKind(kind).results) {
      close(r.pnl.pnlPercentage, FEE_SLIP(r.signal.position, r.pnl.priceOpen, r.pnl.priceClose), 1e-9, `${kind} ${r.signal.id}`);
      checked++;
    }
  }
  assert.ok(checked > 30);
  // both sides are exercised
  const positions = new Set(Object.values(runs).flatMap((run) => run.results.map((r) => r.signal.position)));
  assert.deepEqual([...positions].sort(), ["long", "short"]);
});

test("every close reason occurs in the window", () => {
  const reasons = new Set(Object.values(runs).flatMap((run) => run.results.map((r) => r.closeReason)));
  assert.deepEqual([...reasons].sort(), ["stop_loss", "take_profit", "time_expired"]);
});

test("the series helper: 30,240 gap-free 1m rows and exchange replies as a well-behaved exchange gives them", async () => {
  const rows = loadSeries();
  assert.equal(rows.length, 30_240);
  assert.equal(rows[0].timestamp, t("2023-03-01T00:00:00Z"));
  assert.equal(rows.at(-1).timestamp, t("2023-03-21T23:59:00Z"));
  assert.ok(rows.every((c, i) => i === 0 || c.timestamp - rows[i - 1].timestamp === MIN));
  // 2023-03-01 00:00:00+00:00,23140.48,23150.77,23128.52,23142.31,2.131777
  assert.deepEqual({ ...rows[0] }, { timestamp: t("2023-03-01T00:00:00Z"), open: 23140.48, high: 23150.77, low: 23128.52, close: 23142.31, volume: 2.131777 });
  const exchange = createSeriesExchange("unregistered-probe");
  // since between two 5m open times: the first candle is the next aligned one; future candles included
  const got = await exchange.getCandles(SYMBOL, "5m", new Date(t("2023-03-10T04:02:00Z")), 3);
  assert.deepEqual(got.map((c) => new Date(c.timestamp).toISOString()), [
    "2023-03-10T04:05:00.000Z", "2023-03-10T04:10:00.000Z", "2023-03-10T04:15:00.000Z",
  ]);
  const [first] = await exchange.getCandles(SYMBOL, "5m", new Date(t("2023-03-10T04:00:00Z")), 1);
  assert.deepEqual([first.open, first.high, first.low, first.close], [20051.59, 20064.21, 20039.17, 20054.22]);
  assert.equal((await exchange.getCandles(SYMBOL, "1h", new Date(t("2023-03-21T23:00:00Z")), 5)).length, 1);
  assert.equal(await exchange.formatPrice(SYMBOL, 20061.43457), "20061.43");
  assert.equal(await exchange.formatQuantity(SYMBOL, 0.1), "0.10000000");
});
