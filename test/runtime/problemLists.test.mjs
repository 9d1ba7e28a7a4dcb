// Validation messages list every problem at once: a rejected signal names each bad field,
// its value and the rule; a schema at registration names every bad field in one error.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { T0, series, setupBacktest, collect, flush, record, uniq, DEFAULT_CONFIG } from "../helpers/synthetic.mjs";
import { validSchema } from "../helpers/optimizer.mjs";

const { Backtest, setConfig, listenValidation, addExchange, addFrame, addStrategy, addWalker, addOptimizer } = lib;
const SYMBOL = "BTCUSDT";

after(() => setConfig({ ...DEFAULT_CONFIG }));

/** The validation messages of one backtest whose only signal is `signal` (average price 100). */
const rejectionsOf = async (signal) => {
  const setup = setupBacktest(lib, { label: "problems", candles: series({ tail: 30 }), endDate: T0, signals: [signal] });
  const { events, stop } = record(listenValidation, (error) => error.message.includes(setup.strategyName));
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  stop();
  assert.equal(events.length, 1);
  return events[0].message;
};

test("a signal with three bad fields is rejected naming all three, with their values and rules", async () => {
  const message = await rejectionsOf({ position: "up", priceTakeProfit: "110", priceStopLoss: 90, minuteEstimatedTime: 0 });
  assert.match(message, /position must be "long" or "short", got "up"/);
  assert.match(message, /priceTakeProfit must be positive and a finite number, got "110"/);
  assert.match(message, /minuteEstimatedTime must be positive and a whole number of minutes, at most 1440, got 0/);
  assert.equal(message.split("; ").length, 3, message);
});

test("take-profit on the wrong side and stop-loss too far are both named", async () => {
  const message = await rejectionsOf({ position: "long", priceTakeProfit: 95, priceStopLoss: 70, minuteEstimatedTime: 60 });
  assert.match(message, /priceTakeProfit 95 must be above the entry price 100 of a long \(priceTakeProfit must be > priceOpen\); priceStopLoss 70 is 30\.0000% from the entry price 100, more than the maximum 20%/);
});

test("a rule comparing fields is skipped when a field it compares is itself bad", async () => {
  const message = await rejectionsOf({ position: "long", priceOpen: -1, priceTakeProfit: 95, priceStopLoss: 90, minuteEstimatedTime: 60 });
  assert.match(message, /: priceOpen must be positive and a finite number, got -1$/);
});

/** The message of what `register` throws. */
const messageOf = (register) => {
  try {
    register();
  } catch (error) {
    return error.message;
  }
  assert.fail("registration did not throw");
};

test("addStrategy names every bad field in one error", () => {
  const message = messageOf(() =>
    addStrategy({ strategyName: uniq("s"), interval: "2m", getSignal: "soon", callbacks: { onOpen: 1, onFoo: () => {} } })
  );
  assert.match(message, /^strategy schema validation failed: interval must be one of .*, got "2m"; getSignal must be a function, got "soon"; callbacks\.onOpen must be a function, got 1; callbacks\.onFoo is not one of /);
  assert.match(message, /for strategyName="s-/);
});

test("addExchange names every bad field in one error", () => {
  const message = messageOf(() => addExchange({ exchangeName: "", getCandles: undefined, formatPrice: 5, formatQuantity: async () => "1" }));
  assert.match(message, /missing exchangeName .*, got ""; getCandles must be a function, got undefined; formatPrice must be a function, got 5 for exchangeName=""$/);
});

test("addFrame names every bad field in one error", () => {
  const message = messageOf(() => addFrame({ frameName: uniq("f"), interval: "2m", startDate: "2024-01-01", endDate: new Date(NaN) }));
  assert.match(message, /interval must be one of .*, got "2m"; startDate must be a valid Date, got "2024-01-01"; endDate must be a valid Date, got Invalid Date/);
});

test("addWalker names every bad field in one error", () => {
  const message = messageOf(() =>
    addWalker({ walkerName: uniq("w"), exchangeName: 1, frameName: "f", strategies: ["a", "a", ""], metric: "profitFactor" })
  );
  assert.match(message, /exchangeName must be a non-empty string, got 1; strategies\[1\] repeats "a"; strategies\[2\] must be a non-empty string, got ""; metric must be one of .*, got "profitFactor"/);
});

test("addOptimizer names every bad field in one error", () => {
  const schema = validSchema({ rangeTrain: [], getPrompt: "write", maxRows: -1 });
  const message = messageOf(() => addOptimizer(schema));
  assert.equal(
    message,
    `optimizer template validation failed: rangeTrain must be a non-empty array; getPrompt must be a function, got "write"; maxRows must be a positive integer, got -1 for optimizerName="${schema.optimizerName}"`
  );
});
