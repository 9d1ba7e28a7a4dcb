// `backtest-kit optimize` for a symbol the candle store does not hold fails with one line
// naming optimizer, symbol and range (root cause once), exit 1, and leaves nothing behind;
// so does an unknown optimizer name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { ROOT, runCli } from "../helpers/cli.mjs";
import { SERIES_PATH } from "../helpers/series.mjs";

const DEMO_CONFIG = join(ROOT, "demo", "optimizer.config.mjs");
const ROOT_CAUSE = "no source returned any rows";

test("optimize ETHUSDT against a store holding only BTCUSDT: exit 1, one line with the root cause once, no file, no directory", { timeout: 120_000 }, async (t) => {
  const dir = await makeTempDir(t);
  const store = join(dir, "candles.sqlite");
  const seeded = await runCli(["seed", SERIES_PATH, "--exchange", "binance", "--symbol", "BTCUSDT", "--store", store]);
  assert.equal(seeded.code, 0, seeded.stderr);
  const out = join(dir, "generated", "nested");
  const env = { BACKTEST_KIT_CANDLE_STORE: store };
  const { code, stdout, stderr } = await runCli(["optimize", DEMO_CONFIG, "--symbol", "ETHUSDT", "--out", out], { cwd: dir, env });
  assert.equal(code, 1, stderr);
  assert.equal(stdout, "");
  const lines = stderr.split(/\r|\n/).filter((line) => line.startsWith("backtest-kit: "));
  assert.equal(lines.length, 1, stderr);
  assert.match(
    lines[0],
    /^backtest-kit: optimizer demo symbol ETHUSDT range 1 \(2023-03-\d\dT00:00:00\.000Z - 2023-03-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\): no source returned any rows \(.+\)/
  );
  assert.equal(stderr.split(ROOT_CAUSE).length, 2, "the root cause appears exactly once");
  await assert.rejects(access(join(dir, "generated")), { code: "ENOENT" }, "no empty output directory");

  const verbose = await runCli(["optimize", DEMO_CONFIG, "--symbol", "ETHUSDT", "--out", out], {
    cwd: dir,
    env: { ...env, BACKTEST_KIT_VERBOSE: "1" },
  });
  assert.equal(verbose.code, 1);
  assert.match(verbose.stderr, /\n\s+at /, "the verbose chain has the stack");
});

test("optimize with an unknown optimizer name: exit 2 and no empty output directory", async (t) => {
  const dir = await makeTempDir(t);
  const out = join(dir, "out");
  const { code, stderr } = await runCli(["optimize", DEMO_CONFIG, "--symbol", "BTCUSDT", "--out", out, "--optimizer", "ghost"], { cwd: dir });
  assert.equal(code, 2, stderr);
  assert.match(stderr, /unknown optimizer "ghost"; .* registered: demo/);
  await assert.rejects(access(out), { code: "ENOENT" });
});

test("an output directory that already existed is kept when optimize fails", async (t) => {
  const dir = await makeTempDir(t);
  const { code } = await runCli(["optimize", DEMO_CONFIG, "--symbol", "BTCUSDT", "--out", dir, "--optimizer", "ghost"], { cwd: dir });
  assert.equal(code, 2);
  await access(dir);
});
