// Sweeps on a job queue: BullMQ on a real Redis (Debian's redis-server on a free loopback
// port, no persistence), `backtest-kit worker` processes taking the jobs, the baseline
// model answering. The queue must give what a local sweep gives, survive a worker killed
// mid-job and a Redis restart, and refuse a config that differs on a worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { Worker } from "bullmq";
import { join } from "node:path";
import { startRedis } from "../helpers/redis.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import {
  makeSweepProject,
  readTreeResults,
  runCommand,
  startBaseline,
  startSweep,
  startWorker,
  sweepConfigText,
  sweepEnv,
  SWEEP_SYMBOLS,
} from "../helpers/sweep.mjs";

const CONFIGS = { "configs/a.mjs": sweepConfigText("fa"), "configs/b.mjs": sweepConfigText("fb", { day: "2023-03-09" }) };
const SYMBOLS = SWEEP_SYMBOLS.join(",");
const SWEEP_ARGS = ["configs/a.mjs", "configs/b.mjs", "--symbols", SYMBOLS];

/** The sweep's rows from sweep.json without the attempts (a retry is no different result). */
const rowsOf = async (dir) =>
  JSON.parse(await readFile(join(dir, "sweep.json"), "utf8")).jobs.map(({ attempts, ...row }) => row);

test("6 jobs over 3 queue workers give the same table and files as a local sweep", { timeout: 600_000 }, async (t) => {
  const dir = await makeSweepProject(t, CONFIGS);
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host);

  const local = await runCommand(["sweep", ...SWEEP_ARGS, "--workers", "2", "--out", "local"], { cwd: dir, env });
  assert.equal(local.code, 0, local.stderr);

  const workers = await Promise.all([1, 2, 3].map(() => startWorker(t, { cwd: dir, env, args: ["--queue", redis.url] })));
  const queued = await runCommand(["sweep", ...SWEEP_ARGS, "--queue", redis.url, "--out", "queued"], { cwd: dir, env });
  assert.equal(queued.code, 0, queued.stderr);

  assert.deepEqual(await readTreeResults(join(dir, "queued")), await readTreeResults(join(dir, "local")), "the same table and files, byte for byte but the model calls' counts");
  const taken = workers.map((worker) => (worker.output().stdout.match(/ done, best /g) ?? []).length);
  assert.equal(taken.reduce((a, b) => a + b, 0), 6, `each job ran once: ${taken}`);
  assert.ok(taken.filter((count) => count > 0).length >= 2, `the jobs were shared among the workers: ${taken}`);
});

test("a worker killed with SIGKILL mid-job: another worker takes the job up and the sweep records it once", { timeout: 600_000 }, async (t) => {
  const dir = await makeSweepProject(t, { "a.mjs": sweepConfigText("fa") });
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host);
  const args = ["--queue", redis.url, "--lock-ms", "2000"];

  const doomed = await startWorker(t, { cwd: dir, env, args });
  const sweep = startSweep(["a.mjs", "--symbols", "BTCUSDT,ETHUSDT", "--queue", redis.url], { cwd: dir, env });
  await doomed.waitFor(/job fa_BTCUSDT \(attempt 1\) started/);
  doomed.child.kill("SIGKILL");
  await doomed.stop();
  const rescuer = await startWorker(t, { cwd: dir, env, args });
  const result = await sweep.done;
  assert.equal(result.code, 0, result.stderr);

  const rows = await rowsOf(join(dir, "sweep"));
  assert.deepEqual(rows.map((row) => [row.id, row.status]), [["fa_BTCUSDT", "done"], ["fa_ETHUSDT", "done"]], "one row per job");
  assert.match(rescuer.output().stdout, /job fa_BTCUSDT \(attempt \d\) started[\s\S]*job fa_BTCUSDT done/, "the other worker took the job up");
  assert.ok(!/fa_BTCUSDT done/.test(doomed.output().stdout), "the killed worker never finished it");
  assert.match(result.stderr, /sweep-job-stalled/, "the stalled job is said");
});

test("Redis restarted mid-sweep: lost jobs go back on the queue, each job ends once", { timeout: 600_000 }, async (t) => {
  const dir = await makeSweepProject(t, CONFIGS);
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host);

  const worker = await startWorker(t, { cwd: dir, env, args: ["--queue", redis.url] });
  const sweep = startSweep([...SWEEP_ARGS, "--queue", redis.url], { cwd: dir, env });
  await worker.waitFor(/ done, best /);
  await redis.restart();
  const result = await sweep.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /sweep-job-requeued/, "the lost jobs are said");

  const rows = await rowsOf(join(dir, "sweep"));
  assert.equal(rows.length, 6);
  assert.ok(rows.every((row) => row.status === "done"), JSON.stringify(rows));
  assert.deepEqual(new Set(rows.map((row) => row.id)).size, 6, "no job recorded twice");
});

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
  const [row] = await rowsOf(join(dir, "sweep"));
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
  const rows = await rowsOf(join(dir, "sweep"));
  assert.deepEqual(rows.map((row) => [row.id, row.status]), [["fa_BTCUSDT", "failed"], ["fa_ETHUSDT", "failed"]]);
  assert.match(rows[0].error, /its files could not be written: a sweep job's file path must stay inside its directory, got "\.\.\/\.\.\/escaped\.txt"/);
  assert.equal(rows[1].error, "the worker handed back no sweep job outcome");
  assert.ok(!(await readdir(dir)).includes("escaped.txt") && !(await readdir(join(dir, ".."))).includes("escaped.txt"), "nothing escaped");
  assert.deepEqual((await readdir(join(dir, "sweep", "fa_BTCUSDT"))).sort(), ["result.json"]);
  await rogue.close();
});
