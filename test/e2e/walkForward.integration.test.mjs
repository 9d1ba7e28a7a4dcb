// A walk-forward file generated with the baseline model runs, as a standalone program, on
// the bundled real series: a walker per test window and the out-of-sample report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { access, mkdir, readFile, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addOptimizer, askText, CandleStore, Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { SERIES_PATH, loadSeries, seriesOf } from "../helpers/series.mjs";
import { formatCandles } from "../helpers/baseline.mjs";
import { runNode } from "../helpers/runNode.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SYMBOL = "BTCUSDT";
const KILL_AFTER_MS = 240_000;
const WINDOWS = [["2023-03-15T00:00:00Z", "2023-03-15T23:59:00Z"], ["2023-03-16T00:00:00Z", "2023-03-16T23:59:00Z"]];

const cellsOf = (line) => line.split("|").slice(1, -1).map((cell) => cell.trim());

/** Rows of the markdown table after `heading`, each as { column name: cell }, and as arrays in `.cells`. */
const tableAfter = (report, heading) => {
  const lines = report.slice(report.indexOf(heading)).split("\n");
  const start = lines.findIndex((line) => line.startsWith("|"));
  const header = cellsOf(lines[start]);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const cells = cellsOf(line);
    rows.push(Object.assign(cells.slice(), Object.fromEntries(header.map((name, i) => [name, cells[i]]))));
  }
  return rows;
};

const percent = (text) => Number(text.replace("%", ""));

/** Buy-and-hold of one window by hand: the first open, the last close, 0.1% slippage and fee per leg. */
const handBuyAndHold = ([start, end]) => {
  const series = loadSeries();
  const open = series.find((c) => c.timestamp === Date.parse(start)).open;
  const close = series.find((c) => c.timestamp === Date.parse(end)).close;
  const bought = open * 1.001;
  const sold = close * 0.999;
  return ((sold - bought) / bought) * 100 - 0.2;
};

test("a walkForward file backtests every strategy on every window and picks the best on the out-of-sample total", async (t) => {
  const model = await serveBaselineModel();
  t.after(() => model.close());
  const dir = await makeTempDir(t, "backtest-kit-e2e-walk-forward-");
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  await symlink(join(ROOT, "node_modules", "ollama"), join(dir, "node_modules", "ollama"), "dir");
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol: SYMBOL, path: join(dir, ".backtest-kit", "candles.sqlite") });

  const quarterHours = seriesOf("15m");
  const optimizerName = `e2e-walk-forward-${process.pid}`;
  addOptimizer({
    optimizerName,
    prefix: "wf",
    walkForward: { startDate: new Date("2023-03-13T00:00:00Z"), trainDays: 1, testDays: 1, steps: 2 },
    source: [{
      name: "candles-15m",
      fetch: async ({ startDate, endDate, offset, limit }) =>
        quarterHours
          .filter((c) => c.timestamp >= startDate.getTime() && c.timestamp <= endDate.getTime())
          .map((c) => ({ id: c.timestamp, ...c }))
          .slice(offset, offset + limit),
      user: (symbol, rows) => `${symbol} 15-minute candles:\n${formatCandles(rows, "15m")}`,
      assistant: () => "15-minute candles read.",
    }],
    getPrompt: async (symbol, messages) =>
      await askText([...messages, { role: "user", content: `Write a trading strategy for ${symbol}.` }], {
        host: model.host, cache: false,
      }),
  });
  const file = await Optimizer.dump(SYMBOL, { optimizerName }, dir);
  const code = await readFile(file, "utf8");
  assert.match(code, /BASELINE PARAMETERS: mode=/);

  const env = { ...process.env, OLLAMA_HOST: model.host };
  for (const name of Object.keys(env)) {
    if (name.startsWith("BACKTEST_KIT_") || name === "NODE_TEST_CONTEXT" || name === "OLLAMA_API_KEY") delete env[name];
  }
  const run = await runNode(file, dir, env, KILL_AFTER_MS);
  const diagnostics = `stdout:\n${run.stdout.slice(-3000)}\nstderr:\n${run.stderr.slice(-3000)}`;
  assert.equal(run.code, 0, diagnostics);
  assert.doesNotMatch(run.stderr, /^Error: |failed/m, diagnostics);

  // each window's walker report, with its own buy-and-hold row
  const windowTotals = new Map();
  for (const [index, window] of WINDOWS.entries()) {
    const report = await readFile(join(dir, "dump", "walker", `wf_walker-${index + 1}.md`), "utf8");
    assert.match(report, new RegExp(`\\*\\*Frame:\\*\\* wf_test_frame-${index + 1}`));
    const rows = tableAfter(report, "## Top Strategies Comparison");
    const buyAndHold = rows.find((row) => row.Strategy === "Buy and hold");
    assert.equal(buyAndHold["Total PNL"], `${handBuyAndHold(window) > 0 ? "+" : ""}${handBuyAndHold(window).toFixed(2)}%`);
    for (const row of rows.filter((row) => row.Strategy !== "Buy and hold")) {
      const total = row["Total PNL"];
      windowTotals.set(row.Strategy, [...(windowTotals.get(row.Strategy) ?? []), total === "N/A" ? 0 : percent(total)]);
    }
    assert.match(report, /## Luck Test/);
  }
  assert.deepEqual([...windowTotals.keys()].sort(), ["wf_strategy-1", "wf_strategy-2"]);

  // each window's backtest reports in its own folder: that window's trades and totals
  for (const [index, [start, end]] of WINDOWS.entries()) {
    const walkerRows = tableAfter(await readFile(join(dir, "dump", "walker", `wf_walker-${index + 1}.md`), "utf8"), "## Top Strategies Comparison");
    let windowTrades = 0;
    for (const strategyName of windowTotals.keys()) {
      const report = await readFile(join(dir, "dump", "backtest", `window-${index + 1}`, `${strategyName}.md`), "utf8");
      assert.match(report, new RegExp(`^# Backtest Report: ${strategyName}$`, "m"));
      const walkerTotal = walkerRows.find((row) => row.Strategy === strategyName)["Total PNL"];
      assert.equal(/^\*\*Total PNL:\*\* (\S+) /m.exec(report)[1], walkerTotal, `window ${index + 1} ${strategyName}`);
      const trades = report.includes("No signals closed yet.") ? [] : tableAfter(report, "| Signal ID");
      for (const trade of trades) {
        assert.ok(trade["Open Time"] >= new Date(start).toISOString() && trade["Open Time"] <= new Date(end).toISOString(),
          `window ${index + 1} ${strategyName} trade opened at ${trade["Open Time"]}, outside ${start} - ${end}`);
      }
      windowTrades += trades.length;
    }
    assert.ok(windowTrades > 0, `window ${index + 1} has trades to date`);
  }
  for (const strategyName of windowTotals.keys()) {
    await assert.rejects(access(join(dir, "dump", "backtest", `${strategyName}.md`)), { code: "ENOENT" }, "no report shared by the windows");
  }

  // the walk-forward report: both windows, each strategy's total, the best on the total
  const report = await readFile(join(dir, "dump", "walker", "wf_walker_walk_forward.md"), "utf8");
  const windows = tableAfter(report, "## Test Windows");
  assert.deepEqual(windows.map((row) => [row[1], row[2], row[3]]), [
    ["wf_walker-1", "2023-03-15T00:00:00.000Z", "2023-03-15T23:59:00.000Z"],
    ["wf_walker-2", "2023-03-16T00:00:00.000Z", "2023-03-16T23:59:00.000Z"],
  ]);
  const totals = tableAfter(report, "## Out-of-Sample Total").filter((row) => row[1] !== "Buy and hold");
  for (const row of totals) {
    const perWindow = windowTotals.get(row[1]);
    assert.deepEqual(row.slice(2, 4).map(percent), perWindow);
    assert.ok(Math.abs(percent(row[4]) - perWindow.reduce((a, b) => a + b, 0)) <= 0.011, row.join(" | "));
  }
  const best = /^## Best Strategy: (\S+)$/m.exec(report)[1];
  const highest = Math.max(...totals.map((row) => percent(row[4])));
  assert.equal(percent(totals.find((row) => row[1] === best)[4]), highest);
  assert.equal(totals[0][0], "1");
  assert.match(run.stdout, new RegExp(`Walk-forward completed, best strategy on the out-of-sample total: ${best}`));
});
