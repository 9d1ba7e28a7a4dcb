import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { blockAfter, cleanEnv, projectWith } from "../helpers/docBlocks.mjs";

const run = promisify(execFile);

/** The Optimizer guide's example, written into a fresh project that installed backtest-kit. */
const optimizerExampleProject = async (t) => projectWith(t, await blockAfter("docs/optimizer.md", "# The Optimizer API"));

test("the Optimizer guide's example runs as written, in a project that installed backtest-kit", async (t) => {
  const cwd = await optimizerExampleProject(t);
  const { stdout } = await run(process.execPath, ["example.mjs"], { cwd, env: cleanEnv() });
  const file = join(cwd, "generated", "btc-weekly_BTCUSDT.mjs");
  assert.match(stdout, /^4\/4 sources$/m);
  assert.equal(stdout.trim().split("\n").at(-1).replace(/^2 \d+ /, ""), file);
  // blind by default: the symbol is taken out of the strategy text before it reaches the file
  assert.match(await readFile(file, "utf8"), /Buy ASSET dips to the weekly low/);
});

test("with OLLAMA_HOST the Optimizer guide's example asks the model once per range, and a second run not at all", async (t) => {
  const server = await startOllamaServer((body) => `Strategy from ${body.messages.length} messages of ${body.model}`);
  t.after(server.close);
  const cwd = await optimizerExampleProject(t);
  const env = { ...cleanEnv(), OLLAMA_HOST: server.host, OLLAMA_MODEL: "llama3.1" };
  await run(process.execPath, ["example.mjs"], { cwd, env });
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0].body.messages.at(-1).content, "Write a trading strategy for ASSET.");
  assert.doesNotMatch(JSON.stringify(server.requests[0].body.messages), /BTC|2023-/, "blind-clean: no symbol and no date reach the model");
  const code = await readFile(join(cwd, "generated", "btc-weekly_BTCUSDT.mjs"), "utf8");
  assert.ok(code.includes('"Strategy from 5 messages of llama3.1"'));
  await run(process.execPath, ["example.mjs"], { cwd, env });
  assert.equal(server.requests.length, 2, "the second run is answered by the response cache");
});

test("the runtime guide's example runs as written and names the best strategy", async (t) => {
  const cwd = await projectWith(t, await blockAfter("docs/runtime.md", "# The backtest runtime"), "runtime.mjs");
  const { stdout } = await run(process.execPath, ["runtime.mjs"], { cwd, env: cleanEnv() });
  const lines = stdout.trim().split("\n");
  assert.match(lines[0], /^(take_profit|stop_loss|time_expired) -?\d+\.\d\d$/);
  assert.match(stdout, /^trades \d+ win rate [\d.]+$/m);
  assert.match(stdout, /^walker 2\/2$/m);
  assert.match(stdout, /^best: follow-(long|short)$/m);
  assert.equal(lines.at(-1), "# Walker Comparison Report: follow");
});

test("the candle store guide's example runs as written and leaves the store in the working directory", async (t) => {
  const snippet = await blockAfter("docs/candle-store.md", "# The candle store");
  const cwd = await projectWith(t, `${snippet}\nconsole.log(JSON.stringify(hours.map((c) => c.timestamp)));\n`, "store.mjs");
  const { stdout } = await run(process.execPath, ["store.mjs"], { cwd, env: cleanEnv() });
  const start = Date.parse("2023-03-10T00:00:00Z");
  assert.deepEqual(JSON.parse(stdout), Array.from({ length: 24 }, (_, i) => start + i * 3_600_000));
  await access(join(cwd, ".backtest-kit", "candles.sqlite"));
});

test("the README's short example writes a file with one strategy per training range, asked of the baseline, blind-clean", async (t) => {
  const cwd = await projectWith(t, await blockAfter("README.md", "## A short example"));
  const { stdout } = await run(process.execPath, ["example.mjs"], { cwd, env: cleanEnv() });
  const file = join(cwd, "generated", "btc_BTCUSDT.mjs");
  assert.equal(stdout.trim(), `written: ${file}`);
  const code = await readFile(file, "utf8");
  const prompts = code.match(/const strategyPrompt = "Baseline rule set[^\n]*/g);
  assert.equal(prompts.length, 2);
  // blind candles: the baseline saw relative times and prices, so it quoted no date and no real price
  assert.match(prompts[0], /24 1h candles from t-23h to t0\.\\nOn 1h: close [\d.]+ -> 100 /);
  assert.equal(code.match(/Blind mode: this strategy's text was checked for dates, prices and the symbol before it was written here: none found\./g).length, 2);
  // the model the example started is gone with it: the file asks the fixed baseline port, or OLLAMA_HOST
  assert.match(code, /host: process\.env\.OLLAMA_HOST \|\| "http:\/\/127\.0\.0\.1:11435"/);
});
