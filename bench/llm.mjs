// LLM benchmark: a generated file with 3 strategies over the first 8 hours of one test
// day (2023-03-19, 5m strategies) against a loopback Ollama-protocol model that answers
// at a fixed latency and works on a fixed number of requests at once (its slots; the rest
// queue at the server), as a local model server does. Each row is one workload and one
// server; the same file runs cold (empty response cache) with the sequential settings,
// with no setting (the adaptive pool and the adaptive prefetch window) and with a fixed
// pool of 4, every run a fresh `node` process timed from spawn to exit. Candles come from
// the candle store seeded with the bundled series, so nothing touches the network.
// Useful requests are those of the sequential run (the same ticks are reached in every
// run: the reports are identical); wasted ones are the rest.
// Targets (issue 22), with no setting: mostly-wait at 8 slots >= 6x the sequential run,
// at 2 slots >= 1.8x and no slower than a fixed pool of 2, at 32 slots >= 12x; trade-often
// at 8 slots >= 1.5x; wasted <= 25% of useful on both workloads; identical reports.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addOptimizer, CandleStore, Optimizer } from "backtest-kit";
import { startOllamaServer } from "../test/helpers/ollamaServer.mjs";
import { minuteCloses } from "../test/helpers/minuteCloses.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SERIES_FILE = join(ROOT, "data", "BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz");
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const SYMBOL = "BTCUSDT";

/** The settings compared; the generated file itself is the same. */
const SEQUENTIAL = { name: "sequential", config: { CC_LLM_CONCURRENCY: 1, CC_WALKER_CONCURRENCY: 1, CC_SIGNAL_PREFETCH: 0 } };
const NO_SETTING = { name: "no setting", config: {} };
const FIXED_4 = { name: "CC_LLM_CONCURRENCY 4", config: { CC_LLM_CONCURRENCY: 4 } };
const FIXED_2 = { name: "CC_LLM_CONCURRENCY 2", config: { CC_LLM_CONCURRENCY: 2 } };

/**
 * Loaded before the generated file (node --import): applies the run's settings and
 * writes the prefetch counts of its backtests (ticks used and skipped, requests dropped
 * unsent) to BENCH_COUNTS when the process exits.
 */
const PRELOAD = `import { writeFileSync } from "node:fs";
import { listenDoneBacktest, setConfig } from "backtest-kit";
setConfig(JSON.parse(process.env.BENCH_CONFIG));
const counts = { useful: 0, speculative: 0, dropped: 0, limit: null, peak: null };
listenDoneBacktest((event) => {
  counts.useful += event.signalPrefetch?.useful ?? 0;
  counts.speculative += event.signalPrefetch?.speculative ?? 0;
  counts.dropped += event.signalPrefetch?.dropped ?? 0;
  counts.limit = event.llmConcurrency?.limit ?? counts.limit;
  counts.peak = event.llmConcurrency?.peak ?? counts.peak;
});
process.on("exit", () => writeFileSync(process.env.BENCH_COUNTS, JSON.stringify(counts)));
`;

/** Mostly "wait": long with 0.5%/0.5% levels after a half hour up by 0.5% or more, else wait. */
const mostlyWait = (body) => {
  const closes = minuteCloses(body);
  const close = closes.at(-1);
  const first = closes[0];
  if (!close || !first || close < first * 1.005) {
    return JSON.stringify({ position: "wait", note: "flat", priceOpen: close ?? 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 });
  }
  return JSON.stringify({
    position: "long",
    note: "rising half hour",
    priceOpen: close,
    priceTakeProfit: Number((close * 1.005).toFixed(2)),
    priceStopLoss: Number((close * 0.995).toFixed(2)),
    minuteEstimatedTime: 60,
  });
};

/** Trades often: long with 0.3%/0.3% levels for 60 min whenever the last close is not below the half hour's first. */
const tradeOften = (body) => {
  const closes = minuteCloses(body);
  const close = closes.at(-1);
  const first = closes[0];
  if (!close || !first || close < first) {
    return JSON.stringify({ position: "wait", note: "down", priceOpen: close ?? 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 });
  }
  return JSON.stringify({
    position: "long",
    note: "not down",
    priceOpen: close,
    priceTakeProfit: Number((close * 1.003).toFixed(2)),
    priceStopLoss: Number((close * 0.997).toFixed(2)),
    minuteEstimatedTime: 60,
  });
};

/** The rows of the table: workload, server slots, and the settings compared. */
const ROWS = [
  { workload: "mostly wait", answer: mostlyWait, slots: 8, target: { ratio: 6 } },
  { workload: "mostly wait", answer: mostlyWait, slots: 2, target: { ratio: 1.8, noSlowerThan: FIXED_2 } },
  { workload: "mostly wait", answer: mostlyWait, slots: 32, target: { ratio: 12 } },
  { workload: "trade often", answer: tradeOften, slots: 8, target: { ratio: 1.5 } },
];

/** Runs `node --import preload file` in `cwd`; resolves to its wall time in ms. */
const runTimed = (preload, file, cwd, env) =>
  new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", preload, file], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - began) / 1e6)
        : reject(new Error(`${file} exited with ${code}: ${stderr.slice(-2000)}`))
    );
  });

/** The backtest and walker reports a run dumped, by file name. */
const readReports = async (dir) => {
  const reports = [];
  for (const kind of ["backtest", "walker"]) {
    const folder = join(dir, "dump", kind);
    for (const name of (await readdir(folder)).sort()) {
      reports.push([`${kind}/${name}`, await readFile(join(folder, name), "utf8")]);
    }
  }
  return reports;
};

/** What the model server saw from request `from` on: how many, and the most in flight at once there. */
const requestsSince = (server, from) => {
  const seen = server.requests.slice(from);
  return { requests: seen.length, serverPeak: Math.max(0, ...seen.map((request) => request.inFlight)) };
};

/** The most requests in flight at the server during a run. */
const requestsPeak = (run) => run.serverPeak;

/** One cold run of the file under `mode` in its own directory (its own response cache). */
const runMode = async (root, preload, file, env, server, mode, label) => {
  const dir = join(root, `${label}-${mode.name}`.replaceAll(/[^a-z0-9]+/gi, "-"));
  await mkdir(dir, { recursive: true });
  const countsFile = join(dir, "counts.json");
  const runEnv = { ...env, BENCH_CONFIG: JSON.stringify(mode.config), BENCH_COUNTS: countsFile };
  const from = server.requests.length;
  const ms = await runTimed(preload, file, dir, runEnv);
  const counts = JSON.parse(await readFile(countsFile, "utf8"));
  return { ...mode, dir, env: runEnv, ms, ...requestsSince(server, from), ...counts, reports: await readReports(dir) };
};

/** A word per training range (by its start day), so the three strategy texts differ. */
const RANGE_MOODS = { "2023-03-01": "calm markets", "2023-03-08": "a sell-off", "2023-03-13": "a rally" };

const root = await mkdtemp(join(tmpdir(), "backtest-kit-bench-llm-"));
const servers = [];
try {
  await mkdir(join(root, "node_modules"), { recursive: true });
  await symlink(ROOT, join(root, "node_modules", "backtest-kit"), "dir");
  const store = join(root, "candles.sqlite");
  await CandleStore.seedFile(SERIES_FILE, { exchangeName: "binance", symbol: SYMBOL, path: store });
  const preload = join(root, "preload.mjs");
  await writeFile(preload, PRELOAD);

  addOptimizer({
    optimizerName: "bench-llm",
    prefix: "bench",
    rangeTrain: [
      { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") },
      { startDate: new Date("2023-03-08T00:00:00Z"), endDate: new Date("2023-03-09T00:00:00Z") },
      { startDate: new Date("2023-03-13T00:00:00Z"), endDate: new Date("2023-03-14T00:00:00Z") },
    ],
    rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T07:59:00Z") },
    source: [async ({ offset, startDate }) => (offset === 0 ? [{ id: startDate.toISOString() }] : [])],
    // distinct in words, not only in dates or prices: blind mode takes those out of the
    // texts, and identical strategies would share every request
    getPrompt: async (symbol, messages) => `Follow the half-hour trend; ${RANGE_MOODS[messages[0].content.match(/2023-03-\d\d/)[0]]}.`,
  });
  const file = await Optimizer.dump(SYMBOL, { optimizerName: "bench-llm" }, root);

  console.log(
    `LLM benchmark: generated file, 3 strategies x 8 hours at 5m, loopback model ${LATENCY_MS} ms an answer, queueing beyond its slots`
  );
  console.log(`  machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const sequentialOf = new Map();
  let identical = true;
  let allMet = true;
  for (const row of ROWS) {
    const server = await startOllamaServer(row.answer, { latencyMs: LATENCY_MS, capacity: row.slots });
    servers.push(server);
    const env = { ...process.env, BACKTEST_KIT_CANDLE_STORE: store, OLLAMA_HOST: server.host };
    delete env.OLLAMA_API_KEY;
    const label = `${row.workload}-${row.slots}`;
    // the sequential run sends one request at a time: the server's slots do not matter
    if (!sequentialOf.has(row.workload)) {
      sequentialOf.set(row.workload, await runMode(root, preload, file, env, server, SEQUENTIAL, label));
    }
    const sequential = sequentialOf.get(row.workload);
    const modes = [NO_SETTING, FIXED_4, ...(row.target.noSlowerThan ? [row.target.noSlowerThan] : [])];
    const runs = [];
    for (const mode of modes) {
      runs.push(await runMode(root, preload, file, env, server, mode, label));
    }
    identical &&= runs.every((run) => same(run.reports, sequential.reports));
    const useful = sequential.requests;
    console.log(`  ${row.workload}, ${row.slots} server slots (sequential: ${useful} requests, ${(sequential.ms / 1000).toFixed(1)} s)`);
    for (const run of runs) {
      const wasted = run.requests - useful;
      const limit = run.peak === null ? "" : `, limit reached ${run.peak} (ended at ${run.limit})`;
      console.log(
        `    ${run.name.padEnd(22)} ${String(run.requests).padStart(4)} sent, ${useful} useful, ${wasted} wasted (${((wasted / useful) * 100).toFixed(0)}%)${limit}, ` +
          `peak at the server ${requestsPeak(run)}, ${(run.ms / 1000).toFixed(1)} s, ${(sequential.ms / run.ms).toFixed(2)}x vs sequential`
      );
    }
    const [adaptive] = runs;
    const ratio = sequential.ms / adaptive.ms;
    const waste = (adaptive.requests - useful) / useful;
    const checks = [
      [`no setting >= ${row.target.ratio}x (${ratio.toFixed(2)}x)`, ratio >= row.target.ratio],
      [`wasted <= 25% of useful (${(waste * 100).toFixed(0)}%)`, waste <= 0.25],
    ];
    if (row.target.noSlowerThan) {
      const fixed = runs.at(-1);
      checks.push([`no slower than ${fixed.name} (${(adaptive.ms / 1000).toFixed(1)} s against ${(fixed.ms / 1000).toFixed(1)} s)`, adaptive.ms <= fixed.ms * 1.05]);
    }
    for (const [text, met] of checks) {
      allMet &&= met;
      console.log(`    target ${text}: ${met ? "met" : "NOT met"}`);
    }
  }
  console.log(`  reports identical to the sequential run in every run: ${identical}`);
  console.log(`  every target met: ${allMet}`);
  if (!identical) {
    process.exitCode = 1;
  }
} finally {
  await Promise.all(servers.map((server) => server.close()));
  await rm(root, { recursive: true, force: true });
}
