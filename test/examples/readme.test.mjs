import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { access, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The README's first Optimizer example, written into a fresh project that installed backtest-kit. */
const optimizerExampleProject = async (t) => {
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  const [, snippet] = readme.slice(readme.indexOf("## The Optimizer API")).match(/```js\n([\s\S]*?)```/);
  const cwd = await makeTempDir(t);
  await mkdir(join(cwd, "node_modules"));
  await symlink(ROOT, join(cwd, "node_modules", "backtest-kit"), "dir");
  await writeFile(join(cwd, "example.mjs"), snippet);
  return cwd;
};

test("the README's API example runs as written, in a project that installed backtest-kit", async (t) => {
  const cwd = await optimizerExampleProject(t);
  const env = { ...process.env };
  delete env.OLLAMA_HOST;
  const { stdout } = await run(process.execPath, ["example.mjs"], { cwd, env });
  const file = join(cwd, "generated", "btc-weekly_BTCUSDT.mjs");
  assert.match(stdout, /^4\/4 sources$/m);
  assert.equal(stdout.trim().split("\n").at(-1).replace(/^2 \d+ /, ""), file);
  // blind by default: the symbol is taken out of the strategy text before it reaches the file
  assert.match(await readFile(file, "utf8"), /Buy ASSET dips to the weekly low/);
});

test("with OLLAMA_HOST the README's API example asks the model once per range, and a second run not at all", async (t) => {
  const server = await startOllamaServer((body) => `Strategy from ${body.messages.length} messages of ${body.model}`);
  t.after(server.close);
  const cwd = await optimizerExampleProject(t);
  const env = { ...process.env, OLLAMA_HOST: server.host, OLLAMA_MODEL: "llama3.1" };
  delete env.BACKTEST_KIT_LLM_CACHE;
  delete env.BACKTEST_KIT_LLM_CACHE_DIR;
  await run(process.execPath, ["example.mjs"], { cwd, env });
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0].body.messages.at(-1).content, "Write a trading strategy for BTCUSDT.");
  const code = await readFile(join(cwd, "generated", "btc-weekly_BTCUSDT.mjs"), "utf8");
  assert.ok(code.includes('"Strategy from 5 messages of llama3.1"'));
  await run(process.execPath, ["example.mjs"], { cwd, env });
  assert.equal(server.requests.length, 2, "the second run is answered by the response cache");
});

test("the README's runtime example runs as written and names the best strategy", async (t) => {
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## The backtest runtime"));
  const [, snippet] = section.match(/```js\n([\s\S]*?)```/);
  const cwd = await makeTempDir(t);
  await mkdir(join(cwd, "node_modules"));
  await symlink(ROOT, join(cwd, "node_modules", "backtest-kit"), "dir");
  await writeFile(join(cwd, "runtime.mjs"), snippet);
  const { stdout } = await run(process.execPath, ["runtime.mjs"], { cwd });
  const lines = stdout.trim().split("\n");
  assert.match(lines[0], /^(take_profit|stop_loss|time_expired) -?\d+\.\d\d$/);
  assert.match(stdout, /^trades \d+ win rate [\d.]+$/m);
  assert.match(stdout, /^walker 2\/2$/m);
  assert.match(stdout, /^best: follow-(long|short)$/m);
  assert.equal(lines.at(-1), "# Walker Comparison Report: follow");
});

test("the README's candle store example runs as written and leaves the store in the working directory", async (t) => {
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  const [, snippet] = readme.slice(readme.indexOf("## The candle store")).match(/```js\n([\s\S]*?)```/);
  const cwd = await makeTempDir(t);
  await mkdir(join(cwd, "node_modules"));
  await symlink(ROOT, join(cwd, "node_modules", "backtest-kit"), "dir");
  await symlink(join(ROOT, "data"), join(cwd, "data"), "dir");
  await writeFile(join(cwd, "store.mjs"), `${snippet}\nconsole.log(JSON.stringify(hours.map((c) => c.timestamp)));\n`);
  const env = { ...process.env };
  delete env.BACKTEST_KIT_CANDLE_STORE;
  const { stdout } = await run(process.execPath, ["store.mjs"], { cwd, env });
  const start = Date.parse("2023-03-10T00:00:00Z");
  assert.deepEqual(JSON.parse(stdout), Array.from({ length: 24 }, (_, i) => start + i * 3_600_000));
  await access(join(cwd, ".backtest-kit", "candles.sqlite"));
});
