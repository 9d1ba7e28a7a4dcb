import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { CandleStore, serveBaselineModel } from "../../build/index.mjs";
import { withoutLlmUsage } from "./llmUsage.mjs";
import { makeTempDir } from "./tempDir.mjs";
import { linkPackage } from "./generatedRun.mjs";
import { SERIES_PATH } from "./series.mjs";
import { CLI, runNode } from "./cli.mjs";

/** The symbols sweep tests use: the bundled BTCUSDT series seeded under each name. */
export const SWEEP_SYMBOLS = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

/** The queue tests' two configs (optimizers fa and fb) and the sweep arguments naming them on every symbol. */
export const queueConfigs = () => ({ "configs/a.mjs": sweepConfigText("fa"), "configs/b.mjs": sweepConfigText("fb", { day: "2023-03-09" }) });
export const QUEUE_SWEEP_ARGS = ["configs/a.mjs", "configs/b.mjs", "--symbols", SWEEP_SYMBOLS.join(",")];

/** A sweep's rows from sweep.json without the attempts (a retry is no different result). */
export const readSweepRows = async (dir) =>
  JSON.parse(await readFile(join(dir, "sweep.json"), "utf8")).jobs.map(({ attempts, ...row }) => row);

/**
 * A small optimizer config: one training day of hourly candles (blind), a six-hour test
 * range, the model asked through askText. `name` names the optimizer and its prefix;
 * `note` changes the file's content without changing what it does.
 */
export const sweepConfigText = (name, { day = "2023-03-02", note = "" } = {}) => `// ${note}
import { addOptimizer, askText, CandleStore, formatCandlesBlind } from "backtest-kit";

const HOUR = 3_600_000;

const hourly = async (symbol, startDate, endDate) =>
  await CandleStore.read({
    exchangeName: "binance",
    symbol,
    interval: "1h",
    since: startDate,
    limit: Math.floor((endDate.getTime() - startDate.getTime()) / HOUR) + 1,
  });

addOptimizer({
  optimizerName: ${JSON.stringify(name)},
  prefix: ${JSON.stringify(name)},
  rangeTrain: [{ startDate: new Date("${day}T00:00:00Z"), endDate: new Date("${day}T23:59:00Z") }],
  rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T05:59:00Z") },
  source: [
    {
      name: "candles-1h",
      fetch: async ({ symbol, startDate, endDate, offset, limit }) =>
        (await hourly(symbol, startDate, endDate)).map((c) => ({ id: c.timestamp, ...c })).slice(offset, offset + limit),
      user: (symbol, rows) => "ASSET hourly candles:\\n" + formatCandlesBlind(rows, "1h"),
      assistant: () => "Hourly candles read.",
    },
  ],
  getPrompt: async (symbol, messages) =>
    await askText([...messages, { role: "user", content: "Write a trading strategy for ASSET from the data above." }]),
});
`;

/**
 * A project directory for sweeps: the package linked in, the candle store seeded with
 * the bundled series under every symbol, and `configs` ({ file: text }) written.
 */
export const makeSweepProject = async (t, configs, { label = "backtest-kit-sweep-", dir } = {}) => {
  const root = dir ?? (await makeTempDir(t, label));
  await linkPackage(root);
  const store = join(root, ".backtest-kit", "candles.sqlite");
  await mkdir(join(root, ".backtest-kit"), { recursive: true });
  for (const symbol of SWEEP_SYMBOLS) {
    await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol, path: store });
  }
  await writeConfigs(root, configs);
  return root;
};

/** Writes `configs` ({ relative path: text }) into `root`. */
export const writeConfigs = async (root, configs) => {
  for (const [file, text] of Object.entries(configs)) {
    await mkdir(join(root, file, ".."), { recursive: true });
    await writeFile(join(root, file), text);
  }
};

/** The baseline model on a free port for one test, closed after it (unless the test closed it). */
export const startBaseline = async (t) => {
  const server = await serveBaselineModel({ port: 0 });
  t.after(() => server.close().catch(() => undefined));
  return server;
};

/** The environment of a sweep or worker command: the model, no LLM cache unless asked, no test runner context. */
export const sweepEnv = (host, extra = {}) => {
  const env = { ...process.env, OLLAMA_HOST: host, BACKTEST_KIT_LLM_CACHE: "off", ...extra };
  delete env.NODE_TEST_CONTEXT;
  return env;
};

/** Runs the backtest-kit command in `cwd`; resolves to { code, stdout, stderr }. */
export const runCommand = (args, { cwd, env }) => runNode([CLI, ...args], { cwd, env });

/** Every file under `dir` with its text, by relative path, sorted. */
export const readTreeText = async (dir) => {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const files = {};
  for (const entry of entries.map((item) => join(item.parentPath ?? item.path, item.name)).sort()) {
    files[relative(dir, entry)] = await readFile(entry, "utf8");
  }
  return files;
};

/**
 * Every file under `dir` as readTreeText gives it, with the model calls' counts taken
 * out (JSON `llmUsage` fields, sweep.md's last four columns and its "Model calls" line,
 * the report's `llmUsage`): they depend on timing and on the cache, not on the results.
 */
export const readTreeResults = async (dir) =>
  Object.fromEntries(Object.entries(await readTreeText(dir)).map(([path, text]) => [path, withoutLlmUsage(path, text)]));

/**
 * Starts `backtest-kit worker` in `cwd`; resolves once it takes jobs, to
 * `{ child, output(), waitFor(pattern), stop() }`: `waitFor` resolves when its stdout
 * matches, `stop` sends SIGTERM and waits for the exit. Stopped when the test ends.
 */
export const startWorker = async (t, { cwd, env, args = [] }) => {
  const child = spawn(process.execPath, [CLI, "worker", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters = new Set();
  const check = () => waiters.forEach((waiter) => waiter());
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    stdout += chunk;
    check();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const waitFor = (pattern) =>
    new Promise((resolve, reject) => {
      const waiter = () => {
        if (pattern.test(stdout)) {
          waiters.delete(waiter);
          resolve(stdout);
        }
      };
      exited.then(() => {
        if (waiters.has(waiter)) {
          waiters.delete(waiter);
          reject(new Error(`the worker exited before printing ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      });
      waiters.add(waiter);
      waiter();
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
  };
  t.after(stop);
  await waitFor(/taking jobs/);
  return { child, waitFor, stop, output: () => ({ stdout, stderr }) };
};

/** Starts `backtest-kit sweep` without waiting; resolves to `{ child, done }` (done: { code, stdout, stderr }). */
export const startSweep = (args, { cwd, env }) => {
  const child = spawn(process.execPath, [CLI, "sweep", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const done = new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
  return { child, done };
};
