// LLM benchmark: a generated file with 3 strategies over one test day (2023-03-19, 5m
// strategies) against a loopback Ollama-protocol model that takes 200 ms an answer and
// works on at most 8 requests at once (the rest queue at the server), as a local model
// server with 8 parallel slots does. The same file runs cold (empty response cache) under
// each concurrency setting, every run a fresh `node` process timed from spawn to exit;
// then once more warm. Candles come from the candle store seeded with the bundled series,
// so nothing touches the network.
// Targets (issue 10): prefetch off >= 3x faster than sequential, the defaults >= 6x,
// speculative requests <= half the useful ones, identical reports in every run, and a
// warm run with 0 requests (issue 4).
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
const LATENCY_MS = 200;
const SERVER_CAPACITY = 8;
const SYMBOL = "BTCUSDT";

/** The settings of each run; the generated file itself is the same. */
const MODES = [
  { name: "sequential", config: { CC_LLM_CONCURRENCY: 1, CC_WALKER_CONCURRENCY: 1, CC_SIGNAL_PREFETCH: 0 } },
  { name: "defaults, prefetch off", config: { CC_SIGNAL_PREFETCH: 0 } },
  { name: "defaults", config: {} },
  { name: "defaults, CC_LLM_CONCURRENCY 8", config: { CC_LLM_CONCURRENCY: 8 } },
];

/**
 * Loaded before the generated file (node --import): applies the run's settings and
 * writes the prefetch counts of its backtests (ticks used and skipped, requests dropped
 * unsent) to BENCH_COUNTS when the process exits.
 */
const PRELOAD = `import { writeFileSync } from "node:fs";
import { listenDoneBacktest, setConfig } from "backtest-kit";
setConfig(JSON.parse(process.env.BENCH_CONFIG));
const counts = { useful: 0, speculative: 0, dropped: 0 };
listenDoneBacktest((event) => {
  counts.useful += event.signalPrefetch?.useful ?? 0;
  counts.speculative += event.signalPrefetch?.speculative ?? 0;
  counts.dropped += event.signalPrefetch?.dropped ?? 0;
});
process.on("exit", () => writeFileSync(process.env.BENCH_COUNTS, JSON.stringify(counts)));
`;

/** A deterministic signal: long with 0.5%/0.5% levels after a half hour up by 0.5% or more, else wait. */
const answer = (body) => {
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

/** What the model server saw from request `from` on: how many, and the most in flight at once. */
const requestsSince = (server, from) => {
  const seen = server.requests.slice(from);
  return { requests: seen.length, peak: Math.max(0, ...seen.map((request) => request.inFlight)) };
};

/** One cold run of the file under `mode` in its own directory (its own response cache). */
const runMode = async (root, preload, file, env, server, mode) => {
  const dir = join(root, mode.name.replaceAll(/[^a-z0-9]+/gi, "-"));
  await mkdir(dir, { recursive: true });
  const countsFile = join(dir, "counts.json");
  const runEnv = { ...env, BENCH_CONFIG: JSON.stringify(mode.config), BENCH_COUNTS: countsFile };
  const from = server.requests.length;
  const ms = await runTimed(preload, file, dir, runEnv);
  const counts = JSON.parse(await readFile(countsFile, "utf8"));
  return { ...mode, dir, env: runEnv, ms, ...requestsSince(server, from), ...counts, reports: await readReports(dir) };
};

/** The warm run: the same settings again in the directory of a cold run, whose response cache is full. */
const runWarm = async (preload, file, server, cold) => {
  await rm(join(cold.dir, "dump", "backtest"), { recursive: true, force: true });
  await rm(join(cold.dir, "dump", "walker"), { recursive: true, force: true });
  const from = server.requests.length;
  const ms = await runTimed(preload, file, cold.dir, cold.env);
  return { ms, ...requestsSince(server, from), reports: await readReports(cold.dir) };
};

/** A word per training range (by its start day), so the three strategy texts differ. */
const RANGE_MOODS = { "2023-03-01": "calm markets", "2023-03-08": "a sell-off", "2023-03-13": "a rally" };

const root = await mkdtemp(join(tmpdir(), "backtest-kit-bench-llm-"));
const server = await startOllamaServer(answer, { latencyMs: LATENCY_MS, capacity: SERVER_CAPACITY });
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
    rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T23:59:00Z") },
    source: [async ({ offset, startDate }) => (offset === 0 ? [{ id: startDate.toISOString() }] : [])],
    // distinct in words, not only in dates or prices: blind mode takes those out of the
    // texts, and identical strategies would share every request
    getPrompt: async (symbol, messages) => `Follow the half-hour trend; ${RANGE_MOODS[messages[0].content.match(/2023-03-\d\d/)[0]]}.`,
  });
  const file = await Optimizer.dump(SYMBOL, { optimizerName: "bench-llm" }, root);
  const env = { ...process.env, BACKTEST_KIT_CANDLE_STORE: store, OLLAMA_HOST: server.host };
  delete env.OLLAMA_API_KEY;

  const runs = [];
  for (const mode of MODES) {
    runs.push(await runMode(root, preload, file, env, server, mode));
  }
  const [sequential, prefetchOff, defaults] = runs;
  const warm = await runWarm(preload, file, server, defaults);

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const identical = runs.every((run) => same(run.reports, sequential.reports)) && same(warm.reports, sequential.reports);
  const trades = sequential.reports
    .filter(([name]) => name.startsWith("backtest/"))
    .map(([, text]) => (text.match(/^\| [0-9a-f]{8}-/gm) ?? []).length);
  const ratio = (run) => sequential.ms / run.ms;

  console.log(
    `LLM benchmark: generated file, 3 strategies x 1 test day at 5m, loopback model ${LATENCY_MS} ms an answer, at most ${SERVER_CAPACITY} at once at the server`
  );
  console.log(`  machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  // every run asks the same ticks (identical reports), so the useful requests are the sequential run's
  const useful = sequential.requests;
  const speculativeSent = (run) => run.requests - useful;
  for (const run of runs) {
    console.log(
      `  ${run.name.padEnd(32)} ${String(run.requests).padStart(4)} requests (useful ${useful}, speculative ${speculativeSent(run)}), ` +
        `skipped ticks ${run.speculative}, dropped unsent ${run.dropped}, ` +
        `peak in flight ${run.peak}, ${(run.ms / 1000).toFixed(1)} s, ${ratio(run).toFixed(1)}x vs sequential`
    );
  }
  console.log(`  warm (defaults, cache full)     ${warm.requests} requests, ${(warm.ms / 1000).toFixed(1)} s`);
  console.log(`  trades per strategy: ${trades.join(", ")}; reports identical in every run: ${identical}`);
  const speculativeShare = speculativeSent(defaults) / useful;
  const targets = [
    [`prefetch off >= 3x (${ratio(prefetchOff).toFixed(1)}x)`, ratio(prefetchOff) >= 3],
    [`defaults >= 6x (${ratio(defaults).toFixed(1)}x)`, ratio(defaults) >= 6],
    [`speculative <= half the useful (${(speculativeShare * 100).toFixed(0)}%)`, speculativeShare <= 0.5],
    ["identical reports", identical],
    [`warm run 0 requests (${warm.requests})`, warm.requests === 0],
  ];
  for (const [label, met] of targets) {
    console.log(`  target ${label}: ${met ? "met" : "NOT met"}`);
  }
  if (!identical || warm.requests !== 0) {
    process.exitCode = 1;
  }
} finally {
  await server.close();
  await rm(root, { recursive: true, force: true });
}
