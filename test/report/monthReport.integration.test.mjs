// A month of 1m candles (43,200) on the report's chart: a coarser interval, every trade
// still marked, and the setting that decides it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { addExchange, addFrame, addStrategy, Backtest, getCandles, setConfig } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { launchChromium, openReport, countInkedPixels } from "../helpers/chromium.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const SYMBOL = "SINEUSD";
const MINUTE = 60_000;
const START = Date.UTC(2024, 0, 1);
const DAYS = 30;
const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], dialogs: [], remoteRequests: [] };

/** 30 days of made-up 1m candles around 100 (a slow sine with a faster wobble), from 10 hours before the frame. */
const candles = Array.from({ length: DAYS * 1440 + 600 }, (_, i) => {
  const close = 100 + 5 * Math.sin(i / 2000) + 0.5 * Math.sin(i / 37);
  return { timestamp: START + (i - 600) * MINUTE, open: close, high: close + 0.05, low: close - 0.05, close, volume: 1 };
});

let browser;

before(async () => {
  addExchange(createSeriesExchange("month-sine", { candles }));
  addFrame({ frameName: "month", interval: "1m", startDate: new Date(START), endDate: new Date(START + DAYS * 1440 * MINUTE - MINUTE) });
  addStrategy({
    strategyName: "month-hourly",
    interval: "1h",
    getSignal: async (symbol) => {
      const [last] = await getCandles(symbol, "1m", 1);
      return { position: "long", priceTakeProfit: last.close * 1.004, priceStopLoss: last.close * 0.996, minuteEstimatedTime: 120 };
    },
  });
  for await (const _ of Backtest.run(SYMBOL, { strategyName: "month-hourly", exchangeName: "month-sine", frameName: "month" }));
  browser = await launchChromium();
});

after(() => browser?.close());

const chartOf = async (file) => {
  const html = await readFile(file, "utf8");
  const [, block] = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html);
  return JSON.parse(block).sections[0].chart;
};

test("a month of 1m candles shows as 15m candles (at most 3,000), with one marker per entry and exit", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-month-report-");
  const file = await Backtest.dumpHtml(SYMBOL, "month-hourly", dir);
  const chart = await chartOf(file);
  assert.ok(chart.sourceCandles >= DAYS * 1440);
  assert.equal(chart.interval, "15m");
  assert.equal(chart.candles.length, Math.floor(chart.sourceCandles / 15));
  const { page, problems } = await openReport(browser, file);
  t.after(() => page.close());
  assert.deepEqual(problems, NO_PROBLEMS);
  const [state] = await page.evaluate(() => window.backtestReport.state());
  const stats = await Backtest.getData(SYMBOL, "month-hourly");
  assert.ok(stats.totalSignals > 100, `${stats.totalSignals} trades`);
  assert.equal(state.markers.filter((marker) => marker.kind === "entry" || marker.kind === "exit").length, 2 * stats.totalSignals);
  const inked = await countInkedPixels(page);
  assert.ok(inked.every((entry) => entry.inked > 1000), JSON.stringify(inked));
});

test("CC_REPORT_MAX_CANDLES decides the interval, and a bad value names the setting", async (t) => {
  t.after(() => setConfig({ CC_REPORT_MAX_CANDLES: 3_000 }));
  const dir = await makeTempDir(t, "backtest-kit-month-report-");
  setConfig({ CC_REPORT_MAX_CANDLES: 50_000 });
  assert.equal((await chartOf(await Backtest.dumpHtml(SYMBOL, "month-hourly", dir))).interval, "1m");
  setConfig({ CC_REPORT_MAX_CANDLES: 1_000 });
  assert.equal((await chartOf(await Backtest.dumpHtml(SYMBOL, "month-hourly", dir))).interval, "1h");
  assert.throws(() => setConfig({ CC_REPORT_MAX_CANDLES: 10 }), /CC_REPORT_MAX_CANDLES must be a whole number from 100/);
});
