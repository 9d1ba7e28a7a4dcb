import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addOptimizer, Optimizer } from "backtest-kit";
import { validSchema } from "../helpers/optimizer.mjs";
import { loadGenerated, argsOf, STAND_IN_SIGNAL } from "../helpers/standIn.mjs";

/** Text that breaks naive code generation in every way we know of. */
const HOSTILE = [
  "backtick ` and template ${globalThis.pwned = 'prompt'} and ${'$'}{x}",
  "backslashes \\ \\\\ \\n \\u0041 \\x41 and a trailing one \\",
  "quotes \" ' and a comment end */ and start /* and // line",
  "line separators \u2028 and \u2029, CR \r, tab \t, NUL \u0000, escape \u001b",
  "</script> <!-- emoji 🚀📉 and 中文 and a lone surrogate \ud800",
  "\"); globalThis.pwned = 'quote'; (\"",
].join("\n");

/** One megabyte of hostile text. */
const HUGE = (HOSTILE + "\n").repeat(Math.ceil(1_048_576 / (HOSTILE.length + 1))).slice(0, 1_048_576);

const HOSTILE_PREFIX = "p\"`${globalThis.pwned='prefix'}`\\'\u2028";
const HOSTILE_SYMBOL = "BTC\"USDT'`${globalThis.pwned='symbol'}`\\\u2029";

/** The endpoint the generated helpers are pointed at (never contacted: askSignal is a stand-in). */
const HOST = "http://127.0.0.1:11434";
let calls;
let schema;
let workDir;

const startDir = process.cwd();

before(async () => {
  process.env.OLLAMA_HOST = HOST;
  workDir = await mkdtemp(join(tmpdir(), "backtest-kit-generated-"));
  process.chdir(workDir);
});

after(async () => {
  delete process.env.OLLAMA_HOST;
  process.chdir(startDir);
  await rm(workDir, { recursive: true, force: true });
});

test("hostile prompts, names and symbols come out of the generated file byte for byte, never as code", async () => {
  const prompts = [HOSTILE, HUGE];
  schema = validSchema({ prefix: HOSTILE_PREFIX, getPrompt: async () => prompts.shift() });
  addOptimizer(schema);
  const code = await Optimizer.getCode(HOSTILE_SYMBOL, { optimizerName: schema.optimizerName });
  calls = await loadGenerated(workDir, code);

  assert.equal(globalThis.pwned, undefined);
  const [[exchange]] = argsOf(calls, "addExchange");
  assert.equal(exchange.exchangeName, `${HOSTILE_PREFIX}_exchange`);
  assert.deepEqual(
    argsOf(calls, "addFrame").map(([frame]) => frame.frameName),
    [`${HOSTILE_PREFIX}_train_frame-1`, `${HOSTILE_PREFIX}_train_frame-2`, `${HOSTILE_PREFIX}_test_frame`]
  );
  const [[walker]] = argsOf(calls, "addWalker");
  assert.deepEqual(walker.strategies, [`${HOSTILE_PREFIX}_strategy-1`, `${HOSTILE_PREFIX}_strategy-2`]);
  assert.deepEqual(argsOf(calls, "Walker.background"), [[HOSTILE_SYMBOL, { walkerName: `${HOSTILE_PREFIX}_walker` }]]);
});

test("at run time each strategy sends its own prompt, unchanged, to askSignal, and returns its signal", async () => {
  const strategies = argsOf(calls, "addStrategy").map(([strategy]) => strategy);
  const expected = [HOSTILE, HUGE];
  for (const [index, strategy] of strategies.entries()) {
    const before = argsOf(calls, "askSignal").length;
    const signal = await strategy.getSignal("BTCUSDT");
    const asked = argsOf(calls, "askSignal");
    assert.equal(asked.length, before + 1);
    const [messages] = asked.at(-1);
    const last = messages.at(-1);
    assert.equal(last.role, "user");
    const [intro, blank, ...rest] = last.content.split("\n");
    assert.match(intro, /produce a trading signal that follows this strategy/);
    assert.equal(blank, "");
    const tail = "\n\nIf the timeframes contradict each other or the trend is weak, answer position: wait";
    assert.ok(last.content.endsWith(tail));
    assert.equal(rest.join("\n").slice(0, -tail.length), expected[index]);
    assert.match(signal.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual({ ...signal, id: undefined }, { ...STAND_IN_SIGNAL, id: undefined });
  }
  assert.equal(globalThis.pwned, undefined);
});

test("getSignal walks the model through 1h, 15m, 5m and 1m candles before the question", async () => {
  const [[strategy]] = argsOf(calls, "addStrategy");
  const candleCallsBefore = argsOf(calls, "getCandles").length;
  await strategy.getSignal("ETHUSDT");
  assert.deepEqual(argsOf(calls, "getCandles").slice(candleCallsBefore), [
    ["ETHUSDT", "1m", 30],
    ["ETHUSDT", "5m", 24],
    ["ETHUSDT", "15m", 24],
    ["ETHUSDT", "1h", 24],
  ]);
  const [messages] = argsOf(calls, "askSignal").at(-1);
  assert.deepEqual(messages.map((message) => message.role), [
    "user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant", "user",
  ]);
  // blind by default: the symbol is ASSET and the candles are formatCandlesBlind lines anchored at the last 1m close
  assert.match(messages[0].content, /^ASSET\nAnalyse the 1h candles/);
  assert.ok(!messages.some((message) => message.content.includes("ETHUSDT")));
  assert.deepEqual(argsOf(calls, "formatCandlesBlind").at(-1).slice(1), ["1m", { anchorPrice: 1.5 }]);
  assert.equal(messages[0].content.split("\n").filter((line) => line.includes("[1h]: O:")).length, 24);
  assert.equal(messages[6].content.split("\n").filter((line) => line.includes("[1m]: O:")).length, 30);
});

test("the generated helpers take host and model from OLLAMA_HOST and OLLAMA_MODEL at run time, else the defaults", async () => {
  const [[strategy]] = argsOf(calls, "addStrategy");
  await strategy.getSignal("BTCUSDT");
  assert.deepEqual(argsOf(calls, "askSignal").at(-1)[1], { host: HOST, model: "deepseek-v3.1:671b", blind: true });
  process.env.OLLAMA_MODEL = "llama3:8b";
  delete process.env.OLLAMA_HOST;
  try {
    await strategy.getSignal("BTCUSDT");
    assert.deepEqual(argsOf(calls, "askSignal").at(-1)[1], { host: "https://ollama.com", model: "llama3:8b", blind: true });
  } finally {
    delete process.env.OLLAMA_MODEL;
    process.env.OLLAMA_HOST = HOST;
  }
});

test("dumpJson keeps every conversation under ./dump/strategy/{id}", async () => {
  const folders = await readdir(join(workDir, "dump", "strategy"));
  assert.equal(folders.length, argsOf(calls, "askSignal").length);
  const files = (await readdir(join(workDir, "dump", "strategy", folders[0]))).sort();
  assert.deepEqual(files, [
    "00_system_prompt.md", "01_user_message.md", "02_user_message.md", "03_user_message.md",
    "04_user_message.md", "05_user_message.md", "06_llm_output.md",
  ]);
  const output = await readFile(join(workDir, "dump", "strategy", folders[0], "06_llm_output.md"), "utf8");
  assert.ok(output.includes(JSON.stringify(STAND_IN_SIGNAL, null, 2)));
});

test("an optimizer's llm settings reach the generated helpers byte for byte, and no API key is written", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "backtest-kit-llm-settings-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const llm = { host: HOSTILE_PREFIX, model: HOSTILE_SYMBOL, textModel: HOSTILE.slice(0, 80) };
  const settings = validSchema({ llm });
  addOptimizer(settings);
  process.env.OLLAMA_API_KEY = "secret-key-in-env";
  delete process.env.OLLAMA_HOST;
  let ownCalls;
  try {
    const code = await Optimizer.getCode("BTCUSDT", { optimizerName: settings.optimizerName });
    assert.ok(!code.includes("secret-key-in-env"));
    ownCalls = await loadGenerated(dir, code);
    const [[strategy]] = argsOf(ownCalls, "addStrategy");
    await strategy.getSignal("BTCUSDT");
  } finally {
    delete process.env.OLLAMA_API_KEY;
    process.env.OLLAMA_HOST = HOST;
  }
  assert.deepEqual(argsOf(ownCalls, "askSignal").at(-1)[1], { host: llm.host, model: llm.model, blind: true });
  assert.equal(globalThis.pwned, undefined);
});

test("when the walker is done the launcher says where the request pool settled, in getLlmConcurrency's words", async (t) => {
  const [[onDone]] = argsOf(calls, "listenDoneWalker");
  const printed = [];
  t.mock.method(console, "log", (...args) => printed.push(args.join(" ")));
  onDone({ walkerName: "w" });
  onDone({ llmConcurrency: { mode: "fixed", limit: 3, peak: 3, falls: 0, lastChange: null } });
  const lastChange = { from: 16, to: 11, reason: "latency", latencyMs: 300, baselineMs: 200 };
  onDone({ llmConcurrency: { mode: "adaptive", limit: 12, peak: 16, falls: 1, lastChange } });
  assert.deepEqual(printed, [
    "LLM requests in flight: fixed at 3 (highest 3, fell 0 time(s))",
    "LLM requests in flight: adaptive, settled at 12 (highest 16, fell 1 time(s), last moved from 16 to 11 (latency))",
  ]);
});
