// Sweep benchmark: 12 jobs (4 optimizer configs x 3 symbols) against a loopback
// Ollama-protocol model that takes 200 ms an answer and works on at most 16 requests at
// once (the rest queue at the server), as a model server with 16 parallel slots does. Its
// answers are the baseline model's (strategy texts for askText, signals for askSignal),
// so the generated files trade as they would against it. The LLM response cache is off,
// so every run asks the model everything. Each run is a fresh `backtest-kit sweep` command
// timed from spawn to exit, with its own --out: 1 local worker, 4 local workers, and a
// BullMQ queue on a loopback redis-server taken by 4 `backtest-kit worker` processes
// started beforehand. A job tests its generated file over a whole day at 5m (about 200
// model calls, 4 at once per job), so the model's latency dominates, as with a real model.
// Targets (issue 12): 4 workers >= 3x faster than 1; the queue within 20% of 4 local
// workers; the same sweep.md table from every run.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { serveBaselineModel } from "backtest-kit";
import { startOllamaServer } from "../test/helpers/ollamaServer.mjs";
import { startRedis } from "../test/helpers/redis.mjs";
import { makeSweepProject, startWorker, sweepConfigText, sweepEnv, SWEEP_SYMBOLS } from "../test/helpers/sweep.mjs";
import { CLI, runNode } from "../test/helpers/cli.mjs";

const LATENCY_MS = 200;
const SERVER_CAPACITY = 16;
const QUEUE_WORKERS = 4;

/** The helper's configs test six hours; the bench tests the whole day, so each job asks the model about 200 times. */
const HELPER_TEST_END = "2023-03-19T05:59:00Z";
const BENCH_TEST_END = "2023-03-19T23:59:00Z";

/** Four configs, each trained on another day, so their strategies differ. */
const CONFIG_DAYS = { "trend-a.mjs": "2023-03-02", "trend-b.mjs": "2023-03-06", "trend-c.mjs": "2023-03-09", "trend-d.mjs": "2023-03-13" };

/** A sweep config of the tests' shape, testing the whole day. */
const benchConfigText = (name, day) => {
  const text = sweepConfigText(name, { day });
  if (!text.includes(HELPER_TEST_END)) {
    throw new Error(`sweepConfigText no longer tests up to ${HELPER_TEST_END}: update bench/sweep.mjs`);
  }
  return text.replace(HELPER_TEST_END, BENCH_TEST_END);
};

/**
 * The baseline model's answer to a chat body (non-streamed), as the slow server's reply;
 * remembered by body, so the stand-in spends this machine's CPU on a question once (a
 * real model works on its own hardware; the latency and the slots stay on every request).
 */
const baselineAnswer = (baseline) => {
  const answers = new Map();
  return (body) => {
    const key = JSON.stringify(body);
    if (!answers.has(key)) {
      answers.set(key, askBaseline(baseline, body));
    }
    return answers.get(key);
  };
};

/** Asks the baseline model over HTTP; resolves to its content, or the error reply. */
const askBaseline = async (baseline, body) => {
  const response = await fetch(`${baseline.host}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, stream: false }),
  });
  if (!response.ok) {
    return { status: response.status, error: await response.text() };
  }
  return (await response.json()).message.content;
};

/**
 * CPU seconds (user + system) of this process's waited-for descendants so far, from
 * /proc/self/stat (Linux; 100 ticks a second), or null elsewhere.
 */
const childrenCpuSeconds = async () => {
  try {
    const fields = (await readFile("/proc/self/stat", "utf8")).split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
};

/** Runs the backtest-kit command with `args` in `cwd`; resolves to its wall time in ms once it exits 0. */
const runTimed = async (args, cwd, env) => {
  const began = process.hrtime.bigint();
  const { code, stderr } = await runNode([CLI, ...args], { cwd, env });
  if (code !== 0) {
    throw new Error(`backtest-kit ${args.join(" ")} exited with ${code}: ${stderr.slice(-2000)}`);
  }
  return Number(process.hrtime.bigint() - began) / 1e6;
};

/**
 * One sweep of every config over every symbol into its own --out, then `after` (the
 * queue run stops its workers there, so their CPU is counted); what the model saw during
 * it and the CPU its processes used.
 */
const runSweep = async ({ name, flags, after = async () => undefined }, root, env, server) => {
  const out = `out-${name.replaceAll(/[^a-z0-9]+/gi, "-")}`;
  const from = server.requests.length;
  const cpuBefore = await childrenCpuSeconds();
  const args = ["sweep", ...Object.keys(CONFIG_DAYS), "--symbols", SWEEP_SYMBOLS.join(","), "--out", out, ...flags];
  const ms = await runTimed(args, root, env);
  await after();
  const cpuAfter = await childrenCpuSeconds();
  const seen = server.requests.slice(from);
  const table = await readFile(join(root, out, "sweep.md"), "utf8");
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  return { name, ms, cpu, requests: seen.length, peak: Math.max(0, ...seen.map((request) => request.inFlight)), table };
};

const root = await mkdtemp(join(tmpdir(), "backtest-kit-bench-sweep-"));
const baseline = await serveBaselineModel({ port: 0 });
const server = await startOllamaServer(baselineAnswer(baseline), { latencyMs: LATENCY_MS, capacity: SERVER_CAPACITY });
const redis = await startRedis();
const workers = [];
/** What the helpers stop when the bench ends (they take a test's `after`). */
const cleanups = [];
const bench = { after: (fn) => cleanups.push(fn) };
const loadBefore = loadavg()[0];
try {
  const configs = Object.fromEntries(Object.entries(CONFIG_DAYS).map(([file, day]) => [file, benchConfigText(file.replace(".mjs", ""), day)]));
  await makeSweepProject(undefined, configs, { dir: root });
  const env = sweepEnv(server.host);

  const runs = [];
  runs.push(await runSweep({ name: "local, --workers 1", flags: ["--workers", "1"] }, root, env, server));
  runs.push(await runSweep({ name: "local, --workers 4", flags: ["--workers", "4"] }, root, env, server));
  for (let index = 0; index < QUEUE_WORKERS; index += 1) {
    workers.push(await startWorker(bench, { cwd: root, env, args: ["--queue", redis.url] }));
  }
  const stopWorkers = async () => {
    for (const worker of workers) {
      await worker.stop();
    }
  };
  runs.push(await runSweep({ name: `--queue redis, ${QUEUE_WORKERS} worker processes`, flags: ["--queue", redis.url], after: stopWorkers }, root, env, server));
  const [one, four, queue] = runs;

  const jobs = Object.keys(CONFIG_DAYS).length * SWEEP_SYMBOLS.length;
  console.log(
    `Sweep benchmark: ${jobs} jobs (${Object.keys(CONFIG_DAYS).length} configs x ${SWEEP_SYMBOLS.length} symbols, 1 strategy each, a day at 5m), ` +
      `loopback model ${LATENCY_MS} ms an answer, at most ${SERVER_CAPACITY} at once at the server, LLM cache off`
  );
  console.log(
    `  machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
      `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (shared machine)`
  );
  console.log(
    `  ${"run".padEnd(36)} ${"wall s".padStart(7)} ${"requests".padStart(9)} ${"peak in flight".padStart(15)} ${"vs 1 worker".padStart(12)} ` +
      `${"CPU s".padStart(7)} ${"cores busy".padStart(11)}`
  );
  for (const run of runs) {
    const cpu = run.cpu === null ? "n/a" : run.cpu.toFixed(1);
    const busy = run.cpu === null ? "n/a" : (run.cpu / (run.ms / 1000)).toFixed(2);
    console.log(
      `  ${run.name.padEnd(36)} ${(run.ms / 1000).toFixed(1).padStart(7)} ${String(run.requests).padStart(9)} ` +
        `${String(run.peak).padStart(15)} ${`${(one.ms / run.ms).toFixed(2)}x`.padStart(12)} ${cpu.padStart(7)} ${busy.padStart(11)}`
    );
  }
  console.log("  CPU s: of the sweep command and every process it or the workers started (the model stand-in's excluded)");
  const identical = runs.every((run) => run.table === one.table);
  console.log(`  sweep.md identical in the three runs: ${identical ? "yes" : "NO"}`);
  const speedup = one.ms / four.ms;
  const queueOverLocal = queue.ms / four.ms - 1;
  const targets = [
    [`4 workers >= 3x faster than 1 (${speedup.toFixed(2)}x)`, speedup >= 3],
    [`queue within 20% of 4 local workers (${queueOverLocal >= 0 ? "+" : ""}${(queueOverLocal * 100).toFixed(0)}%)`, queueOverLocal <= 0.2],
    ["identical tables", identical],
  ];
  for (const [label, met] of targets) {
    console.log(`  target ${label}: ${met ? "met" : "NOT met"}`);
  }
  if (!identical) {
    console.log("--- sweep.md of 1 worker ---\n" + one.table);
    for (const run of runs.filter((item) => item.table !== one.table)) {
      console.log(`--- sweep.md of ${run.name} ---\n${run.table}`);
    }
    process.exitCode = 1;
  }
} finally {
  for (const cleanup of cleanups) {
    await cleanup();
  }
  await redis.stop();
  await server.close();
  await baseline.close();
  await rm(root, { recursive: true, force: true });
}
