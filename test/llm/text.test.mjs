import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { askText, formatError, setConfig } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const MESSAGES = [{ role: "user", content: "Describe the market" }];

before(() => {
  setConfig({ CC_LLM_RETRY_DELAY_MS: 1, CC_LLM_RETRY_COUNT: 2, CC_LLM_TIMEOUT_MS: 60_000 });
});

/** A loopback model and a fresh cache directory, both gone when the test ends. */
const setup = async (t, reply) => {
  const server = await startOllamaServer(reply);
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-llm-cache-");
  return { server, cacheDir, options: { host: server.host, model: "m1", cacheDir } };
};

/** Every file under `dir`, recursively. */
const listFiles = async (dir) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));

test("a repeated request is answered from the cache without a request; another model or message is a miss", async (t) => {
  const { server, options } = await setup(t, (body) => `answer ${body.model} ${body.messages.length}`);
  assert.equal(await askText(MESSAGES, options), "answer m1 1");
  assert.equal(await askText(MESSAGES, options), "answer m1 1");
  assert.equal(server.requests.length, 1);
  assert.equal(await askText(MESSAGES, { ...options, model: "m2" }), "answer m2 1");
  assert.equal(await askText([...MESSAGES, { role: "user", content: "more" }], options), "answer m1 2");
  assert.equal(server.requests.length, 3);
});

test("the cache is one atomically written JSON file per request, holding the key and the content only", async (t) => {
  const { cacheDir, options } = await setup(t, () => "stored answer");
  await askText(MESSAGES, options);
  const files = await listFiles(cacheDir);
  assert.equal(files.length, 1);
  assert.match(files[0], /[0-9a-f]{2}\/[0-9a-f]{64}\.json$/);
  const entry = JSON.parse(await readFile(files[0], "utf8"));
  assert.deepEqual(Object.keys(entry).sort(), ["content", "key", "version"]);
  assert.equal(entry.content, "stored answer");
  assert.ok(files[0].endsWith(`${entry.key}.json`));
});

test("cache: false and BACKTEST_KIT_LLM_CACHE=off send every request", async (t) => {
  const { server, options } = await setup(t, () => "fresh");
  await askText(MESSAGES, { ...options, cache: false });
  await askText(MESSAGES, { ...options, cache: false });
  assert.equal(server.requests.length, 2);
  process.env.BACKTEST_KIT_LLM_CACHE = "off";
  try {
    await askText(MESSAGES, options);
    await askText(MESSAGES, options);
  } finally {
    delete process.env.BACKTEST_KIT_LLM_CACHE;
  }
  assert.equal(server.requests.length, 4);
});

test("a corrupted cache entry is a miss, and is replaced by a good one", async (t) => {
  const { server, cacheDir, options } = await setup(t, () => "good answer");
  await askText(MESSAGES, options);
  const [file] = await listFiles(cacheDir);
  await writeFile(file, '{"version":1,"key":"trunc');
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(server.requests.length, 2);
  assert.equal(JSON.parse(await readFile(file, "utf8")).content, "good answer");
  await writeFile(file, JSON.stringify({ version: 1, key: "0".repeat(64), content: "someone else's" }));
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(server.requests.length, 3);
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(server.requests.length, 3);
});

test("500, 429, a reset connection and a cut-off body are retried until an answer comes", async (t) => {
  const faults = [{ status: 500 }, { status: 429 }, { reset: true }, { rawBody: '{"model":"m1","mess' }];
  for (const fault of faults) {
    const { server, options } = await setup(t, (body, index) => (index === 0 ? fault : "recovered"));
    assert.equal(await askText(MESSAGES, options), "recovered", JSON.stringify(fault));
    assert.equal(server.requests.length, 2, JSON.stringify(fault));
  }
});

test("a reply slower than CC_LLM_TIMEOUT_MS is aborted and the request sent again", async (t) => {
  setConfig({ CC_LLM_TIMEOUT_MS: 1_000 });
  t.after(() => setConfig({ CC_LLM_TIMEOUT_MS: 60_000 }));
  const { server, options } = await setup(t, (body, index) =>
    index === 0 ? { delayMs: 10_000, content: "too late" } : "in time"
  );
  assert.equal(await askText(MESSAGES, options), "in time");
  assert.equal(server.requests.length, 2);
});

test("retries are bounded: a model that always fails gives an error naming the model and the attempts", async (t) => {
  const { server, options } = await setup(t, () => ({ status: 503, error: "overloaded" }));
  await assert.rejects(askText(MESSAGES, options), (error) =>
    /^LLM request to model m1 failed after 3 attempt\(s\): .*overloaded$/.test(formatError(error)));
  assert.equal(server.requests.length, 3);
});

test("a client error (400, 404) is not retried", async (t) => {
  const { server, options } = await setup(t, () => ({ status: 404, error: "model 'm1' not found" }));
  await assert.rejects(askText(MESSAGES, options), (error) =>
    /failed after 1 attempt\(s\): .*model 'm1' not found$/.test(formatError(error)));
  assert.equal(server.requests.length, 1);
});

test("a refused connection is retried, then reported as an unreachable endpoint", async (t) => {
  const { server, options } = await setup(t, () => "never");
  await server.close();
  await assert.rejects(askText(MESSAGES, options), /is unreachable: 3 attempt\(s\) in a row failed/);
});

test("OLLAMA_API_KEY becomes an Authorization header only when set, and lands in no cache file", async (t) => {
  const { server, cacheDir, options } = await setup(t, (body) => `reply ${body.messages.at(-1).content}`);
  await askText([{ role: "user", content: "without key" }], options);
  assert.equal(server.requests.at(-1).headers.authorization, undefined);
  process.env.OLLAMA_API_KEY = "sk-secret-4242";
  try {
    await askText([{ role: "user", content: "with key" }], options);
  } finally {
    delete process.env.OLLAMA_API_KEY;
  }
  assert.equal(server.requests.at(-1).headers.authorization, "Bearer sk-secret-4242");
  for (const file of await listFiles(cacheDir)) {
    assert.ok(!(await readFile(file, "utf8")).includes("sk-secret-4242"), file);
  }
});

test("OLLAMA_HOST and OLLAMA_MODEL are used when the options name neither", async (t) => {
  const { server, cacheDir } = await setup(t, (body) => `model ${body.model}`);
  process.env.OLLAMA_HOST = server.host;
  process.env.OLLAMA_MODEL = "env-model";
  try {
    assert.equal(await askText(MESSAGES, { cacheDir }), "model env-model");
    assert.equal(await askText(MESSAGES, { cacheDir, model: "option-model" }), "model option-model");
  } finally {
    delete process.env.OLLAMA_HOST;
    delete process.env.OLLAMA_MODEL;
  }
  assert.equal(server.requests.length, 2);
});

test("bad arguments are rejected naming the field and the value", async () => {
  await assert.rejects(askText("hello"), /askText: messages must be an array of \{ role, content \}, got "hello"/);
  await assert.rejects(askText([{ role: "robot", content: "x" }]), /askText: messages\[0\]\.role must be one of user, assistant, system, got "robot"/);
  await assert.rejects(askText([{ role: "user", content: 42 }]), /askText: messages\[0\]\.content must be a string, got 42/);
  await assert.rejects(askText(MESSAGES, { host: "" }), /askText: options\.host must be a non-empty string, got ""/);
  await assert.rejects(askText(MESSAGES, { cache: "no" }), /askText: options\.cache must be a boolean, got "no"/);
});
