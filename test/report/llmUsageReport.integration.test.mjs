// The HTML report's "What it cost" table, opened in headless Chromium: a walker whose two
// strategies ask a loopback model (one model priced, one with a hostile name and no
// price); every cell is the walker's llmUsage, which is the server's own count.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addExchange, addFrame, addStrategy, addWalker, askText, setConfig, Walker } from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { countTokens, promptTokensOf } from "../helpers/tokens.mjs";
import { launchChromium, openReport } from "../helpers/chromium.mjs";

const SYMBOL = "BTCUSDT";
const HOSTILE_MODEL = '</script><img src=x onerror="window.__pwned=1">';
const PRICED_MODEL = "usage-report-priced";
const WALKER = "usage-report-walker";
const TICKS = 6;
const NO_PROBLEMS = { consoleErrors: [], pageErrors: [], dialogs: [], remoteRequests: [] };

const answer = (body) => `wait for ${body.messages.at(-1).content}`;

let cwd;
let server;
let browser;
let results;
let reportPath;
const originalCwd = process.cwd();

before(async () => {
  cwd = await mkdtemp(join(tmpdir(), "backtest-kit-usage-report-"));
  process.chdir(cwd);
  server = await startOllamaServer(answer);
  await setConfig({ CC_LLM_PRICES: { [PRICED_MODEL]: { input: 2.5, output: 10 } } });
  addExchange(createSeriesExchange("usage-report-series"));
  addFrame({
    frameName: "usage-report-frame",
    interval: "1m",
    startDate: new Date("2023-03-10T00:00:00Z"),
    endDate: new Date(Date.parse("2023-03-10T00:00:00Z") + TICKS * 3_600_000 - 60_000),
  });
  for (const model of [PRICED_MODEL, HOSTILE_MODEL]) {
    addStrategy({
      strategyName: `usage-report ${model.length}`,
      interval: "1h",
      getSignal: async (symbol, when) => {
        await askText([{ role: "user", content: `${model.length} at ${when.toISOString()}` }], { host: server.host, model, cache: false });
        return null;
      },
    });
  }
  addWalker({
    walkerName: WALKER,
    exchangeName: "usage-report-series",
    frameName: "usage-report-frame",
    strategies: [`usage-report ${PRICED_MODEL.length}`, `usage-report ${HOSTILE_MODEL.length}`],
  });
  for await (const _ of Walker.run(SYMBOL, { walkerName: WALKER })) {
    // the results are read with getData
  }
  results = await Walker.getData(SYMBOL, WALKER);
  reportPath = await Walker.dumpHtml(SYMBOL, WALKER);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await setConfig({ CC_LLM_PRICES: {} });
  process.chdir(originalCwd);
  await rm(cwd, { recursive: true, force: true });
});

/** The server's requests of one model: count and tokens, as it reported them. */
const served = (model) => {
  const requests = server.requests.filter(({ body }) => body.model === model);
  return {
    sent: requests.length,
    promptTokens: requests.reduce((sum, { body }) => sum + promptTokensOf(body), 0),
    completionTokens: requests.reduce((sum, { body }) => sum + countTokens(answer(body)), 0),
  };
};

test("the walker's llmUsage is the server's count, per model, priced where a price is set", () => {
  const { llmUsage } = results;
  for (const model of [PRICED_MODEL, HOSTILE_MODEL]) {
    const expected = served(model);
    assert.equal(expected.sent, TICKS);
    const counts = llmUsage.models.find((item) => item.model === model);
    assert.deepEqual({ sent: counts.sent, promptTokens: counts.promptTokens, completionTokens: counts.completionTokens }, expected);
  }
  const priced = served(PRICED_MODEL);
  assert.equal(llmUsage.costUsd, (priced.promptTokens * 2.5 + priced.completionTokens * 10) / 1_000_000);
  assert.deepEqual(llmUsage.unpriced, [HOSTILE_MODEL]);
});

test("the report's 'What it cost' table shows every count and cost, the hostile model name as text", async (t) => {
  const html = await readFile(reportPath, "utf8");
  assert.ok(!html.includes(HOSTILE_MODEL), "the model name is escaped in the data block");
  const { page, problems } = await openReport(browser, reportPath);
  t.after(() => page.close());
  const rows = await page.evaluate(() =>
    Array.from(document.querySelectorAll("#llm-usage tbody tr")).map((row) => Array.from(row.cells).map((cell) => cell.textContent))
  );
  const heading = await page.evaluate(() => document.querySelector("#llm-usage h2")?.textContent);
  const pwned = await page.evaluate(() => window.__pwned ?? null);
  assert.equal(heading, "What it cost");
  assert.equal(pwned, null);
  assert.deepEqual(problems, NO_PROBLEMS);
  const { llmUsage } = results;
  const row = (name, counts, cost) => [
    name,
    ...[counts.sent, counts.retries, counts.cached, counts.shared, counts.speculative, counts.wasted, counts.promptTokens, counts.completionTokens].map((value) =>
      value.toLocaleString("en-US")
    ),
    cost,
  ];
  const byName = Object.fromEntries(llmUsage.models.map((model) => [model.model, model]));
  const priced = byName[PRICED_MODEL];
  assert.deepEqual(rows, [
    row(HOSTILE_MODEL, byName[HOSTILE_MODEL], "no price set"),
    row(PRICED_MODEL, priced, `$${Number(priced.costUsd.toPrecision(3))}`),
    row("Total", llmUsage, `$${Number(llmUsage.costUsd.toPrecision(3))}`),
  ]);
  const note = await page.evaluate(() => document.querySelector("#llm-usage p")?.textContent);
  assert.match(note, /^LLM usage: 12 requests sent, 0 answered from the cache/);
  assert.match(note, new RegExp(`no price set for ${HOSTILE_MODEL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
});
