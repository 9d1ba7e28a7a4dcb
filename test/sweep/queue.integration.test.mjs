// Sweeps on a job queue: BullMQ on a real Redis (Debian's redis-server on a free loopback
// port, no persistence), `backtest-kit worker` processes taking the jobs, the baseline
// model answering. The queue must give what a local sweep gives (queueFaults: a worker
// killed mid-job, a Redis restart; queueWorkers: a config that differs on a worker, a
// shared model cache, a hostile worker). The files are apart so they run side by side.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startRedis } from "../helpers/redis.mjs";
import {
  makeSweepProject,
  readTreeResults,
  runCommand,
  startBaseline,
  startWorker,
  sweepEnv,
  queueConfigs,
  QUEUE_SWEEP_ARGS,
} from "../helpers/sweep.mjs";

test("6 jobs over 3 queue workers give the same table and files as a local sweep", { timeout: 600_000 }, async (t) => {
  const dir = await makeSweepProject(t, queueConfigs());
  const redis = await startRedis(t);
  const model = await startBaseline(t);
  const env = sweepEnv(model.host);

  const local = await runCommand(["sweep", ...QUEUE_SWEEP_ARGS, "--workers", "2", "--out", "local"], { cwd: dir, env });
  assert.equal(local.code, 0, local.stderr);

  const workers = await Promise.all([1, 2, 3].map(() => startWorker(t, { cwd: dir, env, args: ["--queue", redis.url] })));
  const queued = await runCommand(["sweep", ...QUEUE_SWEEP_ARGS, "--queue", redis.url, "--out", "queued"], { cwd: dir, env });
  assert.equal(queued.code, 0, queued.stderr);

  assert.deepEqual(await readTreeResults(join(dir, "queued")), await readTreeResults(join(dir, "local")), "the same table and files, byte for byte but the model calls' counts");
  const taken = workers.map((worker) => (worker.output().stdout.match(/ done, best /g) ?? []).length);
  assert.equal(taken.reduce((a, b) => a + b, 0), 6, `each job ran once: ${taken}`);
  assert.ok(taken.filter((count) => count > 0).length >= 2, `the jobs were shared among the workers: ${taken}`);
});
