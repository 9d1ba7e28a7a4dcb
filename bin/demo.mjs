import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CandleStore, serveBaselineModel } from "../build/index.mjs";
import { runOptimize } from "./optimize.mjs";

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SERIES_FILE = join(PACKAGE_ROOT, "data", "BTCUSDT-1m-2023-03-01_2023-03-21.csv.gz");
const DEMO_CONFIG = join(PACKAGE_ROOT, "demo", "optimizer.config.mjs");
const SYMBOL = "BTCUSDT";
/** The store name the series is seeded under: the name generated exchanges read. */
const STORE_EXCHANGE = "binance";
/** The baseline's preferred port: a fixed host keeps the LLM cache warm between demo runs. */
const BASELINE_PORT = 11435;
/** Names the demo optimizer (prefix "demo", three training ranges) generates. */
const WALKER_NAME = "demo_walker";
const STRATEGY_NAMES = ["demo_strategy-1", "demo_strategy-2", "demo_strategy-3"];

const BASELINE_BANNER = (host) =>
  [
    "",
    "=".repeat(78),
    " OLLAMA_HOST is not set: using the BASELINE model at " + host,
    " It is NOT an LLM: a transparent, deterministic technical-analysis rule set that",
    " answers in Ollama's protocol. Set OLLAMA_HOST (and OLLAMA_MODEL) to use a real model.",
    "=".repeat(78),
    "",
  ].join("\n");

/** The model endpoint: OLLAMA_HOST when set, else the baseline model started here. */
const startModel = async (log) => {
  if (process.env.OLLAMA_HOST) {
    log(`Model: ${process.env.OLLAMA_HOST}, ${process.env.OLLAMA_MODEL ?? "deepseek-v3.1:671b"}`);
    return { host: process.env.OLLAMA_HOST, close: async () => undefined };
  }
  const server = await serveBaselineModel({ port: BASELINE_PORT }).catch(() => serveBaselineModel());
  log(BASELINE_BANNER(server.host));
  return server;
};

/** Throws unless a file in `dir` can import "backtest-kit" (installed there, or this repository). */
const assertRuntimeFound = (dir) => {
  try {
    createRequire(join(dir, "generated.js")).resolve("backtest-kit");
  } catch {
    throw new Error(
      `the generated file will import "backtest-kit", which cannot be found from ${dir}: ` +
        "run the demo in a project that has it installed (npm install backtest-kit), or in this repository"
    );
  }
};

/**
 * Runs the generated file to completion in `cwd`, its output shown as it comes; rejects
 * on a non-zero exit, pointing at that output (where the file said why) instead of
 * repeating it.
 */
const runGenerated = (file, cwd, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the generated file ${file} exited with ${signal ?? `code ${code}`}; its output above says why`))
    );
  });

/** The walker report's section under `heading`, up to the next one ("" when absent). */
const sectionOf = (report, heading) => {
  const start = report.indexOf(heading);
  const end = report.indexOf("\n## ", start + 1);
  return start < 0 ? "" : report.slice(start, end < 0 ? undefined : end).trim();
};

/**
 * The walker report's best strategy, its overfitting odds in words and the cost stress
 * test's verdict (the generated file printed the verdict and the summary table itself).
 */
const summarize = (report) => {
  const best = /^## Best Strategy: (.*)$/m.exec(report)?.[1] ?? "N/A";
  const odds = sectionOf(report, "## Overfitting Odds").split("\n").filter((line) => line.startsWith("- "));
  const stress = /^Cost stress test: [^.]*/m.exec(report)?.[0] ?? "Cost stress test: N/A";
  return { best, odds: [...odds, `- ${stress}`].join("\n") };
};

/**
 * The whole pipeline, offline: seeds the candle store from the bundled series, starts the
 * baseline model unless OLLAMA_HOST is set, generates ./generated/demo_BTCUSDT.mjs from
 * demo/optimizer.config.mjs, runs it (reports under ./dump/, the HTML report at
 * ./dump/report.html), and prints the best strategy, the overfitting odds and cost stress verdict, and what was written (the file itself prints the verdict and
 * the metrics table). Resolves to the best strategy.
 */
export const runDemo = async ({ cwd = process.cwd(), log = (text) => console.log(text), stderr = process.stderr } = {}) => {
  const outDir = join(cwd, "generated");
  assertRuntimeFound(outDir);
  const seeded = await CandleStore.seedFile(SERIES_FILE, { exchangeName: STORE_EXCHANGE, symbol: SYMBOL });
  const minutes = seeded["1m"];
  log(`Candle store: ${minutes.inserted + minutes.existing} ${SYMBOL} 1m candles (${minutes.inserted} new) from ${relative(cwd, SERIES_FILE) || SERIES_FILE}`);

  const model = await startModel(log);
  const previousHost = process.env.OLLAMA_HOST;
  process.env.OLLAMA_HOST = model.host;
  try {
    const [file] = await runOptimize({ config: DEMO_CONFIG, symbol: SYMBOL, out: outDir, stderr });
    log(`Generated ${relative(cwd, file)}; running it`);
    await runGenerated(file, cwd, { ...process.env, OLLAMA_HOST: model.host });

    const walkerReport = join(cwd, "dump", "walker", `${WALKER_NAME}.md`);
    const { best, odds } = summarize(await readFile(walkerReport, "utf8"));
    const htmlReport = join(cwd, "dump", "report.html");
    const written = [
      file,
      walkerReport,
      ...STRATEGY_NAMES.map((name) => join(cwd, "dump", "backtest", `${name}.md`)),
      htmlReport,
    ];
    log(["", `Best strategy: ${best}`, "", "Is the pick luck? What would it survive?", odds, "", "Wrote:", ...written.map((path) => `  ${relative(cwd, path)}`)].join("\n"));
    return best;
  } finally {
    if (previousHost === undefined) {
      delete process.env.OLLAMA_HOST;
    } else {
      process.env.OLLAMA_HOST = previousHost;
    }
    await model.close();
  }
};
