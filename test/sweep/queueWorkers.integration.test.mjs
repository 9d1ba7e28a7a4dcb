// Sweep queue workers: a config that differs on a worker is refused, a second machine's
// copy gets every answer from the shared Redis model cache, and a hostile worker writes
// nothing outside its job (BullMQ on a real loopback redis-server, the baseline model).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir } from "node:fs/promises";
import { Worker } from "bullmq";
import { join } from "node:path";
import { startRedis } from "../helpers/redis.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import {
  makeSweepProject,
  readTreeResults,
  runCommand,
  startBaseline,
  startWorker,
  sweepConfigText,
  sweepEnv,
  readSweepRows,
} from "../helpers/sweep.mjs";

test("a worker whose copy of the config differs refuses the job with a clear error", { timeout: 300_000 }, async (t) => {
  const dir = await makeSweepProject(t, { "a.mjs": sweepConfigText("fa") });
  const elsewhere = await makeTempDir(t, "backtest-kit-sweep-other-");
  await mkdir(join(elsewhere, "project"));
  const other = await makeSweepProject(t, { "a.mjs": sweepConfigText("fa", { note: "a different copy" }) }, { dir: join(elsewhere, "project") });
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host);

  const worker = await startWorker(t, { cwd: other, env, args: ["--queue", redis.url] });
  const result = await runCommand(["sweep", "a.mjs", "--symbols", "BTCUSDT", "--queue", redis.url], { cwd: dir, env });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /- fa BTCUSDT: config a\.mjs here differs from the sweep's \(sha256 [0-9a-f]{12}, the sweep's [0-9a-f]{12}\): refusing to run other code/);
  const [row] = await readSweepRows(join(dir, "sweep"));
  assert.equal(row.status, "failed");
  assert.doesNotMatch(worker.output().stdout, /fa_BTCUSDT done/, "nothing ran");
});

test("a second worker on another machine's copy gets every model answer from the shared Redis cache", { timeout: 300_000 }, async (t) => {
  const first = await makeSweepProject(t, { "a.mjs": sweepConfigText("fb", { day: "2023-03-09" }) });
  const second = await makeSweepProject(t, { "a.mjs": sweepConfigText("fb", { day: "2023-03-09" }) });
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host, { BACKTEST_KIT_LLM_CACHE: `${redis.url}/1` });

  const one = await startWorker(t, { cwd: first, env, args: ["--queue", redis.url] });
  const cold = await runCommand(["sweep", "a.mjs", "--symbols", "BTCUSDT", "--queue", redis.url], { cwd: first, env });
  assert.equal(cold.code, 0, cold.stderr);
  await one.stop();
  await model.close();

  const two = await startWorker(t, { cwd: second, env, args: ["--queue", redis.url] });
  const warm = await runCommand(["sweep", "a.mjs", "--symbols", "BTCUSDT", "--queue", redis.url], { cwd: second, env });
  assert.equal(warm.code, 0, `the model is closed: every answer came from the cache\n${warm.stdout}\n${warm.stderr}`);
  assert.match(two.output().stdout, /job fb_BTCUSDT done, best fb_strategy-1/);
  assert.deepEqual(await readTreeResults(join(second, "sweep")), await readTreeResults(join(first, "sweep")), "the same files as the first machine's (but the model calls' counts)");
});

test("a worker's hostile outcome cannot write outside its job's directory or claim another job", { timeout: 300_000 }, async (t) => {
  const dir = await makeSweepProject(t, { "a.mjs": sweepConfigText("fa") });
  const redis = await startRedis(t);
  const rogue = new Worker(
    "backtest-kit-sweep",
    async (job) =>
      job.data.symbol === "BTCUSDT"
        ? { result: { id: "other_job", status: "done", bestStrategy: "x" }, files: [{ path: "../../escaped.txt", content: "owned" }] }
        : "not an outcome",
    { connection: { url: redis.url, maxRetriesPerRequest: null } }
  );
  rogue.on("error", () => undefined);
  t.after(() => rogue.disconnect());
  const result = await runCommand(["sweep", "a.mjs", "--symbols", "BTCUSDT,ETHUSDT", "--queue", redis.url], { cwd: dir, env: sweepEnv("http://127.0.0.1:9") });
  assert.equal(result.code, 1, result.stderr);
  const rows = await readSweepRows(join(dir, "sweep"));
  assert.deepEqual(rows.map((row) => [row.id, row.status]), [["fa_BTCUSDT", "failed"], ["fa_ETHUSDT", "failed"]]);
  assert.match(rows[0].error, /its files could not be written: a sweep job's file path must stay inside its directory, got "\.\.\/\.\.\/escaped\.txt"/);
  assert.equal(rows[1].error, "the worker handed back no sweep job outcome");
  assert.ok(!(await readdir(dir)).includes("escaped.txt") && !(await readdir(join(dir, ".."))).includes("escaped.txt"), "nothing escaped");
  assert.deepEqual((await readdir(join(dir, "sweep", "fa_BTCUSDT"))).sort(), ["result.json"]);
  await rogue.close();
});
