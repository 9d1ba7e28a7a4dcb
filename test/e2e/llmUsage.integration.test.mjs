// A generated file prints what its model calls cost when it exits, and writes the same
// counts into its walker results: checked against the loopback server's own count of
// requests and tokens, priced by a BACKTEST_KIT_LLM_PRICES file; a rerun is all cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addOptimizer, Optimizer } from "../../build/index.mjs";
import { arraySource, makeRows } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { lastMinuteClose } from "../helpers/minuteCloses.mjs";
import { countTokens, promptTokensOf } from "../helpers/tokens.mjs";
import { generatedFileEnv, linkPackage, runGenerated, seriesExchangeTemplate } from "../helpers/generatedRun.mjs";

const SYMBOL = "BTCUSDT";
const MODEL = "usage-e2e-model";
const PRICE = { input: 1.25, output: 5 };

/** A long at every 3rd close, else wait: a function of the request, as a model is. */
const reply = (body) => {
  const close = lastMinuteClose(body);
  if (close === null || Math.round(close * 100) % 3 !== 0) {
    return JSON.stringify({ position: "wait", note: "no signal", priceOpen: 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 });
  }
  return JSON.stringify({
    position: "long",
    note: "loopback long",
    priceOpen: close,
    priceTakeProfit: Number((close * 1.005).toFixed(2)),
    priceStopLoss: Number((close * 0.995).toFixed(2)),
    minuteEstimatedTime: 30,
  });
};

/** "$…" as the summary prints a cost under $1: three significant digits. */
const usd = (value) => `$${value.toPrecision(3).replace(/\.?0+$/, "")}`;

/** The summary line a run printed on stderr. */
const summaryOf = (stderr) => stderr.split("\n").find((line) => line.startsWith("LLM usage: "));

test("a generated file prints its model calls' count, tokens and cost at exit; its walker results hold the same counts", async (t) => {
  const server = await startOllamaServer(reply);
  t.after(server.close);
  const optimizerName = `usage-e2e-${process.pid}`;
  addOptimizer({
    optimizerName,
    prefix: "usagee2e",
    rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
    rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T03:00:00Z") },
    source: [arraySource(makeRows(2))],
    getPrompt: async () => "Buy the dip.",
    template: { getExchangeTemplate: seriesExchangeTemplate },
    llm: { model: MODEL },
    blind: false,
  });
  const dir = await makeTempDir(t, "backtest-kit-usage-e2e-");
  await linkPackage(dir);
  const file = await Optimizer.dump(SYMBOL, { optimizerName }, dir);
  const prices = join(dir, "prices.json");
  await writeFile(prices, JSON.stringify({ [MODEL]: PRICE }));
  const results = join(dir, "walker-results.json");
  const env = generatedFileEnv(server.host, {
    OLLAMA_MODEL: MODEL,
    BACKTEST_KIT_LLM_CACHE: "on",
    BACKTEST_KIT_LLM_CACHE_DIR: join(dir, "cache"),
    BACKTEST_KIT_LLM_PRICES: prices,
    BACKTEST_KIT_WALKER_RESULTS: results,
  });

  const first = await runGenerated(file, dir, env);
  assert.equal(first.code, 0, first.stderr.slice(-3000));
  const sent = server.requests.length;
  assert.ok(sent > 0);
  const promptTokens = server.requests.reduce((sum, { body }) => sum + promptTokensOf(body), 0);
  const completionTokens = server.requests.reduce((sum, { body }) => sum + countTokens(reply(body)), 0);
  const cost = (promptTokens * PRICE.input + completionTokens * PRICE.output) / 1_000_000;
  const summary = summaryOf(first.stderr);
  assert.ok(summary, first.stderr.slice(-3000));
  assert.match(summary, new RegExp(`^LLM usage: ${sent} requests sent, \\d+ answered from the cache, \\d+ shared in flight, \\d+ speculative \\(\\d+ wasted\\); `));
  assert.ok(summary.includes(`; tokens: ${promptTokens.toLocaleString("en-US")} prompt + ${completionTokens.toLocaleString("en-US")} completion; `), summary);
  assert.ok(summary.endsWith(`; cost: ${usd(cost)} USD at the price table`), summary);

  const walker = JSON.parse(await readFile(results, "utf8"));
  assert.equal(walker.llmUsage.sent, sent, "the walker run is every request of the file");
  assert.deepEqual(walker.llmUsage.models.map((model) => [model.model, model.price]), [[MODEL, PRICE]]);

  // a rerun: every answer from the cache, nothing sent, nothing to price
  const again = await runGenerated(file, dir, env);
  assert.equal(again.code, 0, again.stderr.slice(-3000));
  assert.equal(server.requests.length, sent, "the rerun sent nothing");
  const rerun = summaryOf(again.stderr);
  assert.match(rerun, /^LLM usage: 0 requests sent, [1-9]\d* answered from the cache, 0 shared in flight, 0 speculative \(0 wasted\); tokens: 0 prompt \+ 0 completion; waited on the model 0\.0 s; cost: nothing to price$/);
  const rerunWalker = JSON.parse(await readFile(results, "utf8"));
  assert.equal(rerunWalker.llmUsage.sent, 0);
  assert.ok(rerunWalker.llmUsage.cached > 0);
});
