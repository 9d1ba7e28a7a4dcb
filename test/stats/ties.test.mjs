// Equal metrics rank equal; bestStrategy breaks a tie by more trades, then walker order, and says so.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, addWalker, Walker, listenWalker } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy } from "../helpers/strategies.mjs";
import { createOracleStrategy } from "../helpers/luckStrategies.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "ties-series";
const FRAME = "ties-0319";

const runWalker = async (walkerName, strategies, metric) => {
  addWalker({ walkerName, exchangeName: EXCHANGE, frameName: FRAME, strategies, metric });
  for await (const _ of Walker.run(SYMBOL, { walkerName }));
  return { results: await Walker.getData(SYMBOL, walkerName), report: await Walker.getReport(SYMBOL, walkerName) };
};

/** The comparison table's rows as [rank, strategy]. */
const ranks = (report) =>
  report
    .split("\n")
    .filter((line) => /^\| \d+ \| /.test(line))
    .map((line) => line.split("|").slice(1, 3).map((cell) => cell.trim()));

before(() => {
  addExchange(createSeriesExchange(EXCHANGE));
  addFrame({ frameName: FRAME, interval: "1m", startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T23:59:00Z") });
  addStrategy(createEmaCrossStrategy("ties-ema-a"));
  addStrategy(createEmaCrossStrategy("ties-ema-b"));
  addStrategy(createBreakoutStrategy("ties-breakout"));
  addStrategy(createOracleStrategy("ties-oracle-1h", "1h"));
  addStrategy(createOracleStrategy("ties-oracle-15m", "15m"));
});

test("equal metrics share a rank, and with equal trades the walker's order breaks the tie, said in results and report", async () => {
  const seen = [];
  const stop = listenWalker((event) => event.walkerName === "ties-same" && seen.push(event.bestStrategy));
  const { results, report } = await runWalker("ties-same", ["ties-breakout", "ties-ema-b", "ties-ema-a"], "totalPnl");
  stop();
  const [a, b] = ["ties-ema-a", "ties-ema-b"].map((name) => results.strategyResults.find((r) => r.strategyName === name));
  assert.equal(a.metricValue, b.metricValue);
  assert.equal(a.stats.totalSignals, b.stats.totalSignals);
  const breakout = results.strategyResults.find((r) => r.strategyName === "ties-breakout");
  assert.ok(b.metricValue > breakout.metricValue, "the EMA clones lead on this day");
  assert.equal(results.bestStrategy, "ties-ema-b");
  assert.equal(results.tieBroken, true);
  assert.deepEqual(results.tiedStrategies, ["ties-ema-b", "ties-ema-a"]);
  assert.deepEqual(ranks(report), [["1", "ties-ema-b"], ["1", "ties-ema-a"], ["3", "ties-breakout"]]);
  assert.match(
    report,
    /\*\*Tie:\*\* ties-ema-b, ties-ema-a share the best totalPnl \(-?\d+\.\d{3}\); ties-ema-b was chosen by the tie-break rule: more closed trades, then the walker's strategy order\./
  );
  assert.deepEqual(seen, ["ties-breakout", "ties-ema-b", "ties-ema-b"]);
});

test("on an equal metric the strategy with more trades wins, whatever the order", async () => {
  const { results, report } = await runWalker("ties-trades", ["ties-oracle-1h", "ties-oracle-15m"], "winRate");
  const [hourly, quarter] = results.strategyResults;
  assert.equal(hourly.metricValue, 100);
  assert.equal(quarter.metricValue, 100);
  assert.ok(quarter.stats.totalSignals > hourly.stats.totalSignals);
  assert.equal(results.bestStrategy, "ties-oracle-15m");
  assert.equal(results.tieBroken, true);
  assert.deepEqual(ranks(report), [["1", "ties-oracle-15m"], ["1", "ties-oracle-1h"]]);
  assert.match(report, /## Best Strategy: ties-oracle-15m/);
});

test("without a tie nothing is said and tieBroken is false", async () => {
  const { results, report } = await runWalker("ties-none", ["ties-ema-a", "ties-breakout"], "totalPnl");
  assert.equal(results.tieBroken, false);
  assert.deepEqual(results.tiedStrategies, [results.bestStrategy]);
  assert.doesNotMatch(report, /\*\*Tie:\*\*/);
  assert.deepEqual(ranks(report).map(([rank]) => rank), ["1", "2"]);
});
