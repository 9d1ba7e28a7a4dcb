// OpenAI-compatible endpoints through the real `openai` client: plain and streamed
// answers, JSON mode and its fallback, re-ask, retries, the cache keyed by protocol.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { askText, formatError, listenWarning, setConfig } from "backtest-kit";
import { startOpenAiServer } from "../helpers/openaiServer.mjs";
import { closeOf, longAround, runAskSignal } from "../helpers/signalRun.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const MESSAGES = [{ role: "user", content: "Describe the market" }];
const DEFAULTS = { CC_LLM_RETRY_DELAY_MS: 1, CC_LLM_RETRY_COUNT: 2, CC_LLM_TIMEOUT_MS: 60_000 };

before(() => setConfig(DEFAULTS));
after(() => setConfig(DEFAULTS));

const listFiles = async (dir) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));

const setup = async (t, reply) => {
  const server = await startOpenAiServer(reply);
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-openai-");
  return { server, cacheDir, options: { provider: "openai", host: server.baseURL, model: "gpt-test", cacheDir } };
};

const recordWarnings = (t, host) => {
  const warnings = [];
  t.after(listenWarning((warning) => warning.details.host === host && warnings.push(warning)));
  return warnings;
};

test("askText through provider openai: one chat completion, no key header without a key, cached", async (t) => {
  const { server, options } = await setup(t, (body) => `answer from ${body.model}: ${body.messages.at(-1).content}`);
  assert.equal(await askText(MESSAGES, options), "answer from gpt-test: Describe the market");
  assert.equal(await askText(MESSAGES, options), "answer from gpt-test: Describe the market");
  assert.equal(server.requests.length, 1);
  const [{ body, headers }] = server.requests;
  assert.deepEqual(body.messages, MESSAGES);
  assert.equal(body.response_format, undefined);
  assert.ok(!body.stream);
  assert.equal(headers.authorization, undefined);
});

test("stream: true reads the answer from server-sent events", async (t) => {
  const long = "A streamed answer that arrives in many small pieces, unicode 🚀 included.";
  const { server, options } = await setup(t, () => long);
  assert.equal(await askText(MESSAGES, { ...options, stream: true, cache: false }), long);
  assert.equal(server.requests[0].body.stream, true);
});

test("options are sent as chat-completion fields and are part of the cache key", async (t) => {
  const { server, options } = await setup(t, (body) => `t=${body.temperature}`);
  assert.equal(await askText(MESSAGES, { ...options, options: { temperature: 0.2, seed: 7 } }), "t=0.2");
  assert.equal(await askText(MESSAGES, { ...options, options: { temperature: 0.9 } }), "t=0.9");
  assert.equal(server.requests[0].body.seed, 7);
  assert.equal(server.requests.length, 2);
});

test("OPENAI_BASE_URL, OPENAI_MODEL and BACKTEST_KIT_LLM_PROVIDER pick the endpoint when the options do not", async (t) => {
  const { server, cacheDir } = await setup(t, (body) => `model ${body.model}`);
  Object.assign(process.env, { BACKTEST_KIT_LLM_PROVIDER: "openai", OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: "env-model" });
  try {
    assert.equal(await askText(MESSAGES, { cacheDir }), "model env-model");
  } finally {
    delete process.env.BACKTEST_KIT_LLM_PROVIDER;
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_MODEL;
  }
  assert.equal(server.requests.length, 1);
});

test("one cache directory never mixes protocols: the same question at the same host is asked of each", async (t) => {
  const { server, cacheDir } = await setup(t, (body, index) => `answer ${index}`);
  const ollama = await askText(MESSAGES, { provider: "ollama", host: server.host, model: "m", cacheDir });
  const openai = await askText(MESSAGES, { provider: "openai", host: server.host, model: "m", cacheDir });
  assert.deepEqual([ollama, openai], ["answer 0", "answer 1"]);
  assert.deepEqual(server.requests.map((request) => request.protocol), ["ollama", "openai"]);
  assert.equal((await listFiles(cacheDir)).length, 2);
  assert.equal(await askText(MESSAGES, { provider: "openai", host: server.host, model: "m", cacheDir }), "answer 1");
  assert.equal(await askText(MESSAGES, { provider: "ollama", host: server.host, model: "m", cacheDir }), "answer 0");
  assert.equal(server.requests.length, 2);
});

test("429 with retry-after-ms, 500 and a reply slower than CC_LLM_TIMEOUT_MS are retried by the pool, not by the client", async (t) => {
  setConfig({ CC_LLM_TIMEOUT_MS: 500, CC_LLM_RETRY_COUNT: 3 });
  t.after(() => setConfig(DEFAULTS));
  const faults = [{ status: 429, error: "rate", headers: { "retry-after-ms": "30" } }, { status: 500, error: "boom" }, { delayMs: 3_000, content: "late" }];
  const { server, options } = await setup(t, (body, index) => faults[index] ?? "finally");
  const warnings = recordWarnings(t, server.baseURL);
  assert.equal(await askText(MESSAGES, { ...options, cache: false }), "finally");
  assert.equal(server.requests.length, 4);
  const retries = warnings.filter((w) => w.kind !== "llm-concurrency-changed");
  assert.deepEqual(
    // the adaptive pool's own word on its limit (llm-concurrency-changed) has its tests in limiter.test.mjs
    retries.map((w) => [w.kind, w.details.provider, w.kind === "llm-retry" ? w.details.attempt : w.details.status]),
    [["llm-rate-limited", "openai", 429], ["llm-retry", "openai", 1], ["llm-retry", "openai", 2], ["llm-retry", "openai", 3]]
  );
  assert.match(retries[3].details.error, /timeout/i);
  assert.equal(retries[0].details.retryAfterMs, 30);
  assert.equal(retries[1].details.delayMs, 30);
});

test("a client error is not retried and its message says what the endpoint said", async (t) => {
  const { server, options } = await setup(t, () => ({ status: 404, error: "The model `gpt-test` does not exist" }));
  const failure = await askText(MESSAGES, { ...options, cache: false }).catch((error) => error);
  assert.match(formatError(failure), /^LLM request to model gpt-test failed after 1 attempt\(s\): 404 The model `gpt-test` does not exist$/);
  assert.equal(server.requests.length, 1);
});

/** askSignal through the OpenAI protocol at `server`, in a one-hour backtest. */
const runSignals = async (t, server, label, extra = {}) => {
  const cacheDir = await makeTempDir(t, "backtest-kit-openai-signal-");
  return await runAskSignal(`oa-${label}`, { provider: "openai", host: server.baseURL, model: "gpt-test", cacheDir, ...extra });
};

test("askSignal asks for JSON mode with the schema in its one system message, and opens the valid answer", async (t) => {
  const server = await startOpenAiServer((body) => JSON.stringify(longAround(closeOf(body))));
  t.after(server.close);
  const { answers, results } = await runSignals(t, server, "valid");
  assert.ok(answers.length >= 1 && answers.every((answer) => answer.signal !== null));
  assert.ok(results.length >= 1 && results.every((result) => result.action === "closed"));
  for (const { body } of server.requests) {
    assert.deepEqual(body.response_format, { type: "json_object" });
    assert.deepEqual(body.messages.map((message) => message.role), ["system", "user"]);
    assert.match(body.messages[0].content, /priceTakeProfit > priceOpen > priceStopLoss/);
    assert.match(body.messages[0].content, /\n\nAnswer with one JSON object and nothing else, following this JSON schema:\n\{"type":"object".*\}$/);
  }
});

test("a wrong-side answer is asked again once, quoting the problem, and the streamed correction opens", async (t) => {
  const server = await startOpenAiServer((body) => JSON.stringify(longAround(closeOf(body), body.messages.at(-1).role === "user" && !body.messages.at(-1).content.startsWith("Your answer"))));
  t.after(server.close);
  const warnings = [];
  t.after(listenWarning((w) => w.kind === "llm-reask" && w.details.strategyName === "oa-reask-strategy" && warnings.push(w)));
  const { answers } = await runSignals(t, server, "reask", { stream: true });
  assert.equal(server.requests.length, 2 * answers.length);
  assert.match(server.requests[1].body.messages.at(-1).content, /^Your answer was rejected: priceTakeProfit/);
  assert.ok(server.requests.every(({ body }) => body.stream === true));
  assert.ok(answers.every((answer) => answer.signal !== null));
  assert.equal(warnings.length, answers.length);
});

test("an endpoint that rejects response_format is asked again in plain text once, then always, after one warning", async (t) => {
  const server = await startOpenAiServer((body) =>
    body.response_format
      ? { status: 400, error: "response_format is not supported by this server" }
      : "```json\n" + JSON.stringify(longAround(closeOf(body))) + "\n```"
  );
  t.after(server.close);
  const warnings = recordWarnings(t, server.baseURL);
  const { answers } = await runSignals(t, server, "fallback");
  assert.ok(answers.length >= 2, "two ticks");
  assert.ok(answers.every((answer) => answer.signal !== null), "the fenced plain answer is parsed");
  assert.deepEqual(server.requests.map(({ body }) => body.response_format !== undefined), [true, ...Array(server.requests.length - 1).fill(false)]);
  assert.deepEqual(warnings.map((w) => [w.kind, w.details.provider, w.details.model]), [["llm-json-fallback", "openai", "gpt-test"]]);
  assert.match(warnings[0].message, /rejected JSON mode for model gpt-test: 400 response_format is not supported by this server; answers are asked for and parsed as plain text from now on/);
});
