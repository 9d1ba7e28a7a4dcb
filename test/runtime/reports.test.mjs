// Rule 11 statistics, reports, dump, no disk writes during runs (rule 14), and events.
// Fee and slippage are 0 in this file so PnLs are round numbers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import * as lib from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import {
  T0, at, series, setupBacktest, syntheticExchange, collect, flush, uniq, nonFinitePaths, DEFAULT_CONFIG,
} from "../helpers/synthetic.mjs";

const {
  Backtest, Walker, setConfig, addExchange, addFrame, addStrategy, addWalker,
  listenSignal, listenSignalBacktest, listenSignalBacktestOnce, listenDoneBacktest, listenDoneBacktestOnce,
  listenBacktestProgress, listenWalker, listenWalkerProgress, listenWalkerComplete, listenDoneWalker,
} = lib;
const SYMBOL = "BTCUSDT";

before(() => setConfig({ CC_PERCENT_FEE: 0, CC_PERCENT_SLIPPAGE: 0 }));
after(() => setConfig({ ...DEFAULT_CONFIG }));

const near = (actual, expected, label = "", eps = 1e-9) =>
  assert.ok(typeof actual === "number" && Math.abs(actual - expected) < eps, `${label}: expected ${expected}, got ${actual}`);

const long = (extra = {}) => ({ position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60, ...extra });

// Candles whose typical price (h+l+c)/3 is exactly 100, so the average price stays 100:
const TP = [100, 111, 94, 95]; // long TP 110 hit, SL 90 not
const SL = [100, 106, 89, 105]; // long SL 90 hit, TP 110 not
const DIP = [100, 106, 94, 100]; // low 94: activates a long priceOpen 95, SL 90 not hit

/** Three trades: +10 (3 min), -10 (2 min), +10 (1 min). */
const threeTrades = () => ({
  candles: series({ rows: [100, 100, TP, 100, SL, TP, 100, 100, 100], tail: 30 }),
  endDate: at(8),
  signals: [long(), long(), long()],
});

test("statistics for three trades (+10, -10, +10) by hand", async () => {
  const setup = setupBacktest(lib, { label: "stats3", ...threeTrades() });
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.deepEqual(results.map((r) => [r.closeReason, r.signal.pendingAt, r.closeTimestamp]), [
    ["take_profit", T0, at(3)],
    ["stop_loss", at(3), at(5)],
    ["take_profit", at(5), at(6)],
  ]);
  const stats = await Backtest.getData(SYMBOL, setup.strategyName);
  assert.deepEqual(nonFinitePaths(stats), []);
  assert.equal(stats.totalSignals, 3);
  assert.equal(stats.signalList.length, 3);
  assert.deepEqual(stats.signalList.map((r) => r.closeReason), ["take_profit", "stop_loss", "take_profit"]);
  assert.equal(stats.winCount, 2);
  assert.equal(stats.lossCount, 1);
  near(stats.winRate, 200 / 3, "winRate");
  near(stats.avgPnl, 10 / 3, "avgPnl");
  near(stats.totalPnl, 10, "totalPnl");
  const sd = Math.sqrt(2400 / 27); // population: mean 10/3, deviations 20/3, -40/3, 20/3
  near(stats.stdDev, sd, "stdDev");
  near(stats.sharpeRatio, 10 / 3 / sd, "sharpeRatio"); // = sqrt(2)/4
  assert.equal(stats.annualizedSharpeRatio, null, "a range of minutes is shorter than CC_ANNUALISE_MIN_DAYS: nothing is annualised");
  near(stats.certaintyRatio, 1, "certaintyRatio");
  // an 8-minute test range is far below CC_ANNUALISE_MIN_DAYS (30): no yearly figure
  assert.equal(stats.expectedYearlyReturns, null);
});

test("statistics for one winning trade: null (never NaN/Infinity) where undefined, Sharpe 0 as in 1.4", async () => {
  const setup = setupBacktest(lib, {
    label: "stats1",
    candles: series({ rows: [100, 100, TP, 100], tail: 30 }),
    endDate: at(4),
    signals: [long()],
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const stats = await Backtest.getData(SYMBOL, setup.strategyName);
  assert.deepEqual(nonFinitePaths(stats), []);
  assert.equal(stats.totalSignals, 1);
  assert.equal(stats.winCount, 1);
  assert.equal(stats.lossCount, 0);
  near(stats.winRate, 100, "winRate");
  near(stats.avgPnl, 10, "avgPnl");
  near(stats.totalPnl, 10, "totalPnl");
  assert.equal(stats.stdDev, 0);
  assert.equal(stats.sharpeRatio, 0, "no spread: Sharpe 0, as 1.4 counts it");
  assert.equal(stats.annualizedSharpeRatio, null);
  assert.equal(stats.certaintyRatio, null);
  assert.equal(stats.expectedYearlyReturns, null, "a 4-minute range is not annualised");
});

test("expected yearly returns compound and never fall below -100%; a range shorter than CC_ANNUALISE_MIN_DAYS shows N/A", async (t) => {
  setConfig({ CC_ANNUALISE_MIN_DAYS: 0 });
  t.after(() => setConfig({ CC_ANNUALISE_MIN_DAYS: 30 }));
  const setup = setupBacktest(lib, {
    label: "yearly-loss",
    candles: series({ rows: [100, 100, SL, 100], tail: 30 }),
    endDate: at(4),
    signals: [long()],
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const stats = await Backtest.getData(SYMBOL, setup.strategyName);
  near(stats.totalPnl, -10, "totalPnl");
  // 0.9 compounded over a year of 4-minute ranges is all but -100%, never below it
  assert.ok(stats.expectedYearlyReturns >= -100 && stats.expectedYearlyReturns < -99.99, `got ${stats.expectedYearlyReturns}`);
  setConfig({ CC_ANNUALISE_MIN_DAYS: 30 });
  const shortRange = await Backtest.getData(SYMBOL, setup.strategyName);
  assert.equal(shortRange.expectedYearlyReturns, null);
  assert.match(await Backtest.getReport(SYMBOL, setup.strategyName), /\*\*Expected Yearly Returns:\*\* N\/A/);
});

test("statistics for zero trades: all ratios null, no NaN/Infinity, report has no NaN", async () => {
  const setup = setupBacktest(lib, { label: "stats0", candles: series({ tail: 30 }), endDate: at(3) });
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.equal(results.length, 0);
  const stats = await Backtest.getData(SYMBOL, setup.strategyName);
  assert.deepEqual(nonFinitePaths(stats), []);
  assert.equal(stats.totalSignals, 0);
  assert.deepEqual(stats.signalList, []);
  assert.equal(stats.winCount, 0);
  assert.equal(stats.lossCount, 0);
  for (const key of ["winRate", "avgPnl", "stdDev", "sharpeRatio", "annualizedSharpeRatio", "certaintyRatio", "expectedYearlyReturns"]) {
    assert.equal(stats[key], null, key);
  }
  assert.ok(stats.totalPnl === null || stats.totalPnl === 0, `totalPnl ${stats.totalPnl}`);
  const report = await Backtest.getReport(SYMBOL, setup.strategyName);
  assert.ok(report.includes(`# Backtest Report: ${setup.strategyName}`));
  assert.ok(report.includes("**Closed signals:** 0"), report);
  assert.doesNotMatch(report, /NaN|Infinity|undefined/);
});

test("getData reflects the most recent run, not an accumulation of runs", async () => {
  const setup = setupBacktest(lib, {
    label: "rerun",
    candles: series({ rows: [100, 100, TP, 100], tail: 30 }),
    endDate: at(4),
    signals: (symbol, when) => (when === T0 ? long() : null),
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const stats = await Backtest.getData(SYMBOL, setup.strategyName);
  assert.equal(stats.totalSignals, 1);
  assert.equal(stats.signalList.length, 1);
});

test("getData is the strategy's most recent frame run: frame A (1 trade), frame B (0), A again (1)", async () => {
  const setup = setupBacktest(lib, {
    label: "frames",
    candles: series({ rows: [100, 100, TP, 100], tail: 300 }),
    endDate: at(4),
    signals: (symbol, when) => (when === T0 ? long() : null),
  });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.equal((await Backtest.getData(SYMBOL, setup.strategyName)).totalSignals, 1);
  const frameB = uniq("frameB");
  addFrame({ frameName: frameB, interval: "1m", startDate: new Date(at(100)), endDate: new Date(at(110)) });
  await collect(Backtest.run(SYMBOL, { ...setup.ctx, frameName: frameB }));
  assert.equal((await Backtest.getData(SYMBOL, setup.strategyName)).totalSignals, 0);
  await collect(Backtest.run(SYMBOL, setup.ctx));
  assert.equal((await Backtest.getData(SYMBOL, setup.strategyName)).totalSignals, 1);
});

test("getReport: heading, trade table and the summary lines", async () => {
  const setup = setupBacktest(lib, { label: "report", ...threeTrades() });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const report = await Backtest.getReport(SYMBOL, setup.strategyName);
  assert.ok(report.startsWith(`# Backtest Report: ${setup.strategyName}`), report.slice(0, 200));
  assert.ok(report.includes("**Closed signals:** 3"), report);
  assert.match(report, /\*\*Win rate:\*\*[^\n]*66\.6/);
  assert.match(report, /\*\*Average PNL:\*\*[^\n]*3\.3/);
  assert.match(report, /\*\*Total PNL:\*\*[^\n]*10/);
  assert.match(report, /\|/); // a markdown table
  assert.match(report, /take_profit/);
  assert.match(report, /stop_loss/);
  assert.doesNotMatch(report, /NaN|Infinity|undefined/);
});

test("Backtest.dump writes NAME.md into the given directory and returns its path", async (t) => {
  const dir = await makeTempDir(t);
  const setup = setupBacktest(lib, { label: "dump", ...threeTrades() });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  const target = join(dir, "nested", "reports");
  const path = await Backtest.dump(SYMBOL, setup.strategyName, target);
  assert.equal(resolve(path), resolve(target, `${setup.strategyName}.md`));
  const text = await readFile(path, "utf8");
  assert.ok(text.includes(`# Backtest Report: ${setup.strategyName}`));
  assert.equal(text, await Backtest.getReport(SYMBOL, setup.strategyName));
});

/** Two strategies on one exchange/frame: "win" (+10) and "lose" (-10). */
const twoStrategyWalker = (metric = "totalPnl") => {
  const ex = syntheticExchange(series({ rows: [100, 100, TP, 100, SL, 100], tail: 30 }), { exchangeName: uniq("wex") });
  addExchange(ex.schema);
  const frameName = uniq("wframe");
  addFrame({ frameName, interval: "1m", startDate: new Date(T0), endDate: new Date(at(6)) });
  const win = uniq("w-win");
  addStrategy({ strategyName: win, interval: "1m", getSignal: async (s, when) => (new Date(when).getTime() === T0 ? long() : null) });
  const lose = uniq("w-lose");
  // opens at T0+3m, stopped on the T0+4m candle
  addStrategy({ strategyName: lose, interval: "1m", getSignal: async (s, when) => (new Date(when).getTime() === at(3) ? long() : null) });
  const walkerName = uniq("walker");
  addWalker({ walkerName, exchangeName: ex.exchangeName, frameName, strategies: [lose, win], metric });
  return { walkerName, win, lose, exchangeName: ex.exchangeName, frameName };
};

test("walker: contracts, best strategy by metric, getData, report and dump", async (t) => {
  const dir = await makeTempDir(t);
  const w = twoStrategyWalker("totalPnl");
  const contracts = await collect(Walker.run(SYMBOL, { walkerName: w.walkerName }));
  assert.equal(contracts.length, 2);
  assert.deepEqual(contracts.map((c) => c.strategyName), [w.lose, w.win]);
  assert.deepEqual(contracts.map((c) => c.strategiesTested), [1, 2]);
  assert.ok(contracts.every((c) => c.totalStrategies === 2 && c.walkerName === w.walkerName && c.metric === "totalPnl"));
  near(contracts[0].metricValue, -10, "lose metric");
  near(contracts[1].metricValue, 10, "win metric");
  assert.equal(contracts[1].bestStrategy, w.win);
  near(contracts[1].bestMetric, 10, "bestMetric");

  const data = await Walker.getData(SYMBOL, w.walkerName);
  assert.equal(data.bestStrategy, w.win);
  near(data.bestMetric, 10, "data.bestMetric");
  assert.equal(data.totalStrategies, 2);
  assert.equal(data.metric, "totalPnl");
  assert.equal(data.exchangeName, w.exchangeName);
  assert.equal(data.frameName, w.frameName);
  assert.equal(data.bestStats.totalSignals, 1);
  assert.deepEqual(data.strategyResults.map((r) => r.strategyName).sort(), [w.lose, w.win].sort());
  assert.deepEqual(data.failedStrategies, []);

  const report = await Walker.getReport(SYMBOL, w.walkerName);
  assert.ok(report.includes(`# Walker Comparison Report: ${w.walkerName}`), report.slice(0, 200));
  assert.ok(report.includes(`## Best Strategy: ${w.win}`), report);
  assert.ok(report.includes(w.lose));
  assert.doesNotMatch(report, /NaN|Infinity|undefined/);

  const path = await Walker.dump(SYMBOL, w.walkerName, dir);
  assert.equal(resolve(path), resolve(dir, `${w.walkerName}.md`));
  assert.ok((await readFile(path, "utf8")).includes(`# Walker Comparison Report: ${w.walkerName}`));
});

test("the walker report and summary say the uncomfortable part in words: the best strategy lost money, did worse than buy-and-hold", async () => {
  const w = twoStrategyWalker("totalPnl");
  const loserOnly = uniq("walker-loser");
  addWalker({ walkerName: loserOnly, exchangeName: w.exchangeName, frameName: w.frameName, strategies: [w.lose], metric: "totalPnl" });
  await collect(Walker.run(SYMBOL, { walkerName: loserOnly }));
  const report = await Walker.getReport(SYMBOL, loserOnly);
  const [title, , first, second] = report.split("\n");
  assert.equal(title, `# Walker Comparison Report: ${loserOnly}`);
  assert.equal(first, `**The best strategy lost money: ${w.lose} lost 10.00%.**`);
  assert.match(second, /^\*\*It did worse than buy-and-hold, which (gained|lost) [\d.]+%|ended flat over the same range\.\*\*$/);
  const summary = await Walker.getSummary(SYMBOL, loserOnly);
  assert.ok(summary.startsWith(`The best strategy lost money: ${w.lose} lost 10.00%.\nIt did worse than buy-and-hold`), summary);
  assert.match(summary, /\n\n\| Rank \| Strategy \| Metric \|[^\n]*\n\| --- \|[^\n]*\n\| 1 \| /);
  assert.match(summary, /\| - \| Buy and hold \|/);

  await collect(Walker.run(SYMBOL, { walkerName: w.walkerName }));
  const good = await Walker.getSummary(SYMBOL, w.walkerName);
  assert.ok(good.startsWith(`The best strategy, ${w.win}, gained 10.00%.\nIt did better than buy-and-hold`), good);

  const unmeasured = uniq("walker-certainty");
  addWalker({ walkerName: unmeasured, exchangeName: w.exchangeName, frameName: w.frameName, strategies: [w.lose], metric: "certaintyRatio" });
  await collect(Walker.run(SYMBOL, { walkerName: unmeasured }));
  assert.match(await Walker.getSummary(SYMBOL, unmeasured), /^No strategy could be chosen \(none has a value of the metric\)/, "one losing trade has no certainty ratio");
});

test("walker metric winRate: best is the winner with 100", async () => {
  const w = twoStrategyWalker("winRate");
  await collect(Walker.run(SYMBOL, { walkerName: w.walkerName }));
  const data = await Walker.getData(SYMBOL, w.walkerName);
  assert.equal(data.bestStrategy, w.win);
  near(data.bestMetric, 100, "winRate");
});

test("a backtest and a walker write nothing to disk; dump with the default dir writes under ./dump/backtest", async (t) => {
  const dir = await makeTempDir(t);
  const cwd = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(cwd));
  const setup = setupBacktest(lib, { label: "nodisk", ...threeTrades() });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await Backtest.getData(SYMBOL, setup.strategyName);
  await Backtest.getReport(SYMBOL, setup.strategyName);
  const w = twoStrategyWalker();
  await collect(Walker.run(SYMBOL, { walkerName: w.walkerName }));
  await Walker.getData(SYMBOL, w.walkerName);
  await Walker.getReport(SYMBOL, w.walkerName);
  await flush();
  assert.deepEqual(await readdir(dir), []);

  const path = await Backtest.dump(SYMBOL, setup.strategyName);
  assert.equal(resolve(dir, path), resolve(dir, "dump", "backtest", `${setup.strategyName}.md`));
  assert.ok((await stat(resolve(dir, "dump", "backtest", `${setup.strategyName}.md`))).isFile());
  const wpath = await Walker.dump(SYMBOL, w.walkerName);
  assert.equal(resolve(dir, wpath), resolve(dir, "dump", "walker", `${w.walkerName}.md`));
});

// ---------------------------------------------------------------- events

/** scheduled->cancelled, opened->closed, scheduled->opened->closed */
const eventScenario = () => ({
  candles: series({ rows: [100, SL, 100, TP, DIP, 100, TP, 100, 100], tail: 30 }),
  endDate: at(8),
  signals: [long({ priceOpen: 95 }), long(), long({ priceOpen: 95 })],
});

test("listenSignalBacktest and listenSignal get scheduled/opened/closed/cancelled in order", async () => {
  const setup = setupBacktest(lib, { label: "events", ...eventScenario() });
  const bt = [];
  const all = [];
  const KEEP = ["scheduled", "opened", "closed", "cancelled"];
  const stops = [
    listenSignalBacktest((e) => { if (e?.strategyName === setup.strategyName && KEEP.includes(e.action)) bt.push(e); }),
    listenSignal((e) => { if (e?.strategyName === setup.strategyName && KEEP.includes(e.action)) all.push(e); }),
  ];
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  stops.forEach((s) => s());
  const expected = ["scheduled", "cancelled", "opened", "closed", "scheduled", "opened", "closed"];
  assert.deepEqual(bt.map((e) => e.action), expected);
  assert.deepEqual(all.map((e) => e.action), expected);
  assert.equal(results.length, 2);
  // one signal id per signal across its events
  assert.equal(bt[0].signal.id, bt[1].signal.id);
  assert.equal(bt[2].signal.id, bt[3].signal.id);
  assert.equal(bt[4].signal.id, bt[5].signal.id);
  assert.equal(bt[5].signal.id, bt[6].signal.id);
  assert.notEqual(bt[0].signal.id, bt[2].signal.id);
  assert.equal(bt[1].closeTimestamp, at(2));
  assert.equal(bt[3].closeTimestamp, at(4));
  assert.equal(bt[5].signal.pendingAt, at(5));
  assert.equal(bt[6].closeTimestamp, at(7));
  assert.deepEqual(bt.filter((e) => e.action === "closed").map((e) => e.closeTimestamp), results.map((r) => r.closeTimestamp));
});

test("listenDoneBacktest fires once per run with the run's identity", async () => {
  const setup = setupBacktest(lib, { label: "done", candles: series({ tail: 30 }), endDate: at(2) });
  const done = [];
  const stop = listenDoneBacktest((e) => { if (e?.strategyName === setup.strategyName) done.push(e); });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.equal(done.length, 1);
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  stop();
  assert.equal(done.length, 2);
  const { exchangeName, strategyName, frameName, backtest, symbol } = done[0];
  assert.deepEqual(
    { exchangeName, strategyName, frameName, backtest, symbol },
    { exchangeName: setup.exchangeName, strategyName: setup.strategyName, frameName: setup.frameName, backtest: true, symbol: SYMBOL },
  );
});

test("listenBacktestProgress: 0..1, non-decreasing, ends at progress 1 with processedFrames = totalFrames", async () => {
  const setup = setupBacktest(lib, { label: "progress", candles: series({ tail: 30 }), endDate: at(10) });
  const events = [];
  const stop = listenBacktestProgress((e) => { if (e?.strategyName === setup.strategyName) events.push(e); });
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  stop();
  assert.ok(events.length >= 1);
  const last = events[events.length - 1];
  assert.equal(last.progress, 1);
  assert.equal(last.totalFrames, 11);
  assert.equal(last.processedFrames, 11);
  assert.equal(last.symbol, SYMBOL);
  assert.equal(last.exchangeName, setup.exchangeName);
  for (let i = 0; i < events.length; i++) {
    assert.ok(events[i].progress >= 0 && events[i].progress <= 1);
    if (i > 0) assert.ok(events[i].progress >= events[i - 1].progress);
  }
});

test("Backtest.background completes: listenDoneBacktest fires and getData has the trades", async () => {
  const setup = setupBacktest(lib, { label: "bgok", ...threeTrades() });
  const done = new Promise((resolveDone) => {
    listenDoneBacktestOnce((e) => e?.strategyName === setup.strategyName, resolveDone);
  });
  const cancel = Backtest.background(SYMBOL, setup.ctx);
  assert.equal(typeof cancel, "function");
  const event = await done;
  assert.equal(event.backtest, true);
  await flush();
  const stats = await Backtest.getData(SYMBOL, setup.strategyName);
  assert.equal(stats.totalSignals, 3);
});

test("Once variants fire once for the first matching event", async () => {
  const setup = setupBacktest(lib, { label: "once", ...threeTrades() });
  const closed = [];
  listenSignalBacktestOnce((e) => e?.strategyName === setup.strategyName && e.action === "closed", (e) => closed.push(e));
  const done = [];
  listenDoneBacktestOnce((e) => e?.strategyName === setup.strategyName, (e) => done.push(e));
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.equal(closed.length, 1);
  assert.equal(closed[0].closeReason, "take_profit");
  assert.equal(closed[0].closeTimestamp, at(3));
  assert.equal(done.length, 1);
});

test("unsubscribe works for listen and Once variants", async () => {
  const setup = setupBacktest(lib, { label: "unsub", ...threeTrades() });
  const got = [];
  const stop = listenSignalBacktest((e) => { if (e?.strategyName === setup.strategyName) got.push(e); });
  stop();
  const stopOnce = listenSignalBacktestOnce((e) => e?.strategyName === setup.strategyName, (e) => got.push(e));
  stopOnce();
  const stopDone = listenDoneBacktest((e) => { if (e?.strategyName === setup.strategyName) got.push(e); });
  stopDone();
  const results = await collect(Backtest.run(SYMBOL, setup.ctx));
  await flush();
  assert.equal(results.length, 3, "the run itself produced events");
  assert.deepEqual(got, []);
});

test("walker events: one contract and one progress event per strategy, complete and done once", async () => {
  const w = twoStrategyWalker();
  const contracts = [];
  const progress = [];
  const complete = [];
  const done = [];
  const stops = [
    listenWalker((e) => { if (e?.walkerName === w.walkerName) contracts.push(e); }),
    listenWalkerProgress((e) => { if (e?.walkerName === w.walkerName) progress.push(e); }),
    listenWalkerComplete((e) => { if (e?.walkerName === w.walkerName) complete.push(e); }),
    listenDoneWalker((e) => { if (e?.walkerName === w.walkerName || e?.strategyName === w.walkerName) done.push(e); }),
  ];
  await collect(Walker.run(SYMBOL, { walkerName: w.walkerName }));
  await flush();
  stops.forEach((s) => s());
  assert.deepEqual(contracts.map((c) => c.strategyName), [w.lose, w.win]);
  assert.deepEqual(progress.map((p) => p.processedStrategies), [1, 2]);
  assert.equal(progress[1].progress, 1);
  assert.equal(progress[1].totalStrategies, 2);
  assert.equal(complete.length, 1);
  assert.equal(complete[0].bestStrategy, w.win);
  assert.equal(done.length, 1);
});
