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
