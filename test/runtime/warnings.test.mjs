// listenWarning: every fault the library works around is said through a public event.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { series, setupBacktest, collect, flush, record, DEFAULT_CONFIG, FAST_CONFIG } from "../helpers/synthetic.mjs";

const { Backtest, setConfig, getCandles, listenWarning, listenWarningOnce } = lib;
const SYMBOL = "BTCUSDT";

before(() => setConfig({ ...FAST_CONFIG, CC_GET_SIGNAL_TIMEOUT_MS: 10_000 }));
after(() => setConfig({ ...DEFAULT_CONFIG }));

/** A backtest whose exchange fails its first `failures` 1h calls with "flaky exchange". */
const flakyBacktest = (failures) =>
  setupBacktest(lib, {
    label: "warn-retry",
    candles: series({ tail: 30 }),
    misbehave: ({ interval, nth, reply }) => {
      if (interval === "1h" && nth < failures) throw new Error("flaky exchange");
      return reply();
    },
    signals: [async (symbol) => { await getCandles(symbol, "1h", 2); return null; }],
  });

test("a retried exchange call raises one exchange-retry warning per failed attempt, with its facts", async (t) => {
  const setup = flakyBacktest(2);
  const { events, stop } = record(listenWarning, (w) => w.details.exchangeName === setup.exchangeName);
  t.after(stop);
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.deepEqual(events.map((w) => [w.kind, w.details.attempt, w.details.interval, w.details.symbol, w.details.error]), [
    ["exchange-retry", 1, "1h", SYMBOL, "flaky exchange"],
    ["exchange-retry", 2, "1h", SYMBOL, "flaky exchange"],
  ]);
  assert.equal(events[0].details.since, setup.calls.find((c) => c.interval === "1h").since);
  assert.match(events[0].message, new RegExp(`exchange ${setup.exchangeName} getCandles\\(BTCUSDT, 1h.*attempt 1 of 3 failed, trying again: flaky exchange`));
});

test("listenWarningOnce takes the first matching warning and then stops listening", async () => {
  const setup = flakyBacktest(2);
  const seen = [];
  listenWarningOnce((w) => w.details.exchangeName === setup.exchangeName, (w) => seen.push(w.details.attempt));
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.deepEqual(seen, [1]);
});

test("a clean run raises no warning", async (t) => {
  const setup = flakyBacktest(0);
  const { events, stop } = record(listenWarning);
  t.after(stop);
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.deepEqual(events.filter((w) => w.details.exchangeName === setup.exchangeName), []);
});
