// HTML report benchmark: the report of a walker of three strategies (EMA crossover 5m,
// 15m breakout, scheduled 1h limit entry) over 20 days of the real BTCUSDT 1m series
// (28,800 1m candles): build time, file size and time to first paint in headless
// Chromium (Debian's chromium, driven by playwright-core), each the median of RUNS.
// Ours (the chart aggregated to at most CC_REPORT_MAX_CANDLES candles) against the
// slower way: every 1m candle on the chart.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { addExchange, addFrame, addStrategy, addWalker, setConfig, Walker } from "backtest-kit";
import { createSeriesExchange } from "../test/helpers/series.mjs";
import { createBreakoutStrategy, createEmaCrossStrategy, createScheduledLimitStrategy } from "../test/helpers/strategies.mjs";
import { launchChromium } from "../test/helpers/chromium.mjs";

const RUNS = 5;
const SYMBOL = "BTCUSDT";
const TARGETS = { buildMs: 1000, bytes: 3 * 2 ** 20, paintMs: 2000 };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs the walker once; its results stay in memory for dumpHtml. */
const runWalker = async () => {
  addExchange(createSeriesExchange("bench-report-exchange"));
  addFrame({
    frameName: "bench-report-frame",
    interval: "1m",
    startDate: new Date("2023-03-01T00:00:00Z"),
    endDate: new Date("2023-03-20T23:59:00Z"),
  });
  addStrategy(createEmaCrossStrategy("ema-cross-5m"));
  addStrategy(createBreakoutStrategy("breakout-15m"));
  addStrategy(createScheduledLimitStrategy("limit-1h"));
  addWalker({
    walkerName: "bench-report-walker",
    exchangeName: "bench-report-exchange",
    frameName: "bench-report-frame",
    strategies: ["ema-cross-5m", "breakout-15m", "limit-1h"],
  });
  for await (const _ of Walker.run(SYMBOL, { walkerName: "bench-report-walker" }));
};

/** RUNS builds of the report into `dir`: median ms and the file's size. */
const measureBuild = async (dir) => {
  const times = [];
  let file = "";
  for (let run = 0; run < RUNS; run++) {
    const began = performance.now();
    file = await Walker.dumpHtml(SYMBOL, "bench-report-walker", dir);
    times.push(performance.now() - began);
  }
  return { file, buildMs: median(times), bytes: (await stat(file)).size };
};

/** RUNS fresh page loads of `file`: median ms from navigation to the charts in view painted, and to first contentful paint. */
const measurePaint = async (browser, file) => {
  const painted = [];
  const contentful = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector("body[data-painted=true]", { timeout: 60_000 });
    const timing = await page.evaluate(() => ({
      painted: window.backtestReport.paintedAt,
      contentful: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      candles: JSON.parse(document.getElementById("report-data").textContent).sections[0].chart.candles.length,
      built: document.querySelectorAll("[data-created]").length,
    }));
    painted.push(timing.painted);
    contentful.push(timing.contentful);
    await page.close();
    if (run === 0) console.error(`  ${timing.candles} candles on the chart, ${timing.built} of 3 charts in view`);
  }
  return { paintMs: median(painted), contentfulMs: median(contentful) };
};

const row = (label, ours, slower, unit, digits = 0) =>
  `| ${label} | ${ours.toFixed(digits)} ${unit} | ${slower.toFixed(digits)} ${unit} | ${(slower / ours).toFixed(1)}x |`;

const main = async () => {
  console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
  console.log("report of a walker of 3 strategies over 20 days of 1m candles (28,800), medians of", RUNS);
  await runWalker();
  const dir = await mkdtemp(join(tmpdir(), "backtest-kit-bench-report-"));
  const browser = await launchChromium();
  try {
    const ours = await measureBuild(join(dir, "aggregated"));
    setConfig({ CC_REPORT_MAX_CANDLES: 1_000_000 });
    const slower = await measureBuild(join(dir, "every-1m-candle"));
    const oursPaint = await measurePaint(browser, ours.file);
    const slowerPaint = await measurePaint(browser, slower.file);
    console.log("| figure | ours (aggregated chart) | every 1m candle | slower / ours |");
    console.log("| --- | --- | --- | --- |");
    console.log(row("build (Walker.dumpHtml)", ours.buildMs, slower.buildMs, "ms"));
    console.log(row("file size", ours.bytes / 2 ** 20, slower.bytes / 2 ** 20, "MB", 2));
    console.log(row("charts painted (from navigation)", oursPaint.paintMs, slowerPaint.paintMs, "ms"));
    console.log(row("first contentful paint", oursPaint.contentfulMs, slowerPaint.contentfulMs, "ms"));
    const met = ours.buildMs < TARGETS.buildMs && ours.bytes < TARGETS.bytes && oursPaint.paintMs < TARGETS.paintMs;
    console.log(`targets (built < 1 s, < 3 MB, painted < 2 s): ${met ? "met" : "NOT met"}`);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
};

await main();
