import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addOptimizer, Optimizer } from "backtest-kit";
import { validSchema } from "../helpers/optimizer.mjs";
import { loadGenerated, argsOf } from "../helpers/standIn.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";

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

const SIGNAL = {
  position: "long",
  note: "breakout",
  priceOpen: 100,
  priceTakeProfit: 110,
  priceStopLoss: 95,
  minuteEstimatedTime: 60,
};

let server;
let calls;
let schema;
let workDir;

const startDir = process.cwd();

before(async () => {
  server = await startOllamaServer(() => JSON.stringify(SIGNAL));
  process.env.OLLAMA_HOST = server.host;
  workDir = await mkdtemp(join(tmpdir(), "backtest-kit-generated-"));
  process.chdir(workDir);
});

after(async () => {
  delete process.env.OLLAMA_HOST;
  process.chdir(startDir);
  await rm(workDir, { recursive: true, force: true });
  await server.close();
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

test("at run time each strategy sends its own prompt, unchanged, to the model, and returns the signal with its id", async () => {
  const strategies = argsOf(calls, "addStrategy").map(([strategy]) => strategy);
  const expected = [HOSTILE, HUGE];
  for (const [index, strategy] of strategies.entries()) {
    const before = server.requests.length;
    const signal = await strategy.getSignal("BTCUSDT");
    assert.equal(server.requests.length, before + 1);
    const { body } = server.requests.at(-1);
    const last = body.messages.at(-1);
    assert.equal(last.role, "user");
    const [intro, blank, ...rest] = last.content.split("\n");
    assert.match(intro, /produce a trading signal that follows this strategy/);
    assert.equal(blank, "");
    const tail = "\n\nIf the timeframes contradict each other or the trend is weak, answer position: wait";
    assert.ok(last.content.endsWith(tail));
    assert.equal(rest.join("\n").slice(0, -tail.length), expected[index]);
    assert.match(signal.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual({ ...signal, id: undefined }, { ...SIGNAL, id: undefined });
  }
  assert.equal(globalThis.pwned, undefined);
});

test("getSignal walks the model through 1h, 15m, 5m and 1m candles before the question, with the signal schema", async () => {
  const [[strategy]] = argsOf(calls, "addStrategy");
  const candleCallsBefore = argsOf(calls, "getCandles").length;
  await strategy.getSignal("ETHUSDT");
  assert.deepEqual(argsOf(calls, "getCandles").slice(candleCallsBefore), [
    ["ETHUSDT", "1m", 30],
    ["ETHUSDT", "5m", 24],
    ["ETHUSDT", "15m", 24],
    ["ETHUSDT", "1h", 24],
  ]);
  const { body } = server.requests.at(-1);
  assert.equal(body.model, "deepseek-v3.1:671b");
  assert.deepEqual(body.messages.map((message) => message.role), [
    "system", "user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant", "user",
  ]);
  assert.match(body.messages[1].content, /^ETHUSDT\nAnalyse the 1h candles/);
  assert.equal(body.messages[1].content.split("\n").filter((line) => line.includes("[1h]: O:")).length, 24);
  assert.equal(body.messages[7].content.split("\n").filter((line) => line.includes("[1m]: O:")).length, 30);
  assert.deepEqual(body.format.required, ["position", "note", "priceOpen", "priceTakeProfit", "priceStopLoss", "minuteEstimatedTime"]);
  assert.deepEqual(body.format.properties.position.enum, ["wait", "long", "short"]);
});

test("dumpJson keeps every conversation under ./dump/strategy/{id}", async () => {
  const folders = await readdir(join(workDir, "dump", "strategy"));
  assert.equal(folders.length, 3);
  const files = (await readdir(join(workDir, "dump", "strategy", folders[0]))).sort();
  assert.deepEqual(files, [
    "00_system_prompt.md", "01_user_message.md", "02_user_message.md", "03_user_message.md",
    "04_user_message.md", "05_user_message.md", "06_llm_output.md",
  ]);
  const output = await readFile(join(workDir, "dump", "strategy", folders[0], "06_llm_output.md"), "utf8");
  assert.ok(output.includes(JSON.stringify(SIGNAL, null, 2)));
});

test("the API key is sent only when OLLAMA_API_KEY is set", async () => {
  const [[strategy]] = argsOf(calls, "addStrategy");
  await strategy.getSignal("BTCUSDT");
  assert.equal(server.requests.at(-1).headers.authorization, undefined);
  process.env.OLLAMA_API_KEY = "secret-key";
  try {
    await strategy.getSignal("BTCUSDT");
    assert.equal(server.requests.at(-1).headers.authorization, "Bearer secret-key");
  } finally {
    delete process.env.OLLAMA_API_KEY;
  }
});
