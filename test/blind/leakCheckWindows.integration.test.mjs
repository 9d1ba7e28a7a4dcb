// The memorization check of a file with several test windows compares every window, not
// only the last one, and sums each strategy's figures over all windows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { withEnv } from "../helpers/withEnv.mjs";
import { startCheatModel } from "../helpers/cheatModel.mjs";
import { ROOT, linkPackage, seriesExchangeTemplate } from "../helpers/generatedRun.mjs";
import { addPinnedOptimizer, PINNED_SYMBOL } from "../helpers/pinnedRun.mjs";
import { runCli } from "../helpers/cli.mjs";

const WINDOWS = [
  ["2023-03-13T00:00:00.000Z", "2023-03-13T06:00:00.000Z"],
  ["2023-03-13T06:01:00.000Z", "2023-03-13T12:00:00.000Z"],
];

/** A strategy's figures in one walker's results, as the check reports them. */
const figuresIn = (results, strategyName) => {
  const { stats } = results.strategyResults.find((item) => item.strategyName === strategyName);
  return { trades: stats.totalSignals, totalPnl: stats.totalPnl, winRate: stats.winRate };
};

/** The "| strategy | ... | Total Signals | ... | Total PNL |" cells of a walker report, by strategy. */
const walkerRows = (report) => {
  const lines = report.slice(report.indexOf("## Top Strategies Comparison")).split("\n").filter((line) => line.startsWith("| "));
  const header = lines[0].split("|").slice(1, -1).map((cell) => cell.trim());
  return new Map(lines.slice(2).map((line) => {
    const cells = line.split("|").slice(1, -1).map((cell) => cell.trim());
    const row = Object.fromEntries(header.map((name, index) => [name, cells[index]]));
    return [row.Strategy, row];
  }));
};

const signedPercent = (value) => (value === null ? "N/A" : `${value > 0 ? "+" : ""}${value.toFixed(2)}%`);

test("leakCheck of a file with two test windows compares each window and the total over both", async (t) => {
  const baseline = await serveBaselineModel();
  t.after(baseline.close);
  const dir = await makeTempDir(t, "backtest-kit-leak-windows-");
  await linkPackage(dir);
  const optimizerName = addPinnedOptimizer({
    rangeTest: WINDOWS.map(([start, end]) => ({ startDate: new Date(start), endDate: new Date(end) })),
  });
  const report = await withEnv({ OLLAMA_HOST: baseline.host, BACKTEST_KIT_LLM_CACHE: "off" }, () =>
    Optimizer.leakCheck(PINNED_SYMBOL, { optimizerName }, { out: dir })
  );
  assert.deepEqual(
    report.windows.map((window) => [window.window, window.walkerName, window.startDate.toISOString(), window.endDate.toISOString()]),
    [[1, "pinned_walker-1", ...WINDOWS[0]], [2, "pinned_walker-2", ...WINDOWS[1]]]
  );
  assert.equal(report.walkerName, "pinned_walker-1, pinned_walker-2");
  assert.equal(report.runs, report.windows[1].runs, "runs are the last window's, as before");

  const names = ["pinned_strategy-1", "pinned_strategy-2"];
  for (const [index, window] of report.windows.entries()) {
    for (const mode of ["blind", "plain"]) {
      assert.equal(window.runs[mode].frameName, `pinned_test_frame-${index + 1}`);
      assert.equal(window.runs[mode].promptMode, mode);
      // the figures are those of the window's own walker report of that run
      const rows = walkerRows(await readFile(join(dir, "leak-check", mode, "dump", "walker", `pinned_walker-${index + 1}.md`), "utf8"));
      for (const name of names) {
        const figures = window.strategies.find((item) => item.strategyName === name)[mode];
        assert.deepEqual(figures, figuresIn(window.runs[mode], name));
        assert.equal(rows.get(name)["Total Signals"], `${figures.trades}`);
        assert.equal(rows.get(name)["Total PNL"], signedPercent(figures.totalPnl));
      }
    }
    assert.ok(window.strategies.every((item) => item.blind.trades > 0), `window ${index + 1} has trades to compare`);
    assert.equal(window.suspicious, false);
  }
  assert.notDeepEqual(report.windows[0].strategies, report.windows[1].strategies, "two different windows, not one twice");

  // the total: trades, PnL and wins summed over the windows
  assert.deepEqual(report.strategies.map((item) => item.strategyName), names);
  for (const item of report.strategies) {
    for (const mode of ["blind", "plain"]) {
      const stats = report.windows.map((window) => window.runs[mode].strategyResults.find((r) => r.strategyName === item.strategyName).stats);
      const trades = stats[0].totalSignals + stats[1].totalSignals;
      assert.deepEqual(item[mode], {
        trades,
        totalPnl: stats[0].totalPnl + stats[1].totalPnl,
        winRate: ((stats[0].winCount + stats[1].winCount) / trades) * 100,
      });
    }
    assert.equal(item.pnlDifference, item.plain.totalPnl - item.blind.totalPnl);
    assert.equal(item.plainMuchBetter, false);
  }
  assert.equal(report.suspicious, false);
  assert.match(report.verdict, /no sign that the model recognises the period/);

  const text = report.report;
  const sections = [...text.matchAll(/^## (.*)$/gm)].map((match) => match[1]);
  assert.deepEqual(sections, [
    "All windows",
    `Window 1: ${WINDOWS[0][0]} - ${WINDOWS[0][1]} (pinned_walker-1)`,
    `Window 2: ${WINDOWS[1][0]} - ${WINDOWS[1][1]} (pinned_walker-2)`,
  ]);
  assert.match(text, /^\*\*Test windows:\*\* 2 /m);
  for (const [heading, strategies] of [["## All windows", report.strategies], ...report.windows.map((w) => [`## Window ${w.window}:`, w.strategies])]) {
    const section = text.slice(text.indexOf(heading)).split("\n\n")[1];
    for (const item of strategies) {
      assert.ok(section.includes(`| ${item.strategyName} | ${item.blind.trades} | ${item.plain.trades} | ${signedPercent(item.blind.totalPnl)} |`), `${heading} ${item.strategyName}\n${section}`);
    }
  }
});

/** A walk-forward config over the real series whose strategies the model answers (exchange from the test helper). */
const WALK_FORWARD_CONFIG = `import { addOptimizer } from "backtest-kit";
import { seriesExchangeTemplate } from ${JSON.stringify(pathToFileURL(join(ROOT, "test", "helpers", "generatedRun.mjs")).href)};
addOptimizer({
  optimizerName: "cli-leak-windows",
  prefix: "wfleak",
  walkForward: { startDate: new Date("2023-03-11T00:00:00Z"), trainDays: 1, testDays: 1, steps: 2 },
  source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
  getPrompt: async () => "Trade what comes next.",
  template: { getExchangeTemplate: seriesExchangeTemplate },
});
`;

test("leak-check of a walk-forward config names the window where the plain run looks the future up", async (t) => {
  // the cheat looks up moments of the second test window (14 March) only
  const cheat = await startCheatModel({ from: Date.parse("2023-03-14T00:00:00Z") });
  t.after(cheat.close);
  const dir = await makeTempDir(t, "backtest-kit-cli-leak-windows-");
  await linkPackage(dir);
  await writeFile(join(dir, "config.mjs"), WALK_FORWARD_CONFIG);
  const { code, stdout, stderr } = await runCli(["leak-check", "config.mjs", "--symbol", "BTCUSDT", "--out", "out"], {
    cwd: dir,
    env: { OLLAMA_HOST: cheat.host, BACKTEST_KIT_LLM_CACHE: "off" },
  });
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^## Window 1: 2023-03-13T00:00:00\.000Z - 2023-03-13T23:59:00\.000Z \(wfleak_walker-1\)$/m);
  assert.match(stdout, /^## Window 2: 2023-03-14T00:00:00\.000Z - 2023-03-14T23:59:00\.000Z \(wfleak_walker-2\)$/m);
  const window1 = stdout.slice(stdout.indexOf("## Window 1:"), stdout.indexOf("## Window 2:"));
  assert.match(window1, /^\| wfleak_strategy-1 \| 0 \| 0 \| N\/A \| N\/A \| 0\.00 \| N\/A \| N\/A \| N\/A \| no \|$/m);
  const window2 = stdout.slice(stdout.indexOf("## Window 2:"), stdout.indexOf("Plain counts as much better"));
  assert.match(window2, /^\| wfleak_strategy-1 \| 0 \| [1-9]\d* \| N\/A \| \+[\d.]+% \| \+[\d.]+ \| N\/A \| [\d.]+% \| N\/A \| YES \|$/m);
  const total = stdout.slice(stdout.indexOf("## All windows"), stdout.indexOf("## Window 1:"));
  assert.match(total, /^\| wfleak_strategy-1 \| 0 \| [1-9]\d* \| .* \| YES \|$/m);
  assert.match(stdout, /\*\*Verdict:\*\* The plain run does much better than the blind one for wfleak_strategy-1 \(over all windows, window 2\), wfleak_strategy-2 \(over all windows, window 2\): a sign/);
});

test("a file whose runs complete fewer walkers than the test windows is an error naming both counts", async (t) => {
  const baseline = await serveBaselineModel();
  t.after(baseline.close);
  const dir = await makeTempDir(t, "backtest-kit-leak-windows-short-");
  await linkPackage(dir);
  const optimizerName = addPinnedOptimizer({
    rangeTest: [
      { startDate: new Date("2023-03-13T00:00:00Z"), endDate: new Date("2023-03-13T01:00:00Z") },
      { startDate: new Date("2023-03-13T02:00:00Z"), endDate: new Date("2023-03-13T03:00:00Z") },
    ],
    template: {
      getExchangeTemplate: seriesExchangeTemplate,
      // a launcher that forgets every window but the first
      getWalkForwardLauncherTemplate: (symbol, walkerNames) =>
        `for await (const _ of Walker.run(${JSON.stringify(symbol)}, { walkerName: ${JSON.stringify(walkerNames[0])} }));`,
    },
  });
  await assert.rejects(
    withEnv({ OLLAMA_HOST: baseline.host, BACKTEST_KIT_LLM_CACHE: "off" }, () =>
      Optimizer.leakCheck(PINNED_SYMBOL, { optimizerName }, { out: dir })
    ),
    /^Error: leak check of .*: the runs completed 1 walker\(s\) \(pinned_walker-1\) for 2 test window\(s\)$/
  );
});
