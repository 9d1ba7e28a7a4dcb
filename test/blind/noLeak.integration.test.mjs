// In blind mode no request the model receives names the moment: no date of the series,
// no epoch time, no symbol, no real price as the candles hold it. Every body is scanned:
// the signal requests of a generated file and the training requests of the demo config.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { addOptimizer, CandleStore, Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { loadSeries, SERIES_PATH } from "../helpers/series.mjs";
import { ROOT, startRecordingProxy } from "../helpers/generatedRun.mjs";
import { runPinnedFile } from "../helpers/pinnedRun.mjs";

/** Every price of the series written as the plain prompts write it (String(number)). */
const realPriceStrings = () => new Set(loadSeries().flatMap((c) => [c.open, c.high, c.low, c.close].map(String)));

/** What in `body` would name the moment or the asset; [] when nothing. */
const findLeaks = (body, prices) => {
  const leaks = [];
  for (const pattern of [/\d{4}-\d{2}/g, /(?<![\d.])2023(?![\d.])/g, /\b1\d{12}\b/g, /BTCUSDT/gi, /\bBTC\b/gi]) {
    leaks.push(...(body.match(pattern) ?? []));
  }
  leaks.push(...(body.match(/\d+(?:\.\d+)?/g) ?? []).filter((token) => prices.has(token)));
  return leaks;
};

test("a blind generated file sends no date, epoch time, symbol or real price of the series in any request", async (t) => {
  const prices = realPriceStrings();
  const dir = await makeTempDir(t, "backtest-kit-blind-scan-");
  const run = await runPinnedFile(dir);
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  assert.ok(run.bodies.length > 20, `requests: ${run.bodies.length}`);
  for (const [index, body] of run.bodies.entries()) {
    assert.deepEqual(findLeaks(body, prices), [], `request ${index}`);
    assert.match(body, /t0\[1m\]: O:\d+\.\d+ H:\d+\.\d+ L:\d+\.\d+ C:100\.0+ V:/, "the last 1m close is 100 on the blind scale");
    assert.match(body, /"content":"ASSET\\nAnalyse the 1h candles/);
  }
  // the scan finds what a plain run sends
  const plain = await runPinnedFile(await makeTempDir(t, "backtest-kit-plain-scan-"), {}, { BACKTEST_KIT_BLIND: "off" });
  assert.ok(findLeaks(plain.bodies[0], prices).length > 100, "a plain request is full of dates, the symbol and prices");
});

test("the demo config trains on blind data: no request of its getPrompt names the moment, and the strategies carry nothing into the file", async (t) => {
  const prices = realPriceStrings();
  const dir = await makeTempDir(t, "backtest-kit-blind-demo-");
  const saved = { ...process.env };
  t.after(() => {
    for (const name of ["BACKTEST_KIT_CANDLE_STORE", "OLLAMA_HOST", "BACKTEST_KIT_LLM_CACHE"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  process.env.BACKTEST_KIT_CANDLE_STORE = join(dir, "candles.sqlite");
  process.env.BACKTEST_KIT_LLM_CACHE = "off";
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol: "BTCUSDT" });
  const baseline = await serveBaselineModel();
  t.after(baseline.close);
  const proxy = await startRecordingProxy(baseline.host);
  t.after(proxy.close);
  process.env.OLLAMA_HOST = proxy.host;
  await import(join(ROOT, "demo", "optimizer.config.mjs"));

  const strategies = await Optimizer.getData("BTCUSDT", { optimizerName: "demo" });
  assert.equal(proxy.bodies.length, 3, "one training request per range");
  for (const [index, body] of proxy.bodies.entries()) {
    assert.deepEqual(findLeaks(body, prices), [], `training request ${index}`);
    assert.match(body, /ASSET hourly candles:\\nt-[0-9dh]+\[1h\]: O:/);
  }
  for (const { strategy, blindCheck } of strategies) {
    assert.deepEqual(findLeaks(strategy, prices), []);
    assert.deepEqual(blindCheck, { dates: 0, prices: 0, symbols: 0, pricesChecked: true, conversation: { dates: 0, prices: 0, symbols: 0 } });
  }
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: "demo" });
  assert.equal(code.match(/\/\/ Blind mode: this strategy's text was checked for dates, prices and the symbol before it was written here: none found\./g).length, 3);
});

test("addOptimizer: blind must be a boolean, named with its value", () => {
  assert.throws(
    () => addOptimizer({
      optimizerName: "blind-bad",
      rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
      rangeTest: { startDate: new Date("2023-03-03T00:00:00Z"), endDate: new Date("2023-03-04T00:00:00Z") },
      source: [async () => []],
      getPrompt: async () => "x",
      blind: "yes",
    }),
    /optimizer template validation failed: blind must be a boolean, got "yes" for optimizerName="blind-bad"/
  );
});
