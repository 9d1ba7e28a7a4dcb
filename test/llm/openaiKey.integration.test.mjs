// OPENAI_API_KEY reaches the endpoint as a header and nothing else: no cache file, no
// generated file, no dump, no log line, no error. A generated file switches to the
// OpenAI protocol by BACKTEST_KIT_LLM_PROVIDER at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addOptimizer, askText, CandleStore, formatError, listenWarning, Optimizer, setConfig, setLogger } from "backtest-kit";
import { startOpenAiServer } from "../helpers/openaiServer.mjs";
import { lastMinuteClose } from "../helpers/minuteCloses.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { runNode } from "../helpers/runNode.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SERIES_FILE = join(ROOT, "data", "BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz");
const KEY = "sk-openai-secret-5c0ffee";

/** Every file under `dir` except node_modules. */
const writtenFiles = async (dir) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .filter((path) => !path.includes("node_modules"))
    .filter((path, index, all) => all.indexOf(path) === index);

const assertNoKeyIn = async (files) => {
  for (const path of files) {
    let text;
    try {
      text = await readFile(path, "latin1");
    } catch {
      continue; // a directory
    }
    assert.ok(!text.includes(KEY), `${path} holds the API key`);
  }
};

test("in process: the key is a header only; logs, warnings, errors and the cache never hold it", async (t) => {
  const server = await startOpenAiServer((body, index) => (index === 0 ? { status: 500, error: "hiccup" } : index === 1 ? "fine" : { status: 401, error: "Incorrect API key provided" }));
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-openai-key-");
  const logged = [];
  const capture = (...args) => logged.push(JSON.stringify(args, (key, value) => (value instanceof Error ? `${value.message} ${value.stack}` : value)));
  setLogger({ log: capture, debug: capture, info: capture, warn: capture });
  t.after(() => setLogger({}));
  setConfig({ CC_LLM_RETRY_DELAY_MS: 1 });
  const warnings = [];
  t.after(listenWarning((warning) => warnings.push(JSON.stringify(warning))));
  process.env.OPENAI_API_KEY = KEY;
  process.env.OPENAI_LOG = "debug";
  let failure;
  try {
    const options = { provider: "openai", host: server.baseURL, model: "gpt-test", cacheDir };
    assert.equal(await askText([{ role: "user", content: "first" }], options), "fine");
    failure = await askText([{ role: "user", content: "second" }], options).catch((error) => error);
  } finally {
    delete process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_LOG;
  }
  assert.ok(server.requests.every(({ headers }) => headers.authorization === `Bearer ${KEY}`));
  // 401 on every attempt: the breaker speaks, naming the key's variable, never the key
  assert.match(formatError(failure), /is unreachable: 3 attempt\(s\) in a row failed .*check the API key \(OPENAI_API_KEY\).*: 401 Incorrect API key provided/);
  const errorText = [formatError(failure, { verbose: true }), failure.message, failure.stack, failure.cause?.message, failure.cause?.stack].join("\n");
  assert.ok(!errorText.includes(KEY), "the error holds the key");
  assert.ok(logged.length > 0 && warnings.length > 0);
  assert.ok(!logged.join("\n").includes(KEY), "a log line holds the key");
  assert.ok(!warnings.join("\n").includes(KEY), "a warning holds the key");
  await assertNoKeyIn(await writtenFiles(cacheDir));
});

test("a generated file run with BACKTEST_KIT_LLM_PROVIDER=openai asks the OpenAI endpoint, with the key as header only", async (t) => {
  let count = 0;
  const server = await startOpenAiServer((body) => {
    const close = lastMinuteClose(body);
    count += 1;
    if (close === null || count % 3 !== 0) {
      return JSON.stringify({ position: "wait", note: "flat", priceOpen: 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 });
    }
    return JSON.stringify({ position: "long", note: "up", priceOpen: close, priceTakeProfit: Number((close * 1.004).toFixed(2)), priceStopLoss: Number((close * 0.996).toFixed(2)), minuteEstimatedTime: 60 });
  });
  t.after(server.close);
  const dir = await makeTempDir(t, "backtest-kit-openai-generated-");
  await mkdir(join(dir, "node_modules"), { recursive: true });
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  await CandleStore.seedFile(SERIES_FILE, { exchangeName: "binance", symbol: "BTCUSDT", path: join(dir, ".backtest-kit", "candles.sqlite") });
  addOptimizer({
    optimizerName: "openai-generated",
    prefix: "oagen",
    rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
    rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T02:00:00Z") },
    source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
    getPrompt: async () => "Follow the trend.",
  });
  process.env.OPENAI_API_KEY = KEY;
  let file;
  try {
    file = await Optimizer.dump("BTCUSDT", { optimizerName: "openai-generated" }, dir);
  } finally {
    delete process.env.OPENAI_API_KEY;
  }
  const env = {
    ...process.env,
    BACKTEST_KIT_LLM_PROVIDER: "openai",
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_MODEL: "loopback-model",
    OPENAI_API_KEY: KEY,
    OPENAI_LOG: "debug",
  };
  delete env.OLLAMA_HOST;
  delete env.NODE_TEST_CONTEXT;
  const { code, signal, stdout, stderr } = await runNode(file, dir, env);
  assert.deepEqual([code, signal], [0, null], stderr.slice(-4000));
  assert.ok(server.requests.length >= 5, `requests: ${server.requests.length}`);
  for (const { body, headers } of server.requests) {
    assert.equal(body.model, "loopback-model");
    assert.equal(headers.authorization, `Bearer ${KEY}`);
  }
  assert.ok(server.requests.every(({ body }) => body.response_format?.type === "json_object"), "signals asked in JSON mode");
  const report = await readFile(join(dir, "dump", "walker", "oagen_walker.md"), "utf8");
  assert.match(report, /Walker Comparison Report/);
  assert.ok(!stdout.includes(KEY) && !stderr.includes(KEY), "the output holds the key");
  const files = await writtenFiles(dir);
  assert.ok(files.some((path) => path.includes(join("dump", "strategy"))), "conversations were dumped");
  assert.ok(files.some((path) => path.includes("llm-cache")), "answers were cached");
  await assertNoKeyIn(files);
});
