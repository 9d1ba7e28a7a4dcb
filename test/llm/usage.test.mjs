// What model calls cost (getLlmUsage): exact counts of requests sent, answered from the
// cache, shared in flight, sent ahead and wasted, the tokens both protocols report,
// the price table's money, and its errors. Loopback servers count tokens as tokens.mjs says.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  addExchange,
  addFrame,
  addStrategy,
  askText,
  Backtest,
  getAveragePrice,
  getLlmUsage,
  listenDoneBacktest,
  setConfig,
} from "../../build/index.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { startOpenAiServer } from "../helpers/openaiServer.mjs";
import { countTokens, promptTokensOf } from "../helpers/tokens.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { withEnv } from "../helpers/withEnv.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";

const DEFAULTS = { CC_LLM_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 8, CC_LLM_PRICES: {}, CC_LLM_RETRY_DELAY_MS: 1_000 };

before(() => setConfig({ CC_LLM_RETRY_DELAY_MS: 1 }));
after(() => setConfig(DEFAULTS));

const ask = (question, options) => askText([{ role: "user", content: question }], options);

/** The tokens a server's requests were answered with, summed as the endpoint reported them. */
const tokensOf = (server, answerOf) => ({
  promptTokens: server.requests.reduce((sum, { body }) => sum + promptTokensOf(body), 0),
  completionTokens: server.requests.reduce((sum, { body }) => sum + countTokens(answerOf(body)), 0),
});

/** The one model's counts of a usage. */
const modelOf = (usage, model) => usage.models.find((item) => item.model === model);

const echo = (body) => `the answer to ${body.messages.at(-1).content} is a few words long`;

test("N requests sent, then the same N answered from the cache on a rerun: tokens only for the sent ones", async (t) => {
  const server = await startOllamaServer(echo);
  t.after(server.close);
  const options = { host: server.host, model: "usage-cache", cacheDir: await makeTempDir(t, "backtest-kit-usage-") };
  const questions = ["one", "two words", "three short words"];

  const before = getLlmUsage();
  for (const question of questions) await ask(question, options);
  const first = getLlmUsage(before);
  for (const question of questions) await ask(question, options);
  const both = getLlmUsage(before);

  assert.equal(server.requests.length, 3);
  const tokens = tokensOf(server, echo);
  assert.ok(tokens.promptTokens > 0 && tokens.completionTokens > 0);
  assert.deepEqual(
    { sent: first.sent, cached: first.cached, shared: first.shared, promptTokens: first.promptTokens, completionTokens: first.completionTokens },
    { sent: 3, cached: 0, shared: 0, ...tokens }
  );
  assert.deepEqual(
    { sent: both.sent, cached: both.cached, promptTokens: both.promptTokens, completionTokens: both.completionTokens, unreported: both.unreported },
    { sent: 3, cached: 3, ...tokens, unreported: 0 }
  );
  assert.deepEqual(both.models.map((item) => item.model), ["usage-cache"]);
  assert.ok(both.waitMs > 0 && both.requestMs >= both.waitMs, JSON.stringify(both));
});

test("identical requests at once are sent once: the others count as shared in flight", async (t) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const server = await startOllamaServer(async (body) => {
    await held;
    return echo(body);
  });
  t.after(server.close);
  const options = { host: server.host, model: "usage-shared", cache: false };
  const before = getLlmUsage();
  const answers = Promise.all([1, 2, 3].map(() => ask("same question", options)));
  while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  release();
  await answers;
  const usage = modelOf(getLlmUsage(before), "usage-shared");
  assert.equal(server.requests.length, 1);
  assert.deepEqual({ sent: usage.sent, shared: usage.shared, cached: usage.cached }, { sent: 1, shared: 2, cached: 0 });
  assert.equal(usage.completionTokens, countTokens(echo(server.requests[0].body)), "the shared answer's tokens count once");
});

test("a retried request counts once as sent, once as a retry; tokens of the answered attempt only", async (t) => {
  const server = await startOllamaServer((body, index) => (index === 0 ? { status: 503, error: "busy" } : echo(body)));
  t.after(server.close);
  const before = getLlmUsage();
  await ask("retry me", { host: server.host, model: "usage-retry", cache: false });
  const usage = getLlmUsage(before);
  assert.deepEqual({ sent: usage.sent, retries: usage.retries }, { sent: 1, retries: 1 });
  assert.equal(usage.promptTokens, promptTokensOf(server.requests[1].body));
  assert.equal(usage.completionTokens, countTokens(echo(server.requests[1].body)));
});

test("the OpenAI protocol's usage, plain and streamed, sums with Ollama's", async (t) => {
  const server = await startOpenAiServer(echo);
  t.after(server.close);
  const openai = { provider: "openai", host: server.baseURL, model: "usage-both", cache: false };
  const ollama = { host: server.host, model: "usage-both", cache: false };
  const before = getLlmUsage();
  await ask("plain openai", openai);
  await ask("streamed openai", { ...openai, stream: true });
  await ask("ollama protocol", ollama);
  const usage = getLlmUsage(before);
  assert.deepEqual(server.requests.map((request) => request.protocol), ["openai", "openai", "ollama"]);
  assert.equal(server.requests[1].body.stream_options?.include_usage, true, "a streamed request asks for its usage");
  const tokens = tokensOf(server, echo);
  assert.deepEqual(
    { sent: usage.sent, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, unreported: usage.unreported },
    { sent: 3, ...tokens, unreported: 0 }
  );
});

test("an endpoint that reports no tokens is counted as unreported, not as zero tokens", async (t) => {
  const server = await startOllamaServer(() => ({ rawBody: JSON.stringify({ model: "m", message: { role: "assistant", content: "no counts" }, done: true }) }));
  t.after(server.close);
  const before = getLlmUsage();
  await ask("anything", { host: server.host, model: "usage-silent", cache: false });
  const usage = getLlmUsage(before);
  assert.deepEqual({ sent: usage.sent, unreported: usage.unreported, promptTokens: usage.promptTokens }, { sent: 1, unreported: 1, promptTokens: 0 });
});

const SYMBOL = "BTCUSDT";
const EXCHANGE = "usage-exchange";
const HOUR = 60 * 60_000;
const START = Date.parse("2023-03-13T00:00:00Z");

test("requests sent ahead for ticks a position then covers are speculative and wasted", async (t) => {
  await setConfig({ CC_LLM_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 2 });
  t.after(() => setConfig({ CC_LLM_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 8 }));
  addExchange(createSeriesExchange(EXCHANGE));
  addFrame({ frameName: "usage-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 4 * HOUR - 60_000) });
  // every answer is held until the first three questions (the tick and the two of a
  // prefetch depth of 2) are all out
  let release;
  const allOut = new Promise((resolve) => (release = resolve));
  const server = await startOllamaServer(async (body, index) => {
    if (index === 2) release();
    await allOut;
    return echo(body);
  });
  t.after(async () => {
    release();
    await server.close();
  });
  addStrategy({
    strategyName: "usage-prefetch",
    interval: "1h",
    prefetch: true,
    getSignal: async (symbol, when) => {
      await ask(`tick ${when.toISOString()}`, { host: server.host, model: "usage-ahead", cache: false });
      if (when.getTime() !== START) return null;
      const price = await getAveragePrice(symbol);
      // open for 150 minutes: the ticks at +1h and +2h are skipped, +3h is reached
      return { position: "long", priceTakeProfit: price * 1.1, priceStopLoss: price * 0.9, minuteEstimatedTime: 150 };
    },
  });
  const done = [];
  t.after(listenDoneBacktest((event) => done.push(event)));
  const before = getLlmUsage();
  let trades = 0;
  for await (const _ of Backtest.run(SYMBOL, { strategyName: "usage-prefetch", exchangeName: EXCHANGE, frameName: "usage-frame" })) trades += 1;
  const usage = modelOf(getLlmUsage(before), "usage-ahead");
  const asked = server.requests.map((request) => request.body.messages.at(-1).content.slice(16, 21));
  assert.equal(trades, 1);
  // 00:00 opens until 02:30; 01:00 and 02:00 were asked ahead and skipped (the schedule
  // restarts at 02:30); 03:30 was asked ahead while 02:30 was awaited, and used
  assert.deepEqual(asked, ["00:00", "01:00", "02:00", "02:30", "03:30"]);
  assert.deepEqual({ sent: usage.sent, speculative: usage.speculative, wasted: usage.wasted }, { sent: 5, speculative: 3, wasted: 2 });
  const { signalPrefetch } = done.at(-1);
  assert.equal(usage.wasted, signalPrefetch.speculative - signalPrefetch.dropped, JSON.stringify(signalPrefetch));
});

test("the price table turns tokens into USD per model; a model without a price is named", async (t) => {
  const server = await startOllamaServer(echo);
  t.after(server.close);
  await setConfig({ CC_LLM_PRICES: { "usage-priced": { input: 3, output: 15 } } });
  t.after(() => setConfig({ CC_LLM_PRICES: {} }));
  const before = getLlmUsage();
  await ask("priced question here", { host: server.host, model: "usage-priced", cache: false });
  await ask("unpriced question", { host: server.host, model: "usage-unpriced", cache: false });
  const usage = getLlmUsage(before);
  const [priced, unpriced] = server.requests;
  const expected = (promptTokensOf(priced.body) * 3 + countTokens(echo(priced.body)) * 15) / 1_000_000;
  assert.equal(modelOf(usage, "usage-priced").costUsd, expected);
  assert.equal(modelOf(usage, "usage-unpriced").costUsd, null);
  assert.ok(promptTokensOf(unpriced.body) > 0);
  assert.equal(usage.costUsd, expected);
  assert.deepEqual(usage.unpriced, ["usage-unpriced"]);
  assert.match(usage.text, /cost: \$[0-9.e-]+ USD at the price table; no price set for usage-unpriced/);
});

test("no price set: the cost is null and the summary says so", async (t) => {
  const server = await startOllamaServer(echo);
  t.after(server.close);
  const before = getLlmUsage();
  await ask("a question", { host: server.host, model: "usage-free", cache: false });
  const usage = getLlmUsage(before);
  assert.equal(usage.costUsd, null);
  assert.match(usage.text, /^LLM usage: 1 requests sent, 0 answered from the cache, 0 shared in flight, 0 speculative \(0 wasted\); tokens: \d+ prompt \+ \d+ completion; waited on the model \d+\.\d s; cost: no price set \(CC_LLM_PRICES\) for usage-free$/);
});

test("a price file named by BACKTEST_KIT_LLM_PRICES; CC_LLM_PRICES wins per model", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-prices-");
  const file = join(dir, "prices.json");
  await writeFile(file, JSON.stringify({ "file-a": { input: 1, output: 2 }, "file-b": { input: 1, output: 2 } }));
  const server = await startOllamaServer(echo);
  t.after(server.close);
  await setConfig({ CC_LLM_PRICES: { "file-b": { input: 10, output: 20 } } });
  t.after(() => setConfig({ CC_LLM_PRICES: {} }));
  await withEnv({ BACKTEST_KIT_LLM_PRICES: file }, async () => {
    const before = getLlmUsage();
    await ask("question a", { host: server.host, model: "file-a", cache: false });
    await ask("question b", { host: server.host, model: "file-b", cache: false });
    const usage = getLlmUsage(before);
    assert.deepEqual(modelOf(usage, "file-a").price, { input: 1, output: 2 });
    assert.deepEqual(modelOf(usage, "file-b").price, { input: 10, output: 20 });
  });
});

test("a bad price table is refused, naming the field and the value", async (t) => {
  assert.throws(() => setConfig({ CC_LLM_PRICES: { "gpt-x": { input: -1, output: 2 } } }), {
    message: 'setConfig: CC_LLM_PRICES["gpt-x"].input must be a number of USD per million tokens from 0 to 1000000, got -1',
  });
  assert.throws(() => setConfig({ CC_LLM_PRICES: { "gpt-x": { input: 1 } } }), {
    message: 'setConfig: CC_LLM_PRICES["gpt-x"].output must be a number of USD per million tokens from 0 to 1000000, got undefined',
  });
  assert.throws(() => setConfig({ CC_LLM_PRICES: { "gpt-x": { input: 1, output: 2, currency: "EUR" } } }), {
    message: 'setConfig: CC_LLM_PRICES["gpt-x"] has an unknown field "currency" (a price has input and output, in USD per million tokens)',
  });
  assert.throws(() => setConfig({ CC_LLM_PRICES: [1] }), /^Error: setConfig: CC_LLM_PRICES must be an object of \{ input, output \} prices by model name/);
  const dir = await makeTempDir(t, "backtest-kit-prices-");
  const bad = join(dir, "bad.json");
  await writeFile(bad, JSON.stringify({ m: { input: "3", output: 1 } }));
  await withEnv({ BACKTEST_KIT_LLM_PRICES: bad }, async () => {
    assert.throws(() => getLlmUsage(), {
      message: `BACKTEST_KIT_LLM_PRICES file ${bad}: the price table["m"].input must be a number of USD per million tokens from 0 to 1000000, got "3"`,
    });
  });
  await withEnv({ BACKTEST_KIT_LLM_PRICES: join(dir, "missing.json") }, async () => {
    assert.throws(() => getLlmUsage(), /^Error: BACKTEST_KIT_LLM_PRICES names .*missing\.json, which cannot be read: ENOENT/);
  });
  assert.throws(() => getLlmUsage({ sent: 1 }), /^Error: getLlmUsage: since must be an earlier result of getLlmUsage\(\), got \{"sent":1\}$/);
});
