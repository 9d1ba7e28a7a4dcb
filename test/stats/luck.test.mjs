// The random-entry luck test: reproducible by seed, no overlap, the strategy's own trade
// shapes, the engine's resolution rule, and p-values that tell skill from chance.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import {
  addExchange, addFrame, addStrategy, addWalker, Backtest, Walker, setConfig, runLuckTest, resolveOpenSignal,
} from "../../build/index.mjs";
import { createSeriesExchange, loadSeries, MINUTE } from "../helpers/series.mjs";
import { createEmaCrossStrategy } from "../helpers/strategies.mjs";
import { createOracleStrategy, createCoinFlipStrategy } from "../helpers/luckStrategies.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "luck-series";
const START = Date.parse("2023-03-10T00:00:00Z");
const END = Date.parse("2023-03-13T23:59:00Z");
const TICKS = (END - START) / MINUTE + 1;
const series = loadSeries();

const backtest = async (strategyName, frameName = "luck-0310-0313") => {
  for await (const _ of Backtest.run(SYMBOL, { strategyName, exchangeName: EXCHANGE, frameName }));
  return await Backtest.getData(SYMBOL, strategyName);
};

const luckOptions = (trades, extra = {}) => ({
  trades, candles: series, startTimestamp: START, tickCount: TICKS, simulations: 200, seed: 11, ...extra,
});

/** Every simulated trade, grouped by simulation. */
const collect = (trades, extra) => {
  const bySimulation = new Map();
  const result = runLuckTest(luckOptions(trades, {
    ...extra,
    onTrade: (trade) => bySimulation.set(trade.simulation, [...(bySimulation.get(trade.simulation) ?? []), trade]),
  }));
  return { result, bySimulation };
};

/** A trade's shape, as the simulations must keep it. */
const shapeOf = (position, priceOpen, priceTakeProfit, priceStopLoss, minutes) =>
  `${position} ${(priceTakeProfit / priceOpen).toFixed(9)} ${(priceStopLoss / priceOpen).toFixed(9)} ${minutes}`;

let ema;

before(async () => {
  addExchange(createSeriesExchange(EXCHANGE));
  addFrame({ frameName: "luck-0310-0313", interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  addStrategy(createEmaCrossStrategy("luck-ema"));
  addStrategy(createOracleStrategy("luck-oracle"));
  addStrategy(createCoinFlipStrategy("luck-coin"));
  ema = await backtest("luck-ema");
  assert.ok(ema.totalSignals >= 10, "the EMA strategy trades enough for the test");
});

test("resolveOpenSignal gives the engine's close for each of the strategy's own trades", () => {
  for (const trade of ema.signalList) {
    const from = Math.ceil(trade.signal.pendingAt / MINUTE) * MINUTE;
    const watched = series.filter((c) => c.timestamp >= from && c.timestamp < from + trade.signal.minuteEstimatedTime * MINUTE);
    const outcome = resolveOpenSignal(trade.signal, watched);
    assert.deepEqual(outcome, {
      closeReason: trade.closeReason, closeTimestamp: trade.closeTimestamp, priceClose: trade.currentPrice, dataEnded: trade.dataEnded === true,
    });
  }
});

test("the luck test is reproducible by seed, and another seed draws other entries", () => {
  const one = collect(ema.signalList);
  const again = collect(ema.signalList);
  const other = collect(ema.signalList, { seed: 12 });
  assert.deepEqual(again.result, one.result);
  assert.deepEqual([...again.bySimulation], [...one.bySimulation]);
  assert.notDeepEqual(other.bySimulation.get(0).map((t) => t.pendingAt), one.bySimulation.get(0).map((t) => t.pendingAt));
  assert.equal(one.result.seed, 11);
  assert.equal(other.result.seed, 12);
});

test("simulated trades never overlap, enter on frame ticks, keep the strategy's sides, distances and lifetimes", () => {
  const { result, bySimulation } = collect(ema.signalList);
  const own = ema.signalList
    .map(({ signal }) => shapeOf(signal.position, signal.priceOpen, signal.priceTakeProfit, signal.priceStopLoss, signal.minuteEstimatedTime))
    .sort();
  assert.equal(bySimulation.size, 200);
  let complete = 0;
  for (const trades of bySimulation.values()) {
    for (const [index, trade] of trades.entries()) {
      assert.ok(trade.pendingAt >= START && trade.pendingAt <= END, "enters inside the frame");
      assert.equal((trade.pendingAt - START) % MINUTE, 0, "enters on a tick");
      assert.ok(trade.closeTimestamp > trade.pendingAt);
      if (index > 0) assert.ok(trade.pendingAt >= trades[index - 1].closeTimestamp, "no overlap");
    }
    const shapes = trades.map((t) => shapeOf(t.position, t.priceOpen, t.priceTakeProfit, t.priceStopLoss, t.minuteEstimatedTime)).sort();
    if (trades.length === own.length) {
      complete += 1;
      assert.deepEqual(shapes, own);
    } else {
      assert.ok(trades.length < own.length && shapes.every((shape) => own.includes(shape)));
    }
  }
  assert.equal(200 - complete, result.incompleteSimulations);
  assert.ok(complete > 150, `${complete} complete simulations`);
});

test("each simulated trade is resolved by the engine's rule at the engine's entry price", () => {
  const { bySimulation } = collect(ema.signalList, { simulations: 3 });
  for (const trade of [...bySimulation.values()].flat()) {
    const end = series.findIndex((c) => c.timestamp === trade.pendingAt);
    const last5 = series.slice(end - 5, end);
    const vwap = last5.reduce((s, c) => s + ((c.high + c.low + c.close) / 3) * c.volume, 0) / last5.reduce((s, c) => s + c.volume, 0);
    assert.ok(Math.abs(trade.priceOpen - vwap) < 1e-9 * vwap);
    const watched = series.slice(end, end + trade.minuteEstimatedTime);
    const outcome = resolveOpenSignal(trade, watched);
    assert.equal(trade.closeReason, outcome.closeReason);
    assert.equal(trade.closeTimestamp, outcome.closeTimestamp);
  }
});

test("p-value is (1 + simulations at least as good) / (1 + simulations), percentile the share below", () => {
  const totals = [];
  const { result } = collect(ema.signalList, { simulations: 50 });
  let current = -1;
  runLuckTest(luckOptions(ema.signalList, {
    simulations: 50,
    onTrade: (trade) => {
      if (trade.simulation !== current) { current = trade.simulation; totals.push(0); }
      totals[totals.length - 1] += trade.pnlPercentage;
    },
  }));
  const strategy = ema.signalList.reduce((s, t) => s + t.pnl.pnlPercentage, 0);
  assert.equal(totals.length, 50);
  assert.equal(result.pValue, (1 + totals.filter((t) => t >= strategy).length) / 51);
  assert.equal(result.percentile, (totals.filter((t) => t < strategy).length / 50) * 100);
  assert.equal(result.beatsLuck, result.pValue <= 0.05);
});

test("a strategy that is always right gets a p-value near 0; a coin-flipping one a large p-value", async () => {
  const oracle = await backtest("luck-oracle");
  assert.equal(oracle.winRate, 100);
  assert.equal(oracle.luck.simulations, 1000);
  assert.equal(oracle.luck.pValue, 1 / 1001);
  assert.equal(oracle.luck.beatsLuck, true);
  const coin = await backtest("luck-coin");
  assert.ok(coin.totalSignals >= 10);
  assert.ok(coin.luck.pValue > 0.05, `coin p = ${coin.luck.pValue}`);
  assert.equal(coin.luck.beatsLuck, false);
  const report = await Backtest.getReport(SYMBOL, "luck-coin");
  assert.match(report, /\*\*Luck test:\*\* not distinguishable from luck \(p > 0\.05\)/);
});

test("the walker report says plainly which strategy is not distinguishable from luck", async () => {
  addWalker({ walkerName: "luck-walker", exchangeName: EXCHANGE, frameName: "luck-0310-0313", strategies: ["luck-oracle", "luck-coin"] });
  for await (const _ of Walker.run(SYMBOL, { walkerName: "luck-walker" }));
  const report = await Walker.getReport(SYMBOL, "luck-walker");
  assert.match(report, /- \*\*luck-oracle\*\*: beats random entries: p = 0\.0010/);
  assert.match(report, /- \*\*luck-coin\*\*: not distinguishable from luck \(p > 0\.05\)/);
});

test("the seed and count settings drive the statistics' luck test; 0 simulations turn it off", async (t) => {
  t.after(() => setConfig({ CC_LUCK_SEED: 1, CC_LUCK_SIMULATIONS: 1000 }));
  setConfig({ CC_LUCK_SEED: 99, CC_LUCK_SIMULATIONS: 300 });
  const first = (await backtest("luck-ema")).luck;
  const second = (await backtest("luck-ema")).luck;
  assert.deepEqual(second, first);
  assert.equal(first.seed, 99);
  assert.equal(first.simulations, 300);
  assert.deepEqual(first, runLuckTest(luckOptions(ema.signalList, { seed: 99, simulations: 300 })));
  setConfig({ CC_LUCK_SIMULATIONS: 0 });
  assert.equal((await backtest("luck-ema")).luck, null);
});

test("bad luck-test options and settings are errors naming the field and the value", () => {
  assert.throws(() => setConfig({ CC_LUCK_SEED: -1 }), /setConfig: CC_LUCK_SEED must be a whole number from 0 to 4294967295, got -1/);
  assert.throws(() => setConfig({ CC_LUCK_SIMULATIONS: 2.5 }), /CC_LUCK_SIMULATIONS must be a whole number .*, got 2\.5/);
  assert.throws(() => runLuckTest(luckOptions(ema.signalList, { simulations: -3 })), /runLuckTest: options\.simulations must be a whole number from 0 to 1000000, got -3/);
  assert.throws(() => runLuckTest(luckOptions(ema.signalList, { tickCount: 0 })), /runLuckTest: options\.tickCount must be a whole number >= 1, got 0/);
  assert.throws(() => runLuckTest(luckOptions("x")), /runLuckTest: options\.trades must be an array of closed trades, got "x"/);
  assert.equal(runLuckTest(luckOptions([])), null);
});

test("the luck test uses the settings of the run's start, as every setting", async (t) => {
  t.after(() => setConfig({ CC_LUCK_SEED: 1 }));
  let changed = false;
  addStrategy({
    ...createEmaCrossStrategy("luck-ema-setting"),
    callbacks: { onOpen: () => { if (!changed) { changed = true; setConfig({ CC_LUCK_SEED: 77 }); } } },
  });
  setConfig({ CC_LUCK_SEED: 5 });
  const { luck } = await backtest("luck-ema-setting");
  assert.equal(changed, true);
  assert.equal(luck.seed, 5);
});

test("backtests run at once get the same luck tests as run one after another", async () => {
  const sequential = [(await backtest("luck-ema")).luck, (await backtest("luck-oracle")).luck];
  const run = async (strategyName) => {
    for await (const _ of Backtest.run(SYMBOL, { strategyName, exchangeName: EXCHANGE, frameName: "luck-0310-0313" }));
  };
  await Promise.all([run("luck-ema"), run("luck-oracle")]);
  const concurrent = [(await Backtest.getData(SYMBOL, "luck-ema")).luck, (await Backtest.getData(SYMBOL, "luck-oracle")).luck];
  assert.deepEqual(concurrent, sequential);
});
