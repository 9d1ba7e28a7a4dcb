// Luck-test benchmark: 1,000 seeded random-entry simulations of a strategy's trades on
// one test day (19 March 2023, the real BTCUSDT 1m series), computed on the 1m array by
// runLuckTest, against the slower way: replaying the same simulated trades as engine
// backtests (one Backtest.run per simulation, timed on SAMPLE simulations and scaled to
// 1,000). Also the cost on 20 days, which a backtest pays when its luck test is read.
import { cpus, totalmem } from "node:os";
import {
  addExchange, addFrame, addStrategy, Backtest, runLuckTest, setConfig,
} from "backtest-kit";
import { createSeriesExchange, loadSeries } from "../test/helpers/series.mjs";
import { createEmaCrossStrategy } from "../test/helpers/strategies.mjs";

const MINUTE = 60_000;
const SIMULATIONS = 1_000;
const RUNS = 7;
const SAMPLE = 20;
const DAY = ["2023-03-19T00:00:00Z", "2023-03-19T23:59:00Z"];
const DAYS_20 = ["2023-03-01T00:00:00Z", "2023-03-20T23:59:00Z"];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const secondsOf = (began) => Number(process.hrtime.bigint() - began) / 1e9;

const candles = loadSeries();
addExchange(createSeriesExchange("luck-bench"));
setConfig({ CC_LUCK_SIMULATIONS: 0 });

/** The EMA crossover's closed trades on a frame (its own backtest, luck test off). */
const tradesOf = async (frameName, [start, end]) => {
  addFrame({ frameName, interval: "1m", startDate: new Date(start), endDate: new Date(end) });
  addStrategy(createEmaCrossStrategy(`ema-${frameName}`));
  for await (const _ of Backtest.run("BTCUSDT", { strategyName: `ema-${frameName}`, exchangeName: "luck-bench", frameName }));
  return (await Backtest.getData("BTCUSDT", `ema-${frameName}`)).signalList;
};

const luckOptions = (trades, [start, end], extra = {}) => ({
  trades, candles, startTimestamp: Date.parse(start), tickCount: (Date.parse(end) - Date.parse(start)) / MINUTE + 1,
  simulations: SIMULATIONS, seed: 1, ...extra,
});

/** Median seconds of RUNS runLuckTest calls. */
const timeOurs = (options) =>
  median(Array.from({ length: RUNS }, () => {
    const began = process.hrtime.bigint();
    runLuckTest(options);
    return secondsOf(began);
  }));

/** One simulation replayed by the engine: a strategy that returns each simulated trade at its entry tick. */
const replayWithEngine = async (index, trades) => {
  const byTick = new Map(trades.map((trade) => [trade.pendingAt, trade]));
  const strategyName = `replay-${index}`;
  addStrategy({
    strategyName,
    interval: "1m",
    getSignal: async (symbol, when) => {
      const trade = byTick.get(when.getTime());
      return trade === undefined ? null : {
        position: trade.position, priceTakeProfit: trade.priceTakeProfit, priceStopLoss: trade.priceStopLoss,
        minuteEstimatedTime: trade.minuteEstimatedTime,
      };
    },
  });
  let total = 0;
  for await (const closed of Backtest.run("BTCUSDT", { strategyName, exchangeName: "luck-bench", frameName: "day" })) {
    total += closed.pnl.pnlPercentage;
  }
  return total;
};

const main = async () => {
  console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const dayTrades = await tradesOf("day", DAY);
  const ours = timeOurs(luckOptions(dayTrades, DAY));

  const simulated = new Map();
  const totals = [];
  runLuckTest(luckOptions(dayTrades, DAY, {
    simulations: SAMPLE,
    onTrade: (trade) => simulated.set(trade.simulation, [...(simulated.get(trade.simulation) ?? []), trade]),
  }));
  const began = process.hrtime.bigint();
  for (const [index, trades] of simulated) {
    totals.push(await replayWithEngine(index, trades));
  }
  const engine = (secondsOf(began) / SAMPLE) * SIMULATIONS;
  const agree = [...simulated.values()].every((trades, index) =>
    Math.abs(trades.reduce((sum, t) => sum + t.pnlPercentage, 0) - totals[index]) < 1e-9);

  const longTrades = await tradesOf("days20", DAYS_20);
  const ours20 = timeOurs(luckOptions(longTrades, DAYS_20));

  console.log(`\n1,000 simulations of one test day (${dayTrades.length} trades each), median of ${RUNS}:`);
  console.log(`| way | seconds | ratio |`);
  console.log(`| --- | --- | --- |`);
  console.log(`| runLuckTest on the 1m array | ${ours.toFixed(3)} | 1x |`);
  console.log(`| engine backtest per simulation (${SAMPLE} timed, scaled) | ${engine.toFixed(2)} | ${(engine / ours).toFixed(0)}x slower |`);
  console.log(`engine replays give the same totals as the luck test: ${agree}`);
  console.log(`target: under 1 s -> ${ours < 1 ? "met" : "MISSED"}`);
  console.log(`\n1,000 simulations of 20 days (${longTrades.length} trades each): ${ours20.toFixed(3)} s (median of ${RUNS})`);
};

await main();
