// LLM benchmark: a generated file run twice over one test day (2023-03-19, 5m strategies)
// against a loopback Ollama-protocol model that takes 50 ms per answer. The first run
// starts with an empty LLM response cache (cold), the second reuses it (warm). Each run is
// a fresh `node` process on the generated file, timed from spawn to exit; candles come
// from the candle store seeded with the bundled series, so nothing touches the network.
// Targets (issue 4): the warm run sends 0 requests, makes identical trades (identical
// backtest reports), and is at least 20x faster than the cold one.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm, symlink } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addOptimizer, CandleStore, Optimizer } from "backtest-kit";
import { startOllamaServer } from "../test/helpers/ollamaServer.mjs";
import { minuteCloses } from "../test/helpers/minuteCloses.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SERIES_FILE = join(ROOT, "data", "BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz");
const LATENCY_MS = 50;
const SYMBOL = "BTCUSDT";

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

/** Runs `node file` in `cwd`; resolves to its wall time in ms. */
const runTimed = (file, cwd, env) =>
  new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - began) / 1e6)
        : reject(new Error(`${file} exited with ${code}: ${stderr.slice(-2000)}`))
    );
  });

const readReports = async (dir) => {
  const folder = join(dir, "dump", "backtest");
  const names = (await readdir(folder)).sort();
  return Promise.all(names.map(async (name) => [name, await readFile(join(folder, name), "utf8")]));
};

const dir = await mkdtemp(join(tmpdir(), "backtest-kit-bench-llm-"));
const server = await startOllamaServer(answer, { latencyMs: LATENCY_MS });
try {
  await mkdir(join(dir, "node_modules"), { recursive: true });
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  await CandleStore.seedFile(SERIES_FILE, { exchangeName: "binance", symbol: SYMBOL, path: join(dir, ".backtest-kit", "candles.sqlite") });

  addOptimizer({
    optimizerName: "bench-llm",
    prefix: "bench",
    rangeTrain: [
      { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") },
      { startDate: new Date("2023-03-08T00:00:00Z"), endDate: new Date("2023-03-09T00:00:00Z") },
    ],
    rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T23:59:00Z") },
    source: [async ({ offset, startDate }) => (offset === 0 ? [{ id: startDate.toISOString() }] : [])],
    getPrompt: async (symbol, messages) => `Follow the half-hour trend of ${symbol}; trained on ${messages[0].content.slice(-28)}`,
  });
  const file = await Optimizer.dump(SYMBOL, { optimizerName: "bench-llm" }, dir);
  const env = { ...process.env, OLLAMA_HOST: server.host };
  delete env.OLLAMA_API_KEY;

  const coldMs = await runTimed(file, dir, env);
  const coldRequests = server.requests.length;
  const coldReports = await readReports(dir);
  // a rerun keeps ./dump/strategy (each conversation is dumped once); the reports are redone
  await rm(join(dir, "dump", "backtest"), { recursive: true, force: true });
  await rm(join(dir, "dump", "walker"), { recursive: true, force: true });
  const warmMs = await runTimed(file, dir, env);
  const warmRequests = server.requests.length - coldRequests;
  const warmReports = await readReports(dir);
  const identical = JSON.stringify(coldReports) === JSON.stringify(warmReports);
  const trades = coldReports.map(([, text]) => (text.match(/^\| [0-9a-f]{8}-/gm) ?? []).length);

  console.log(`LLM benchmark: generated file, 2 strategies x 1 test day at 5m, loopback model ${LATENCY_MS} ms per answer`);
  console.log(`  machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`  cold: ${coldRequests} LLM requests, ${(coldMs / 1000).toFixed(2)} s`);
  console.log(`  warm: ${warmRequests} LLM requests, ${(warmMs / 1000).toFixed(2)} s`);
  console.log(`  speed-up: ${(coldMs / warmMs).toFixed(1)}x; trades per strategy: ${trades.join(", ")}; reports identical: ${identical}`);
  const ok = warmRequests === 0 && identical && coldMs / warmMs >= 20;
  console.log(`  target (0 warm requests, identical trades, >= 20x): ${ok ? "met" : "NOT met"}`);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
