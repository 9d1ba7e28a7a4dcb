// blind: false restores the prompts the generated file sent before blind mode existed,
// byte for byte: every request body of a fixed run equals the pinned one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { runPinnedFile, sha256 } from "../helpers/pinnedRun.mjs";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "plain-prompts.json.gz");

test("with blind: false every request body is byte-identical to the prompts pinned before blind mode", async (t) => {
  const pinned = JSON.parse(gunzipSync(await readFile(FIXTURE)).toString("utf8"));
  const dir = await makeTempDir(t, "backtest-kit-plain-");
  const run = await runPinnedFile(dir, { blind: false });
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  assert.ok(pinned.sha256.length > 20, "the pinned run asked the model many times");
  assert.equal(run.bodies[0], pinned.first, "the first request body, in full");
  assert.deepEqual(run.bodies.map(sha256), pinned.sha256);
});

test("BACKTEST_KIT_BLIND=off turns a blind file's prompts plain, byte for byte", async (t) => {
  const pinned = JSON.parse(gunzipSync(await readFile(FIXTURE)).toString("utf8"));
  const dir = await makeTempDir(t, "backtest-kit-plain-env-");
  const run = await runPinnedFile(dir, {}, { BACKTEST_KIT_BLIND: "off" });
  assert.equal(run.code, 0, run.stderr.slice(-3000));
  assert.deepEqual(run.bodies.map(sha256), pinned.sha256);
});
