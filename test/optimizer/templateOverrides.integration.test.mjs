// Each template section stands on its own: an optimizer that overrides any ONE of the
// 11 template methods (with a minimal valid implementation of its own) generates a file
// that runs to completion against the baseline model. Before, a default section used
// what another default section defined (the strategy used BLIND, which only the default
// json template declared; every section used the banner's imports), so overriding one
// broke the file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { addOptimizer, CandleStore, Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { SERIES_PATH } from "../helpers/series.mjs";
import { uniqueName } from "../helpers/optimizer.mjs";
import { PINNED_STRATEGIES } from "../helpers/pinnedRun.mjs";
import { generatedFileEnv, linkPackage, runGenerated, seriesExchangeTemplate, startRecordingProxy } from "../helpers/generatedRun.mjs";

const SYMBOL = "BTCUSDT";
const J = JSON.stringify;

/** A minimal valid implementation of each template method, written as a user would. */
const MINIMAL = {
  getTopBanner: () => "#!/usr/bin/env node",
  getUserMessage: (symbol, data) => `rows: ${data.length}`,
  getAssistantMessage: () => "ok",
  getWalkerTemplate: (walkerName, exchangeName, frameName, strategies) =>
    `addWalker({ walkerName: ${J(walkerName)}, exchangeName: ${J(exchangeName)}, frameName: ${J(frameName)}, strategies: ${J(strategies)} });`,
  getExchangeTemplate: seriesExchangeTemplate,
  getFrameTemplate: (symbol, frameName, interval, startDate, endDate) =>
    `addFrame({ frameName: ${J(frameName)}, interval: ${J(interval)}, startDate: new Date(${J(startDate)}), endDate: new Date(${J(endDate)}) });`,
  getStrategyTemplate: (strategyName, interval) =>
    `addStrategy({ strategyName: ${J(strategyName)}, interval: ${J(interval)}, getSignal: async () => null });`,
  getLauncherTemplate: (symbol, walkerName) => String.raw`listenWalkerComplete((results) => {
    console.log("Walker completed, best strategy:", results.bestStrategy);
});
listenError((error) => console.error("Error: " + error.message));
Walker.background(${J(symbol)}, { walkerName: ${J(walkerName)} });`,
  getJsonDumpTemplate: () => "async function dumpJson(resultId, history, result) {}",
  getTextTemplate: () => `async function text(messages) { return "no analysis"; }`,
  getJsonTemplate: () => `async function json(messages) { return { id: "no-signal", signal: null, answer: null }; }`,
};

const context = { dir: null, store: null, baseline: null };

before(async () => {
  context.baseline = await serveBaselineModel();
  context.dir = await mkdtemp(join(tmpdir(), "backtest-kit-template-overrides-"));
  context.store = join(context.dir, "candles.sqlite");
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol: SYMBOL, path: context.store });
});
after(async () => {
  await context.baseline.close();
  await rm(context.dir, { recursive: true, force: true });
});

/**
 * Generates the file of a small optimizer (one training range, a 2-hour test range, the
 * baseline's trend rule as strategy) with `template` overriding the defaults, runs it in
 * its own linked project against `host` (the seeded candle store, no response cache),
 * and resolves to the run.
 */
const runWithTemplate = async (t, template, host = context.baseline.host) => {
  const optimizerName = uniqueName("override");
  addOptimizer({
    optimizerName,
    prefix: "override",
    rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
    rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T02:00:00Z") },
    source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
    getPrompt: async () => PINNED_STRATEGIES[0],
    template,
  });
  const dir = await makeTempDir(t, "backtest-kit-template-override-");
  await linkPackage(dir);
  const file = await Optimizer.dump(SYMBOL, { optimizerName }, dir);
  const run = await runGenerated(file, dir, generatedFileEnv(host, { BACKTEST_KIT_CANDLE_STORE: context.store }));
  return { ...run, dir };
};

/** Asserts the run completed: exit 0, the walker's completion line, no error printed. */
const assertCompleted = (run) => {
  const diagnostics = `stderr:\n${run.stderr.slice(-3000)}\nstdout:\n${run.stdout.slice(-1500)}`;
  assert.equal(run.signal, null, diagnostics);
  assert.equal(run.code, 0, diagnostics);
  assert.match(run.stdout, /Walker completed, best strategy:/, diagnostics);
  assert.doesNotMatch(run.stderr, /^Error: |is not defined|has already been declared/m, diagnostics);
};

test("the minimal implementations cover the 11 template methods", () => {
  assert.equal(Object.keys(MINIMAL).length, 11);
});

for (const [method, implementation] of Object.entries(MINIMAL)) {
  test(`a file whose template overrides only ${method} runs to completion`, async (t) => {
    assertCompleted(await runWithTemplate(t, { [method]: implementation }));
  });
}

test("json() and text() of one's own, pointed at one's own endpoint, run the file against that endpoint", async (t) => {
  // the endpoint the optimizer's own helpers ask; OLLAMA_HOST (the default helpers') is dead
  const proxy = await startRecordingProxy(context.baseline.host);
  t.after(proxy.close);
  const template = {
    getTextTemplate: () => String.raw`async function text(messages) {
    return (await askText(messages, { host: ${J(proxy.host)} })).trim();
}`,
    getJsonTemplate: () => String.raw`async function json(messages, { blind } = {}) {
    return await askSignal(messages, { host: ${J(proxy.host)}, blind });
}`,
  };
  const run = await runWithTemplate(t, template, "http://127.0.0.1:9");
  assertCompleted(run);
  assert.ok(proxy.bodies.length > 0, "the optimizer's own endpoint was asked");
});
