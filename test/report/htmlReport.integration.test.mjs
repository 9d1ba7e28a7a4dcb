// The HTML report opened from disk in headless Chromium (Debian's chromium, driven by
// playwright-core): a walker of strategies over the real BTCUSDT series.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addExchange, addFrame, addRisk, addStrategy, addWalker, Walker, Backtest } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createEmaCrossStrategy, createBreakoutStrategy, createScheduledLimitStrategy } from "../helpers/strategies.mjs";
import { launchChromium, openReport, countInkedPixels } from "../helpers/chromium.mjs";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "artifacts");
const SYMBOL = "BTCUSDT";
const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><!-- \u2028\u2029 &amp;';
const NAMES = {
  ema: "report-ema",
  twin: "report-ema-twin",
  breakout: `report-breakout ${HOSTILE}`,
  limit: "report-limit",
};
const NOTE = `note ${HOSTILE} \\ " ' \` ${"${x}"} 😀 \ud800 ]]> </SCRIPT >`;
const WALKER = "report-walker";
const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], dialogs: [], remoteRequests: [] };

let cwd;
let browser;
let results;
let reportPath;

/** The EMA strategy with every signal's note replaced by hostile text. */
const withHostileNotes = (schema) => ({
  ...schema,
  note: NOTE,
  getSignal: async (symbol, when) => {
    const signal = await schema.getSignal(symbol, when);
    return signal === null ? null : { ...signal, note: `signal ${HOSTILE}` };
  },
});

const originalCwd = process.cwd();

after(async () => {
  await browser?.close();
  process.chdir(originalCwd);
  await rm(cwd, { recursive: true, force: true });
});

before(async () => {
  cwd = await mkdtemp(join(tmpdir(), "backtest-kit-report-"));
  process.chdir(cwd);
  addExchange(createSeriesExchange("report-series"));
  addFrame({
    frameName: "report-0310-0312",
    interval: "1m",
    startDate: new Date("2023-03-10T00:00:00Z"),
    endDate: new Date("2023-03-12T23:59:00Z"),
  });
  addStrategy(withHostileNotes(createEmaCrossStrategy(NAMES.ema)));
  addStrategy(createEmaCrossStrategy(NAMES.twin));
  addStrategy(createBreakoutStrategy(NAMES.breakout));
  addStrategy(createScheduledLimitStrategy(NAMES.limit));
  addWalker({
    walkerName: WALKER,
    exchangeName: "report-series",
    frameName: "report-0310-0312",
    strategies: [NAMES.ema, NAMES.twin, NAMES.breakout, NAMES.limit],
  });
  for await (const _ of Walker.run(SYMBOL, { walkerName: WALKER })) {
    // results are read with getData
  }
  results = await Walker.getData(SYMBOL, WALKER);
  // The conversation folder of the first EMA trade, as a generated strategy dumps it.
  const firstId = results.strategyResults[0].stats.signalList[0].signal.id;
  await mkdir(join(cwd, "dump", "strategy", firstId), { recursive: true });
  reportPath = await Walker.dumpHtml(SYMBOL, WALKER);
  browser = await launchChromium();
});

/** The report data exactly as the page parses it. */
const readReportData = async (file) => {
  const html = await readFile(file, "utf8");
  const match = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html);
  assert.ok(match, "the report has its data block");
  return { html, block: match[1], data: JSON.parse(match[1]) };
};

test("Walker.dumpHtml writes ./dump/report.html, one file with no outside resource", async () => {
  assert.equal(reportPath, join(cwd, "dump", "report.html"));
  const { html } = await readReportData(reportPath);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|<iframe/i);
  assert.match(html, /TradingView Lightweight Charts™ v5\.2\.1/);
  assert.equal((html.match(/<script/g) ?? []).length, 3, "the data block, the charts bundle and the page script");
});

test("the data block escapes hostile text and gives it back byte for byte", async () => {
  const { block, data } = await readReportData(reportPath);
  assert.doesNotMatch(block, /[<>\u2028\u2029]/);
  assert.deepEqual(
    data.strategies.map((strategy) => strategy.name),
    [NAMES.ema, NAMES.twin, NAMES.breakout, NAMES.limit]
  );
  assert.equal(data.sections[0].strategies[0].note, NOTE);
  assert.ok(data.sections[0].strategies[0].trades.every((trade) => trade.note === `signal ${HOSTILE}`));
});

test("every number of the metrics table is the statistics of getData", async () => {
  const { data } = await readReportData(reportPath);
  const fields = ["totalPnl", "avgPnl", "winRate", "sharpeRatio", "annualizedSharpeRatio", "annualizedSortinoRatio", "calmarRatio", "maxDrawdown", "profitFactor", "expectancy", "exposure", "totalSignals", "avgHoldMinutes"];
  for (const [index, result] of results.strategyResults.entries()) {
    for (const field of fields) {
      assert.equal(data.sections[0].strategies[index].stats[field], result.stats[field], `${result.strategyName} ${field}`);
    }
    assert.equal(data.sections[0].strategies[index].trades.length, result.stats.totalSignals);
  }
});

test("buy-and-hold and the luck test come from the statistics; the curve ends at buy-and-hold's PnL", async (t) => {
  const { data } = await readReportData(reportPath);
  assert.ok(results.buyAndHold !== null);
  assert.equal(data.sections[0].buyAndHold.stats.totalPnl, results.buyAndHold.pnlPercentage);
  assert.ok(Math.abs(data.sections[0].buyAndHold.curve.at(-1)[1] - results.buyAndHold.pnlPercentage) < 1e-9);
  for (const [index, result] of results.strategyResults.entries()) {
    assert.equal(data.sections[0].strategies[index].luck.pValue, result.stats.luck.pValue);
    assert.equal(data.sections[0].strategies[index].luck.beatsLuck, result.stats.luck.beatsLuck);
  }
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const lines = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-luck]")).map((line) => line.textContent)
  );
  for (const [index, result] of results.strategyResults.entries()) {
    const expected = result.stats.luck.beatsLuck ? "beats random entries" : "not distinguishable from luck";
    assert.ok(lines[index].startsWith(`${result.strategyName}: ${expected}`), lines[index]);
  }
  const benchmark = await page.evaluate(() => document.querySelector(".metrics tr.benchmark").textContent);
  assert.match(benchmark, /buy-and-hold/);
  assert.equal(results.promptMode ?? null, null, "these strategies never call askSignal");
  assert.match(await page.textContent("#meta"), /· prompt mode none \(no askSignal call\)$/);
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("the verdict says the overfitting odds in words and the cost stress table has every strategy at 1x, 2x, 3x", async (t) => {
  const { data } = await readReportData(reportPath);
  const odds = results.overfitting;
  assert.equal(data.sections[0].odds.pbo, odds.pbo);
  assert.equal(data.sections[0].odds.deflatedSharpeRatio, odds.deflatedSharpeRatio);
  assert.deepEqual(data.sections[0].costStress.scenarios, results.costStress.scenarios);
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const lines = await page.evaluate(() => Array.from(document.querySelectorAll("[data-odds]")).map((line) => line.textContent));
  const pbo = odds.pbo === null ? "N/A" : `the chance that picking the best of these 4 was overfitting: ${Math.round(odds.pbo * 100)}%`;
  assert.ok(lines.some((line) => line.includes(pbo)), lines.join("\n"));
  assert.ok(lines.some((line) => line.startsWith("Deflated Sharpe ratio")), lines.join("\n"));
  const rows = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".cost-stress tbody tr[data-strategy]")).map((row) => row.children.length)
  );
  assert.deepEqual(rows, results.strategyResults.map(() => 4), "strategy, then the total PnL at 1x, 2x and 3x");
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("the page opens from disk with no error, every chart painted, one marker per entry and exit", async (t) => {
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  await mkdir(ARTIFACTS, { recursive: true });
  const screenshot = join(ARTIFACTS, "report-walker.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  t.diagnostic(`screenshot: ${screenshot}`);
  assert.deepEqual(problems, NO_PROBLEMS);
  const inked = await countInkedPixels(page);
  assert.deepEqual(inked.map((chart) => chart.chart), ["price", "equity", "drawdown"]);
  for (const chart of inked) {
    assert.ok(chart.inked > 1000, `${chart.chart} chart has ${chart.inked} inked pixels`);
  }
  const state = await page.evaluate(() => window.backtestReport.state());
  for (const [index, result] of results.strategyResults.entries()) {
    const trades = result.stats.totalSignals;
    assert.ok(trades > 0, `${result.strategyName} traded`);
    const tradeMarkers = state[index].markers.filter((marker) => marker.kind === "entry" || marker.kind === "exit");
    assert.equal(tradeMarkers.length, 2 * trades, `${result.strategyName} markers`);
    assert.equal(tradeMarkers.filter((marker) => marker.shape === "circle").length, trades, "one exit each");
    assert.ok(state[index].markers.every((marker) => ["entry", "exit", "milestone"].includes(marker.kind)), "partial milestones besides the trades");
  }
});

test("a strategy's toggle removes and restores its markers and curves, and only its own", async (t) => {
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const before = await page.evaluate(() => window.backtestReport.state());
  await page.click("[data-toggle-index='2']");
  const hidden = await page.evaluate(() => window.backtestReport.state());
  assert.equal(hidden[2].markers.length, 0);
  assert.equal(hidden[2].equityVisible, false);
  assert.equal(hidden[2].drawdownVisible, false);
  for (const index of [0, 1, 3]) {
    assert.deepEqual(hidden[index], before[index]);
  }
  await page.click("[data-toggle-index='2']");
  const shown = await page.evaluate(() => window.backtestReport.state());
  assert.deepEqual(shown, before);
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("hostile names and notes stay text: nothing runs, nothing is injected, the text reads as written", async (t) => {
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const seen = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    images: document.querySelectorAll("img").length,
    scripts: document.querySelectorAll("script").length,
    metrics: Array.from(document.querySelectorAll(".metrics td.text")).map((cell) => cell.textContent),
    toggles: Array.from(document.querySelectorAll("#toggles label")).map((label) => label.textContent),
    notes: Array.from(document.querySelectorAll(".trades td.text")).map((cell) => cell.textContent),
  }));
  assert.equal(seen.pwned, null);
  assert.equal(seen.images, 0);
  assert.equal(seen.scripts, 3);
  assert.ok(seen.metrics.some((text) => text.includes(NAMES.breakout)), "the hostile name is shown as written");
  assert.ok(seen.metrics.some((text) => text.includes(NOTE)), "the hostile strategy note is shown as written");
  assert.ok(seen.toggles.some((text) => text.includes(NAMES.breakout)));
  assert.ok(seen.notes.includes(`signal ${HOSTILE}`), "the hostile signal note is shown as written");
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("equal metrics share a rank, and the report says the walker broke the tie", async (t) => {
  const [ema, twin] = results.strategyResults;
  assert.equal(ema.metricValue, twin.metricValue, "the twin strategy trades exactly like the original");
  const { page } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const ranks = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".metrics tbody tr")).map((row) => row.cells[0].textContent)
  );
  const tied = ranks.filter((rank) => rank.endsWith("tie"));
  assert.equal(tied.length, 2);
  assert.equal(tied[0], tied[1]);
  if (results.bestStrategy === NAMES.ema) {
    assert.match(await page.textContent(".section-verdict"), /Tie broken: report-ema, report-ema-twin/);
  }
});

test("a trade links to its LLM conversation folder only where the folder exists", async (t) => {
  const { page } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const links = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".trades a")).map((a) => ({ href: a.getAttribute("href"), text: a.textContent }))
  );
  const firstId = results.strategyResults[0].stats.signalList[0].signal.id;
  assert.deepEqual(links, [{ href: `strategy/${firstId}/`, text: firstId }]);
});

test("more candles than CC_REPORT_MAX_CANDLES show a coarser interval, and zooming in keeps the chart drawn", async (t) => {
  const { data } = await readReportData(reportPath);
  assert.ok(data.sections[0].chart.sourceCandles >= 3 * 1440, "the 1m candles of the three days (and of trades closing after)");
  assert.equal(data.sections[0].chart.aggregated, true);
  assert.equal(data.sections[0].chart.interval, "3m");
  assert.ok(data.sections[0].chart.candles.length <= data.sections[0].chart.maxCandles);
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  await page.evaluate(() => window.backtestReport.charts[0].timeScale().setVisibleLogicalRange({ from: 100, to: 160 }));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const range = await page.evaluate(() => window.backtestReport.charts[0].timeScale().getVisibleLogicalRange());
  assert.ok(range.to - range.from < 100, "zoomed in");
  const [price] = await countInkedPixels(page);
  assert.ok(price.inked > 1000);
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("Backtest.dumpHtml writes the report of one strategy into the given directory", async (t) => {
  const dir = join(cwd, "single");
  const file = await Backtest.dumpHtml(SYMBOL, NAMES.limit, dir);
  assert.equal(file, join(dir, "report.html"));
  const { data } = await readReportData(file);
  assert.equal(data.kind, "backtest");
  assert.deepEqual(data.strategies.map((strategy) => strategy.name), [NAMES.limit]);
  const { page, problems } = await openReport(browser, file);
  t.after(() => page.close());
  const [state] = await page.evaluate(() => window.backtestReport.state());
  const stats = await Backtest.getData(SYMBOL, NAMES.limit);
  assert.equal(state.markers.filter((marker) => marker.kind === "entry" || marker.kind === "exit").length, 2 * stats.totalSignals);
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("a backtest report shows the risk profile's refusals (hostile reason escaped) on the chart and, after runs on two symbols, the heatmap", async (t) => {
  addRisk({
    riskName: "report-risk",
    validations: [({ timestamp }) => {
      if (new Date(timestamp).getUTCHours() < 6) throw new Error(`night ${HOSTILE}`);
    }],
  });
  const strategyName = "report-risky";
  addStrategy({ ...createEmaCrossStrategy(strategyName), riskName: "report-risk" });
  for (const symbol of ["ETHUSDT", SYMBOL]) {
    for await (const _ of Backtest.run(symbol, { strategyName, exchangeName: "report-series", frameName: "report-0310-0312" })) {
    }
  }
  const file = await Backtest.dumpHtml(SYMBOL, strategyName, join(cwd, "risky"));
  const { data } = await readReportData(file);
  assert.equal(data.heat.totalSymbols, 2);
  const { page, problems } = await openReport(browser, file);
  t.after(() => page.close());
  const [state] = await page.evaluate(() => window.backtestReport.state());
  assert.ok(state.markers.some((marker) => marker.kind === "refused"), "refusals on the chart");
  const heatRows = await page.evaluate(() => document.querySelectorAll("#heat table tbody tr").length);
  assert.equal(heatRows, 2);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, NO_PROBLEMS);
});

test("dumpHtml names the mistake: unknown walker or strategy, missing symbol, a walker that has not run", async () => {
  await assert.rejects(Walker.dumpHtml(SYMBOL, "no-such-walker"), /walker no-such-walker not found/);
  await assert.rejects(Walker.dumpHtml("", WALKER), /Walker\.dumpHtml: symbol must be a non-empty string/);
  await assert.rejects(Backtest.dumpHtml(SYMBOL, "no-such-strategy"), /strategy no-such-strategy not found/);
  await assert.rejects(Walker.dumpHtml("ETHUSDT", WALKER), /walker report-walker has not run on ETHUSDT/);
});
