// The walk-forward HTML report: walkers over consecutive test windows in one page, with
// the out-of-sample totals, opened from disk in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addExchange, addFrame, addStrategy, addWalker, Walker } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy } from "../helpers/strategies.mjs";
import { launchChromium, openReport, countInkedPixels, revealCharts } from "../helpers/chromium.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");
const SYMBOL = "BTCUSDT";
const STRATEGIES = ["wf-ema", "wf-breakout"];
const WINDOWS = [
  ["wf-window-1", "2023-03-15T00:00:00Z", "2023-03-15T23:59:00Z"],
  ["wf-window-2", "2023-03-16T00:00:00Z", "2023-03-16T23:59:00Z"],
];
const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], dialogs: [], remoteRequests: [] };

let browser;
let walkForward;

before(async () => {
  addExchange(createSeriesExchange("wf-series"));
  addStrategy(createEmaCrossStrategy(STRATEGIES[0]));
  addStrategy(createBreakoutStrategy(STRATEGIES[1]));
  for (const [walkerName, start, end] of WINDOWS) {
    addFrame({ frameName: `${walkerName}-frame`, interval: "1m", startDate: new Date(start), endDate: new Date(end) });
    addWalker({ walkerName, exchangeName: "wf-series", frameName: `${walkerName}-frame`, strategies: STRATEGIES });
    for await (const _ of Walker.run(SYMBOL, { walkerName }));
  }
  walkForward = await Walker.getWalkForward(SYMBOL, WINDOWS.map(([name]) => name));
  browser = await launchChromium();
});

after(() => browser?.close());

test("Walker.dumpWalkForwardHtml shows the out-of-sample totals and one section per window", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-wf-report-");
  const file = await Walker.dumpWalkForwardHtml(SYMBOL, WINDOWS.map(([name]) => name), dir);
  assert.equal(file, join(dir, "report.html"));
  const { page, problems } = await openReport(browser, file, { viewport: { width: 1400, height: 1000 } });
  t.after(() => page.close());
  const before = await page.evaluate(() => document.querySelectorAll("[data-created]").length);
  assert.ok(before < 6, `${before} of 6 charts built before they came into view`);
  await revealCharts(page);
  await mkdir(ARTIFACTS, { recursive: true });
  const screenshot = join(ARTIFACTS, "report-walk-forward.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  t.diagnostic(`screenshot: ${screenshot}`);
  assert.deepEqual(problems, NO_PROBLEMS);

  const seen = await page.evaluate(() => ({
    sections: Array.from(document.querySelectorAll(".report-section h2.window")).map((h) => h.textContent),
    totals: Array.from(document.querySelectorAll(".walk-forward-totals tbody tr")).map((row) =>
      Array.from(row.cells).map((cell) => cell.textContent)
    ),
    verdict: document.getElementById("verdict").textContent,
  }));
  assert.equal(seen.sections.length, 2);
  assert.match(seen.sections[0], /^Window 1: 2023-03-15T00:00:00.000Z to 2023-03-15T23:59:00.000Z \(walker wf-window-1\)$/);
  assert.match(seen.verdict, new RegExp(`Best strategy on the out-of-sample total: ${walkForward.bestStrategy}`));
  for (const total of walkForward.totals) {
    const row = seen.totals.find((cells) => cells[1].trim() === total.strategyName);
    assert.ok(row, total.strategyName);
    const sign = total.totalPnl > 0 ? "+" : "";
    assert.equal(row.at(-2), `${sign}${total.totalPnl.toFixed(2)}%`);
    assert.equal(row.at(-1), String(total.totalSignals));
  }
  assert.ok(seen.totals.some((cells) => cells[1] === "buy-and-hold"));

  const inked = await countInkedPixels(page);
  assert.equal(inked.length, 6, "three charts per window");
  assert.ok(inked.every((chart) => chart.inked > 1000), JSON.stringify(inked));

  const state = await page.evaluate(() => window.backtestReport.state());
  for (const [section, window] of walkForward.windows.entries()) {
    for (const result of window.results.strategyResults) {
      const view = state.find((entry) => entry.section === section && entry.name === result.strategyName);
      const tradeMarkers = view.markers.filter((marker) => marker.kind === "entry" || marker.kind === "exit");
      assert.equal(tradeMarkers.length, 2 * result.stats.totalSignals, `${result.strategyName} in window ${section + 1}`);
    }
  }
  await page.click("[data-toggle-index='0']");
  const hidden = await page.evaluate(() => window.backtestReport.state());
  assert.ok(hidden.filter((view) => view.name === STRATEGIES[0]).every((view) => view.markers.length === 0 && !view.equityVisible));
  assert.ok(hidden.filter((view) => view.name === STRATEGIES[1]).every((view) => view.markers.length > 0 && view.equityVisible));
  const html = await readFile(file, "utf8");
  assert.ok(html.includes('"kind":"walkForward"'));
});

test("dumpWalkForwardHtml names a bad walker list", async () => {
  await assert.rejects(Walker.dumpWalkForwardHtml(SYMBOL, []), /Walker\.dumpWalkForwardHtml: walkerNames must be a non-empty array/);
  await assert.rejects(Walker.dumpWalkForwardHtml(SYMBOL, ["no-such-walker"]), /walker no-such-walker not found/);
});
