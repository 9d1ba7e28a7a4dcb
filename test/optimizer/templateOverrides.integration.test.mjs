// Each template section stands on its own: an optimizer that overrides any ONE of the
// 11 template methods (with a minimal valid implementation of its own) generates a file
// that runs to completion against the baseline model. Before, a default section used
// what another default section defined (the strategy used BLIND, which only the default
// json template declared; every section used the banner's imports), so overriding one
// broke the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { seriesExchangeTemplate, startRecordingProxy } from "../helpers/generatedRun.mjs";
import { useTemplateRuns } from "../helpers/templateRun.mjs";

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

const { run: runWithTemplate, baselineHost } = useTemplateRuns();

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
  const proxy = await startRecordingProxy(baselineHost());
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
