// Every backtest-kit 1.4 call form of what this library carries, one test each, written as
// 1.4 code writes them: each works, or fails with an error that says what to write instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as lib from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { validSchema } from "../helpers/optimizer.mjs";
import { T0, at, series, setupBacktest, collect, flush, uniq, DEFAULT_CONFIG } from "../helpers/synthetic.mjs";

const SYMBOL = "BTCUSDT";
const long = { position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 };
const TP = [100, 111, 94, 95];

/** A registered exchange, frame and strategy that make one take-profit trade. */
const oneTrade = (extra = {}) =>
  setupBacktest(lib, {
    label: "api",
    candles: series({ rows: [100, 100, TP, 100, 100], tail: 30 }),
    endDate: at(4),
    signals: [long],
    ...extra,
  });

/** A walker over one one-trade strategy. */
const oneStrategyWalker = () => {
  const { exchangeName, frameName, strategyName } = oneTrade();
  const walkerName = uniq("walker");
  lib.addWalker({ walkerName, exchangeName, frameName, strategies: [strategyName], metric: "totalPnl" });
  return { walkerName, strategyName };
};

/** Events `listen(fn)` delivered while `run` ran, and whether its unsubscribe is a function. */
const heard = async (listen, run) => {
  const events = [];
  const stop = listen((event) => events.push(event));
  assert.equal(typeof stop, "function", "a listener returns its unsubscribe function");
  await run();
  await flush();
  stop();
  return events;
};

/** Events a `listenXOnce(filter, fn)` delivered: exactly one. */
const heardOnce = async (listenOnce, run) => {
  const events = [];
  const stop = listenOnce(() => true, (event) => events.push(event));
  assert.equal(typeof stop, "function");
  await run();
  await flush();
  return events;
};

const runBacktest = (setup = oneTrade()) => () => collect(lib.Backtest.run(SYMBOL, setup.ctx));
const runWalker = (walker = oneStrategyWalker()) => () => collect(lib.Walker.run(SYMBOL, { walkerName: walker.walkerName }));

// ------------------------------------------------------------------ setup

test("await setLogger(logger)", async () => {
  const topics = [];
  const result = lib.setLogger({ log: (topic) => topics.push(topic), debug() {}, info() {}, warn() {} });
  assert.ok(result instanceof Promise);
  await result;
  await lib.listStrategies();
  assert.ok(topics.length > 0, "the logger receives the library's diagnostics");
  await lib.setLogger({});
});

test("await setConfig(config)", async () => {
  await lib.setConfig({ CC_SCHEDULE_AWAIT_MINUTES: 90 });
  await lib.setConfig({ CC_SCHEDULE_AWAIT_MINUTES: DEFAULT_CONFIG.CC_SCHEDULE_AWAIT_MINUTES });
});

test("setConfig with a 1.4 setting this runtime lacks says what to do", () => {
  assert.throws(() => lib.setConfig({ CC_GET_CANDLES_PRICE_ANOMALY_THRESHOLD_FACTOR: 1000 }), {
    message: /^setConfig: CC_GET_CANDLES_PRICE_ANOMALY_THRESHOLD_FACTOR is a backtest-kit 1\.4 setting: .*remove the key$/,
  });
  assert.throws(() => lib.setConfig({ CC_GET_CANDLES_MIN_CANDLES_FOR_MEDIAN: 5 }), /CC_GET_CANDLES_MIN_CANDLES_FOR_MEDIAN is a backtest-kit 1\.4 setting: .*remove the key/);
});

// ------------------------------------------------------------------ add* and list*

test("addExchange(schema) and listExchanges()", async () => {
  const { exchangeName } = oneTrade();
  assert.ok((await lib.listExchanges()).some((schema) => schema.exchangeName === exchangeName));
});

test("addFrame(schema) and listFrames()", async () => {
  const { frameName } = oneTrade();
  assert.ok((await lib.listFrames()).some((schema) => schema.frameName === frameName));
});

test("addStrategy(schema) and listStrategies()", async () => {
  const { strategyName } = oneTrade();
  assert.ok((await lib.listStrategies()).some((schema) => schema.strategyName === strategyName));
});

test("addStrategy with 1.4's riskName of an unknown risk profile fails its run naming the profile", async () => {
  const { exchangeName, frameName } = oneTrade();
  const strategyName = uniq("risky");
  lib.addStrategy({ strategyName, interval: "1m", getSignal: async () => null, riskName: "no-such-risk" });
  await assert.rejects(
    async () => {
      for await (const _ of lib.Backtest.run("BTCUSDT", { strategyName, exchangeName, frameName })) {
      }
    },
    (error) => /risk no-such-risk not found source=strategy /.test(lib.formatError(error))
  );
});

test("addStrategy with the 1.4-only callback onWrite says what to use; onActive, onIdle, onPartialProfit and onPartialLoss are taken (live runs and partial milestones call them)", () => {
  for (const name of ["onActive", "onIdle", "onPartialProfit", "onPartialLoss"]) {
    lib.addStrategy({ strategyName: uniq("cb"), interval: "1m", getSignal: async () => null, callbacks: { [name]: () => {} } });
  }
  const hints = { onWrite: /listenSignalLive/ };
  for (const [name, hint] of Object.entries(hints)) {
    assert.throws(
      () => lib.addStrategy({ strategyName: uniq("cb"), interval: "1m", getSignal: async () => null, callbacks: { [name]: () => {} } }),
      (error) => new RegExp(`callbacks\\.${name} is a backtest-kit 1\\.4 callback: `).test(error.message) && hint.test(error.message)
    );
  }
});

test("addWalker(schema) and listWalkers()", async () => {
  const { walkerName } = oneStrategyWalker();
  assert.ok((await lib.listWalkers()).some((schema) => schema.walkerName === walkerName));
});

test("addOptimizer(schema) and listOptimizers()", async () => {
  const schema = validSchema();
  lib.addOptimizer(schema);
  assert.ok((await lib.listOptimizers()).some((item) => item.optimizerName === schema.optimizerName));
});

// ------------------------------------------------------------------ exchange functions inside getSignal

test("getCandles(symbol, interval, limit), getAveragePrice(symbol), formatPrice, formatQuantity, getDate(), getMode() inside getSignal", async () => {
  const seen = [];
  const setup = oneTrade({
    signals: [async (symbol) => {
      seen.push({
        candles: (await lib.getCandles(symbol, "1m", 3)).length,
        average: await lib.getAveragePrice(symbol),
        price: await lib.formatPrice(symbol, 1.23456),
        quantity: await lib.formatQuantity(symbol, 0.5),
        date: (await lib.getDate()).getTime(),
        mode: await lib.getMode(),
      });
      return null;
    }],
  });
  await runBacktest(setup)();
  assert.deepEqual(seen[0], { candles: 3, average: 100, price: "1.23", quantity: "0.5000", date: T0, mode: "backtest" });
});

// ------------------------------------------------------------------ Backtest

test("for await (const result of Backtest.run(symbol, { strategyName, exchangeName, frameName }))", async () => {
  const results = await runBacktest()();
  assert.deepEqual(results.map((result) => [result.action, result.closeReason]), [["closed", "take_profit"]]);
});

test("const stop = Backtest.background(symbol, context) and listenDoneBacktest", async () => {
  const setup = oneTrade();
  const done = new Promise((resolve) => lib.listenDoneBacktestOnce((event) => event.strategyName === setup.strategyName, resolve));
  const stop = lib.Backtest.background(SYMBOL, setup.ctx);
  assert.equal(typeof stop, "function");
  const event = await done;
  assert.equal(event.symbol, SYMBOL);
  assert.equal((await lib.Backtest.getData(setup.strategyName)).totalSignals, 1);
});

test("Backtest.getData(strategyName) / getReport(strategyName) / dump(strategyName, path) (1.4.0-1.4.6)", async (t) => {
  const setup = oneTrade();
  await runBacktest(setup)();
  const dir = await makeTempDir(t);
  assert.equal((await lib.Backtest.getData(setup.strategyName)).totalSignals, 1);
  assert.match(await lib.Backtest.getReport(setup.strategyName), /^# Backtest Report: /);
  const path = await lib.Backtest.dump(setup.strategyName, dir);
  assert.equal(await readFile(path, "utf8"), await lib.Backtest.getReport(setup.strategyName));
});

test("Backtest.getData(symbol, strategyName) / getReport / dump(symbol, strategyName, path) (1.4.7 on)", async (t) => {
  const setup = oneTrade();
  await runBacktest(setup)();
  const dir = await makeTempDir(t);
  assert.equal((await lib.Backtest.getData(SYMBOL, setup.strategyName)).totalSignals, 1);
  assert.match(await lib.Backtest.getReport(SYMBOL, setup.strategyName), /^# Backtest Report: /);
  assert.equal(await lib.Backtest.dump(SYMBOL, setup.strategyName, dir), join(dir, `${setup.strategyName}.md`));
});

// ------------------------------------------------------------------ Walker

test("for await (const step of Walker.run(symbol, { walkerName }))", async () => {
  const walker = oneStrategyWalker();
  const steps = await runWalker(walker)();
  assert.deepEqual(steps.map((step) => step.strategyName), [walker.strategyName]);
});

test("const stop = Walker.background(symbol, { walkerName }) and listenDoneWalker", async () => {
  const walker = oneStrategyWalker();
  const done = new Promise((resolve) => lib.listenDoneWalkerOnce((event) => event.walkerName === walker.walkerName || event.strategyName === walker.walkerName, resolve));
  const stop = lib.Walker.background(SYMBOL, { walkerName: walker.walkerName });
  assert.equal(typeof stop, "function");
  assert.equal((await done).symbol, SYMBOL);
});

test("Walker.getData(symbol, walkerName) / getReport / dump(symbol, walkerName, path)", async (t) => {
  const walker = oneStrategyWalker();
  await runWalker(walker)();
  const dir = await makeTempDir(t);
  assert.equal((await lib.Walker.getData(SYMBOL, walker.walkerName)).bestStrategy, walker.strategyName);
  assert.match(await lib.Walker.getReport(SYMBOL, walker.walkerName), /^# Walker Comparison Report: /);
  assert.equal(await lib.Walker.dump(SYMBOL, walker.walkerName, dir), join(dir, `${walker.walkerName}.md`));
});

// ------------------------------------------------------------------ Optimizer

test("Optimizer.getData(symbol, { optimizerName })", async () => {
  const schema = validSchema();
  lib.addOptimizer(schema);
  const data = await lib.Optimizer.getData(SYMBOL, { optimizerName: schema.optimizerName });
  assert.deepEqual(data.map((item) => item.strategy), ["strategy text", "strategy text"]);
});

test("Optimizer.getCode(symbol, { optimizerName })", async () => {
  const schema = validSchema();
  lib.addOptimizer(schema);
  assert.match(await lib.Optimizer.getCode(SYMBOL, { optimizerName: schema.optimizerName }), /^#!\/usr\/bin\/env node\n/);
});

test("await Optimizer.dump(symbol, { optimizerName }, path)", async (t) => {
  const schema = validSchema();
  lib.addOptimizer(schema);
  const dir = await makeTempDir(t);
  const path = await lib.Optimizer.dump(SYMBOL, { optimizerName: schema.optimizerName }, dir);
  assert.equal(path, join(dir, `${schema.optimizerName}_${SYMBOL}.mjs`));
});

// ------------------------------------------------------------------ listen*

test("listenSignal(fn)", async () => {
  const events = await heard(lib.listenSignal, runBacktest());
  assert.ok(events.some((event) => event.action === "opened") && events.some((event) => event.action === "closed"));
});

test("listenSignalOnce(filterFn, fn)", async () => {
  assert.equal((await heardOnce(lib.listenSignalOnce, runBacktest())).length, 1);
});

test("listenSignalBacktest(fn)", async () => {
  assert.ok((await heard(lib.listenSignalBacktest, runBacktest())).some((event) => event.action === "closed"));
});

test("listenSignalBacktestOnce(filterFn, fn)", async () => {
  assert.equal((await heardOnce(lib.listenSignalBacktestOnce, runBacktest())).length, 1);
});

test("listenError(fn)", async () => {
  const setup = oneTrade({ signals: [async () => { throw new Error("api boom"); }] });
  const errors = await heard(lib.listenError, () => collect(lib.Backtest.run(SYMBOL, setup.ctx)).catch(() => undefined));
  assert.ok(errors.some((error) => lib.formatError(error).includes("api boom")));
});

test("listenValidation(fn)", async () => {
  const setup = oneTrade({ signals: [{ ...long, priceTakeProfit: 50 }] });
  const rejected = await heard(lib.listenValidation, runBacktest(setup));
  assert.equal(rejected.length, 1);
  assert.match(rejected[0].message, /priceTakeProfit/);
});

test("listenDoneBacktest(fn)", async () => {
  const setup = oneTrade();
  const events = await heard(lib.listenDoneBacktest, runBacktest(setup));
  assert.ok(events.some((event) => event.strategyName === setup.strategyName && event.backtest === true));
});

test("listenDoneBacktestOnce(filterFn, fn)", async () => {
  assert.equal((await heardOnce(lib.listenDoneBacktestOnce, runBacktest())).length, 1);
});

test("listenBacktestProgress(fn)", async () => {
  const events = await heard(lib.listenBacktestProgress, runBacktest());
  assert.equal(events.at(-1).progress, 1);
});

test("listenDoneWalker(fn)", async () => {
  const walker = oneStrategyWalker();
  const events = await heard(lib.listenDoneWalker, runWalker(walker));
  assert.ok(events.some((event) => event.symbol === SYMBOL));
});

test("listenDoneWalkerOnce(filterFn, fn)", async () => {
  assert.equal((await heardOnce(lib.listenDoneWalkerOnce, runWalker())).length, 1);
});

test("listenWalker(fn)", async () => {
  const walker = oneStrategyWalker();
  const events = await heard(lib.listenWalker, runWalker(walker));
  assert.ok(events.some((event) => event.walkerName === walker.walkerName && event.strategyName === walker.strategyName));
});

test("listenWalkerOnce(filterFn, fn)", async () => {
  assert.equal((await heardOnce(lib.listenWalkerOnce, runWalker())).length, 1);
});

test("listenWalkerProgress(fn)", async () => {
  const events = await heard(lib.listenWalkerProgress, runWalker());
  assert.equal(events.at(-1).progress, 1);
});

test("listenWalkerComplete(fn)", async () => {
  const walker = oneStrategyWalker();
  const events = await heard(lib.listenWalkerComplete, runWalker(walker));
  assert.ok(events.some((results) => results.walkerName === walker.walkerName && results.bestStrategy === walker.strategyName));
});

test("listenOptimizerProgress(fn)", async () => {
  const schema = validSchema();
  lib.addOptimizer(schema);
  const events = await heard(lib.listenOptimizerProgress, () => lib.Optimizer.getData(SYMBOL, { optimizerName: schema.optimizerName }));
  assert.equal(events.at(-1).progress, 1);
});
