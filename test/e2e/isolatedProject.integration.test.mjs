// A generated file imports only backtest-kit and node: modules, so it runs in a project
// where nothing but backtest-kit is resolvable (no ccxt beside it, as under pnpm or a
// linked install): the candle store is seeded, the baseline model answers on loopback.
import { test } from "node:test";
import assert from "node:assert/strict";
import { access, mkdir, readFile, readdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { addOptimizer, CandleStore, Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { arraySource, makeRows } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { SERIES_PATH } from "../helpers/series.mjs";
import { ROOT, runNode } from "../helpers/cli.mjs";

const SYMBOL = "BTCUSDT";
const PREFIX = "isolated";

/** Every module specifier the code imports: static imports, import() and require(). */
const importedModules = (code) => [
  ...[...code.matchAll(/^\s*import\s[^;]*?\sfrom\s+(["'])([^"']+)\1/gm)].map((match) => match[2]),
  ...[...code.matchAll(/^\s*import\s+(["'])([^"']+)\1/gm)].map((match) => match[2]),
  ...[...code.matchAll(/\bimport\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2]),
  ...[...code.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2]),
];

test("the import scan finds static, dynamic and require forms", () => {
  const sample = 'import { a } from "backtest-kit";\nimport fs from "node:fs";\nimport "side";\nconst x = await import("ccxt");\nrequire(\'lodash\');';
  assert.deepEqual(importedModules(sample), ["backtest-kit", "node:fs", "side", "ccxt", "lodash"]);
});

test("a generated file runs where only backtest-kit is resolvable, and imports nothing else", { timeout: 240_000 }, async (t) => {
  const model = await serveBaselineModel();
  t.after(() => model.close());
  const optimizerName = `isolated-${process.pid}`;
  addOptimizer({
    optimizerName,
    prefix: PREFIX,
    rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
    rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T03:00:00Z") },
    source: [arraySource(makeRows(3))],
    getPrompt: async () => "Buy the dip, sell the rip.",
  });

  const dir = await makeTempDir(t, "backtest-kit-isolated-");
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  assert.deepEqual(await readdir(join(dir, "node_modules")), ["backtest-kit"]);
  const store = join(dir, "candles.sqlite");
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol: SYMBOL, path: store });

  const file = await Optimizer.dump(SYMBOL, { optimizerName }, dir);
  const code = await readFile(file, "utf8");
  const modules = importedModules(code);
  assert.ok(modules.includes("backtest-kit"));
  assert.deepEqual(modules.filter((name) => name !== "backtest-kit" && !name.startsWith("node:")), []);
  await assert.rejects(access(join(dir, "node_modules", "ccxt")), { code: "ENOENT" });

  const env = { ...process.env, OLLAMA_HOST: model.host, BACKTEST_KIT_CANDLE_STORE: store, BACKTEST_KIT_LLM_CACHE: "off" };
  delete env.NODE_TEST_CONTEXT;
  const result = await runNode([file], { cwd: dir, env });
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  assert.doesNotMatch(result.stderr, /Cannot find (package|module)/);
  assert.match(result.stdout, /Walker completed, best strategy:/);
  const report = await readFile(join(dir, "dump", "walker", `${PREFIX}_walker.md`), "utf8");
  assert.match(report, /^# Walker Comparison Report: isolated_walker/);
});

test("a failing generated file prints one line per failure with the root cause once; BACKTEST_KIT_VERBOSE=1 adds the chain", { timeout: 120_000 }, async (t) => {
  const model = await serveBaselineModel();
  t.after(() => model.close());
  const optimizerName = `isolated-failing-${process.pid}`;
  addOptimizer({
    optimizerName,
    prefix: "failing",
    rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
    rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T00:10:00Z") },
    source: [arraySource(makeRows(3))],
    getPrompt: async () => "Buy the dip.",
    template: {
      getExchangeTemplate: (symbol, exchangeName) => String.raw`const { setConfig } = await import("backtest-kit");
setConfig({ CC_GET_CANDLES_RETRY_DELAY_MS: 1 });
addExchange({
    exchangeName: ${JSON.stringify(exchangeName)},
    getCandles: async () => { throw new Error("exchange is down for maintenance"); },
    formatPrice: async (symbol, price) => price.toFixed(2),
    formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
});`,
    },
  });
  const dir = await makeTempDir(t, "backtest-kit-isolated-");
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  const file = await Optimizer.dump(SYMBOL, { optimizerName }, dir);
  const env = { ...process.env, OLLAMA_HOST: model.host, BACKTEST_KIT_LLM_CACHE: "off" };
  delete env.NODE_TEST_CONTEXT;
  delete env.BACKTEST_KIT_VERBOSE;

  const plain = await runNode([file], { cwd: dir, env });
  const failures = plain.stderr.split(/\r|\n/).filter((line) => line.startsWith("Error: "));
  assert.ok(failures.length > 0, plain.stderr);
  for (const line of failures) {
    assert.equal(line.split("exchange is down for maintenance").length, 2, `root cause once: ${line}`);
  }
  assert.match(plain.stderr, /^Walker failing_walker failed: every strategy failed \(1 of 1\), so there is no best strategy:\n  failing_strategy-1: backtest of strategy failing_strategy-1 .*: exchange is down for maintenance$/m);
  assert.equal(plain.code, 1, "nothing succeeded");
  assert.doesNotMatch(plain.stderr, /\n\s+at /, "no stack without BACKTEST_KIT_VERBOSE");

  const verbose = await runNode([file], { cwd: dir, env: { ...env, BACKTEST_KIT_VERBOSE: "1" } });
  assert.match(verbose.stderr, /Caused by: Error: exchange is down for maintenance\n\s+at /);
});
