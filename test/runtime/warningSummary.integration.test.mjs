// The warning summary: collectWarnings counts by kind with the first message of each; the
// generated launcher and the backtest-kit command print it at the end; nothing otherwise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as lib from "../../build/index.mjs";
import { at, candles1m, flat, setupBacktest, collect, flush } from "../helpers/synthetic.mjs";
import { writeGenerated } from "../helpers/standIn.mjs";
import { validSchema } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const { Backtest, collectWarnings, getCandles } = lib;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const execNode = promisify(execFile);

/** Runs `node args` in `cwd` with `env` added; resolves to { stdout, stderr }, rejects on a non-zero exit. */
const runNode = (args, cwd, env = {}) => {
  const { NODE_TEST_CONTEXT, ...inherited } = process.env;
  return execNode(process.execPath, args, { cwd, env: { ...inherited, ...env } });
};

test("collectWarnings counts by kind, keeps the first message of each, and stops collecting", async () => {
  const warnings = collectWarnings();
  const setup = setupBacktest(lib, {
    label: "summary",
    candles: candles1m(at(-180), flat(100, 200)),
    endDate: at(60),
    misbehave: (call) => (call.interval === "1h" ? call.reply().reverse() : call.reply()),
    signals: async (symbol) => {
      await getCandles(symbol, "1h", 3);
      return null;
    },
  });
  await collect(Backtest.run("BTCUSDT", setup.ctx));
  await flush();
  assert.deepEqual(warnings.summary().kinds.map((k) => [k.kind, k.count]), [["exchange-repair", 1], ["data-ended", 1]]);
  const summary = warnings.stop();
  assert.equal(summary.total, 2);
  assert.match(summary.text, /^backtest-kit: 2 warning\(s\)\n  exchange-repair x1, first: exchange .* out of time order/);
  assert.match(summary.text, new RegExp(`\\n  data-ended x1, first: backtest of strategy ${setup.strategyName}`));
  await collect(Backtest.run("ETHUSDT", setup.ctx));
  await flush();
  assert.equal(warnings.summary().total, summary.total, "nothing is collected after stop");
});

test("no warnings summarize to an empty text", () => {
  const summary = collectWarnings().stop();
  assert.deepEqual(summary, { total: 0, kinds: [], text: "" });
});

test("the generated launcher prints the warning summary on stderr when it exits, and nothing without warnings", async (t) => {
  const schema = validSchema({ prefix: "warn" });
  lib.addOptimizer(schema);
  const code = await lib.Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  const dir = await makeTempDir(t);
  const file = await writeGenerated(dir, code);
  const text = "backtest-kit: 2 warning(s)\n  data-ended x2, first: the data ended";
  // the stand-in runtime's walker never completes, so the file says so first and exits 1
  const outcome = (env) => runNode([file], dir, env).then(({ stderr }) => ({ code: 0, stderr }), ({ code, stderr }) => ({ code, stderr }));
  const noisy = await outcome({ STAND_IN_WARNING_TEXT: text });
  assert.equal(noisy.stderr, `Walker warn_walker did not complete\n${text}\n`);
  assert.equal(noisy.code, 1);
  const quiet = await outcome({ STAND_IN_WARNING_TEXT: "" });
  assert.equal(quiet.stderr, "Walker warn_walker did not complete\n", "no summary without warnings");
});

test("the generated launcher prints what its model calls cost after the warning summary when it exits", async (t) => {
  const schema = validSchema({ prefix: "usage" });
  lib.addOptimizer(schema);
  const code = await lib.Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  const dir = await makeTempDir(t);
  const file = await writeGenerated(dir, code);
  const warnings = "backtest-kit: 1 warning(s)\n  data-ended x1, first: the data ended";
  const usage = "LLM usage: 3 requests sent, 1 answered from the cache; cost: no price set";
  // the stand-in runtime's walker never completes, so the file exits 1 after its summaries
  const { stderr, code: exitCode } = await runNode([file], dir, { STAND_IN_WARNING_TEXT: warnings, STAND_IN_LLM_USAGE_TEXT: usage }).then(
    ({ stderr }) => ({ stderr, code: 0 }),
    ({ stderr, code }) => ({ stderr, code })
  );
  assert.equal(exitCode, 1);
  assert.ok(stderr.endsWith(`${warnings}\n${usage}\n`), stderr);
});

test("the backtest-kit command prints the summary of what was worked around during it", async (t) => {
  const dir = await makeTempDir(t);
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  const config = `import { addExchange, addFrame, addStrategy, Backtest } from "backtest-kit";
const T0 = Date.UTC(2024, 0, 1);
const candles = Array.from({ length: 120 }, (_, i) => ({ timestamp: T0 - 3600000 + i * 60000, open: 100, high: 100, low: 100, close: 100, volume: 1 }));
addExchange({
  exchangeName: "cli-warn-ex",
  getCandles: async (symbol, interval, since, limit) => candles.filter((c) => c.timestamp >= since.getTime()).slice(0, limit),
  formatPrice: async (symbol, price) => String(price),
  formatQuantity: async (symbol, quantity) => String(quantity),
});
addFrame({ frameName: "cli-warn-frame", interval: "1m", startDate: new Date(T0), endDate: new Date(T0 + 2 * 3600000) });
addStrategy({ strategyName: "cli-warn-strategy", interval: "1h", getSignal: async () => null });
for await (const _ of Backtest.run("BTCUSDT", { strategyName: "cli-warn-strategy", exchangeName: "cli-warn-ex", frameName: "cli-warn-frame" })) {}
export default {
  optimizerName: "cli-warn",
  rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
  rangeTest: { startDate: new Date("2023-03-05T00:00:00Z"), endDate: new Date("2023-03-06T00:00:00Z") },
  source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
  getPrompt: async () => "hold",
};
`;
  await writeFile(join(dir, "config.mjs"), config);
  const { stderr } = await runNode([join(ROOT, "bin", "backtest-kit.mjs"), "optimize", "config.mjs", "--symbol", "BTCUSDT"], dir);
  assert.match(stderr, /backtest-kit: 1 warning\(s\)\n  data-ended x1, first: backtest of strategy cli-warn-strategy on BTCUSDT .*the last 1m candle opens at 2024-01-01T00:59:00.000Z/);
});
