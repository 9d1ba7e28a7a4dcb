// Sweeps on a job queue survive faults: a worker killed mid-job and a Redis restart
// (BullMQ on a real loopback redis-server, `backtest-kit worker` processes, the baseline model).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startRedis } from "../helpers/redis.mjs";
import {
  makeSweepProject,
  startBaseline,
  startSweep,
  startWorker,
  sweepConfigText,
  sweepEnv,
  queueConfigs,
  QUEUE_SWEEP_ARGS,
  readSweepRows,
} from "../helpers/sweep.mjs";

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

  const rows = await readSweepRows(join(dir, "sweep"));
  assert.deepEqual(rows.map((row) => [row.id, row.status]), [["fa_BTCUSDT", "done"], ["fa_ETHUSDT", "done"]], "one row per job");
  assert.match(rescuer.output().stdout, /job fa_BTCUSDT \(attempt \d\) started[\s\S]*job fa_BTCUSDT done/, "the other worker took the job up");
  assert.ok(!/fa_BTCUSDT done/.test(doomed.output().stdout), "the killed worker never finished it");
  assert.match(result.stderr, /sweep-job-stalled/, "the stalled job is said");
});

test("Redis restarted mid-sweep: lost jobs go back on the queue, each job ends once", { timeout: 600_000 }, async (t) => {
  const dir = await makeSweepProject(t, queueConfigs());
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host);

  const worker = await startWorker(t, { cwd: dir, env, args: ["--queue", redis.url] });
  const sweep = startSweep([...QUEUE_SWEEP_ARGS, "--queue", redis.url], { cwd: dir, env });
  await worker.waitFor(/ done, best /);
  await redis.restart();
  const result = await sweep.done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /sweep-job-requeued/, "the lost jobs are said");

  const rows = await readSweepRows(join(dir, "sweep"));
  assert.equal(rows.length, 6);
  assert.ok(rows.every((row) => row.status === "done"), JSON.stringify(rows));
  assert.deepEqual(new Set(rows.map((row) => row.id)).size, 6, "no job recorded twice");
});
