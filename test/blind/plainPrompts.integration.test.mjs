// blind: false restores the prompts the generated file sent before blind mode existed,
// byte for byte: every request body of a fixed run equals the pinned one. The file runs
// with the sequential settings (one request, one strategy at a time, no prefetch), under
// which the library sends exactly what it sent before concurrency, in the same order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { writeFile } from "node:fs/promises";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { runPinnedFile, sha256 } from "../helpers/pinnedRun.mjs";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "plain-prompts.json.gz");

/**
 * The environment that makes a generated file in `dir` run with the sequential settings:
 * a module preloaded with --import sets them on the same backtest-kit the file imports.
 */
const sequentialEnv = async (dir, extra = {}) => {
  await writeFile(
    join(dir, "sequential.mjs"),
    'import { setConfig } from "backtest-kit";\nsetConfig({ CC_LLM_CONCURRENCY: 1, CC_WALKER_CONCURRENCY: 1, CC_SIGNAL_PREFETCH: 0 });\n'
  );
  return { NODE_OPTIONS: "--import=./sequential.mjs", ...extra };
};

test("with blind: false every request body is byte-identical to the prompts pinned before blind mode", async (t) => {
  const pinned = JSON.parse(gunzipSync(await readFile(FIXTURE)).toString("utf8"));
  const dir = await makeTempDir(t, "backtest-kit-plain-");
  const run = await runPinnedFile(dir, { blind: false }, await sequentialEnv(dir));
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  assert.ok(pinned.sha256.length > 20, "the pinned run asked the model many times");
  assert.equal(run.bodies[0], pinned.first, "the first request body, in full");
  assert.deepEqual(run.bodies.map(sha256), pinned.sha256);
});

test("BACKTEST_KIT_BLIND=off turns a blind file's prompts plain, byte for byte", async (t) => {
  const pinned = JSON.parse(gunzipSync(await readFile(FIXTURE)).toString("utf8"));
  const dir = await makeTempDir(t, "backtest-kit-plain-env-");
  const run = await runPinnedFile(dir, {}, await sequentialEnv(dir, { BACKTEST_KIT_BLIND: "off" }));
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  assert.deepEqual(run.bodies.map(sha256), pinned.sha256);
});
