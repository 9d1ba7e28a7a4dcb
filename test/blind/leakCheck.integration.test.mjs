// The memorization check runs a generated file blind and plain and compares them. The
// baseline (which reads ratios only) trades the same in both modes; a model that reads the
// dates and looks the future up does much better plain, and the check says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { withEnv } from "../helpers/withEnv.mjs";
import { startCheatModel } from "../helpers/cheatModel.mjs";
import { generatedFileEnv, linkPackage, runGenerated } from "../helpers/generatedRun.mjs";
import { addPinnedOptimizer, runPinnedFile, PINNED_SYMBOL } from "../helpers/pinnedRun.mjs";

/** Each strategy's trades, without the ids and notes that name the conversation. */
const tradesOf = (results) =>
  results.strategyResults.map(({ strategyName, stats }) => [
    strategyName,
    stats.signalList.map(({ signal, closeReason, closeTimestamp, currentPrice, pnl }) => ({
      position: signal.position,
      priceOpen: signal.priceOpen,
      priceTakeProfit: signal.priceTakeProfit,
      priceStopLoss: signal.priceStopLoss,
      pendingAt: signal.pendingAt,
      closeReason,
      closeTimestamp,
      currentPrice,
      pnl: pnl.pnlPercentage,
    })),
  ]);

/** Figures as the check reports them. */
const figuresOf = (results) =>
  Object.fromEntries(results.strategyResults.map(({ strategyName, stats }) => [strategyName, { trades: stats.totalSignals, totalPnl: stats.totalPnl, winRate: stats.winRate }]));

/** Runs the pinned file with BACKTEST_KIT_BLIND=`mode` and resolves to its walker results. */
const runMode = async (t, mode, schemaExtra) => {
  const dir = await makeTempDir(t, `backtest-kit-mode-${mode}-`);
  const results = join(dir, "results.json");
  const run = await runPinnedFile(dir, schemaExtra, { BACKTEST_KIT_BLIND: mode, BACKTEST_KIT_WALKER_RESULTS: results });
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  return { dir, results: JSON.parse(await readFile(results, "utf8")) };
};

test("the baseline makes the same trades blind and plain on the real series, and each run names its mode", async (t) => {
  const range = { rangeTest: { startDate: new Date("2023-03-13T00:00:00Z"), endDate: new Date("2023-03-13T12:00:00Z") } };
  const blind = await runMode(t, "on", range);
  const plain = await runMode(t, "off", range);
  const trades = tradesOf(blind.results);
  assert.ok(trades.every(([, list]) => list.length >= 5), JSON.stringify(trades.map(([name, list]) => [name, list.length])));
  assert.deepEqual(trades, tradesOf(plain.results));
  assert.equal(blind.results.promptMode, "blind");
  assert.equal(plain.results.promptMode, "plain");
  assert.ok(blind.results.strategyResults.every((result) => result.promptMode === "blind"));
  const report = await readFile(join(blind.dir, "dump", "walker", "pinned_walker.md"), "utf8");
  assert.match(report, /^\*\*Prompt mode:\*\* blind \(no dates, symbol as ASSET, prices rebased to the last close\)$/m);
  const plainReport = await readFile(join(plain.dir, "dump", "backtest", "pinned_strategy-1.md"), "utf8");
  assert.match(plainReport, /^\*\*Prompt mode:\*\* plain/m);
});

test("leakCheck runs the file blind and plain; its numbers are those of the two runs done separately", async (t) => {
  const baseline = await serveBaselineModel();
  t.after(baseline.close);
  const dir = await makeTempDir(t, "backtest-kit-leak-check-");
  await linkPackage(dir);
  const optimizerName = addPinnedOptimizer();
  const report = await withEnv({ OLLAMA_HOST: baseline.host, BACKTEST_KIT_LLM_CACHE: "off" }, () =>
    Optimizer.leakCheck(PINNED_SYMBOL, { optimizerName }, { out: dir })
  );
  assert.equal(report.file, join(dir, `${optimizerName}_${PINNED_SYMBOL}.mjs`));
  assert.equal(report.walkerName, "pinned_walker");
  assert.equal(report.windows.length, 1, "one test range is one window");
  assert.deepEqual(report.windows[0].strategies, report.strategies);
  assert.equal(report.windows[0].runs, report.runs.blind === report.windows[0].runs.blind ? report.windows[0].runs : null);
  assert.doesNotMatch(report.report, /^## /m, "the one-window report has no window sections");
  assert.equal(report.runs.blind.promptMode, "blind");
  assert.equal(report.runs.plain.promptMode, "plain");

  const separately = {};
  for (const mode of ["blind", "plain"]) {
    const cwd = await makeTempDir(t, `backtest-kit-leak-separate-${mode}-`);
    const results = join(cwd, "results.json");
    const env = generatedFileEnv(baseline.host, { BACKTEST_KIT_BLIND: mode === "blind" ? "on" : "off", BACKTEST_KIT_WALKER_RESULTS: results });
    const run = await runGenerated(report.file, cwd, env);
    assert.equal(run.code, 0, run.stderr.slice(-3000));
    separately[mode] = figuresOf(JSON.parse(await readFile(results, "utf8")));
  }
  assert.deepEqual(
    report.strategies.map(({ strategyName, blind, plain }) => [strategyName, blind, plain]),
    Object.keys(separately.blind).map((name) => [name, separately.blind[name], separately.plain[name]])
  );
  for (const item of report.strategies) {
    assert.equal(item.pnlDifference, (item.plain.totalPnl ?? 0) - (item.blind.totalPnl ?? 0));
    assert.equal(item.plainMuchBetter, false);
  }
  assert.equal(report.suspicious, false);
  assert.match(report.verdict, /no sign that the model recognises the period/);
  assert.match(report.report, /^\| pinned_strategy-1 \| \d+ \| \d+ \| [-+]?[\d.]+% \| [-+]?[\d.]+% \| [-+]?[\d.]+ \|/m);
  const blindReport = await readFile(join(dir, "leak-check", "blind", "dump", "walker", "pinned_walker.md"), "utf8");
  assert.match(blindReport, /\*\*Prompt mode:\*\* blind/);
});

test("a model that reads the dates and looks the future up does much better plain, and the check says so in words", async (t) => {
  // plain: the last 1m line's time names the moment; answer with what the next hour brings
  const cheat = await startCheatModel();
  t.after(cheat.close);
  const dir = await makeTempDir(t, "backtest-kit-leak-cheat-");
  await linkPackage(dir);
  const optimizerName = addPinnedOptimizer({
    rangeTest: { startDate: new Date("2023-03-13T00:00:00Z"), endDate: new Date("2023-03-13T12:00:00Z") },
  });
  const report = await withEnv({ OLLAMA_HOST: cheat.host, BACKTEST_KIT_LLM_CACHE: "off" }, () =>
    Optimizer.leakCheck(PINNED_SYMBOL, { optimizerName }, { out: dir })
  );
  for (const item of report.strategies) {
    assert.equal(item.blind.trades, 0, "blind, the cheat has nothing to look up");
    assert.ok(item.plain.trades > 0 && item.plain.totalPnl >= 1, JSON.stringify(item));
    assert.equal(item.plainMuchBetter, true);
  }
  assert.equal(report.suspicious, true);
  assert.match(report.verdict, /^The plain run does much better than the blind one for pinned_strategy-1, pinned_strategy-2: a sign that the model recognises the period/);
  assert.match(report.report, /\| YES \|/);
});
