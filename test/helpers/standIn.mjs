import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const projectModules = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules");

/** The signal the stand-in's askSignal answers with. */
export const STAND_IN_SIGNAL = {
  position: "long",
  note: "breakout",
  priceOpen: 100,
  priceTakeProfit: 110,
  priceStopLoss: 95,
  minuteEstimatedTime: 60,
};

/**
 * A recording stand-in of the backtest runtime: every function a generated file imports
 * from "backtest-kit" records its arguments instead of running anything. askSignal
 * answers STAND_IN_SIGNAL under a new UUID-shaped id per call; askText answers "analysis";
 * readBlindMode returns its fallback; formatCandlesBlind writes "t-Nm[tf]: O:1 ..." lines;
 * pruneDumps (called by every launcher at start) removes nothing and is not recorded.
 */
const STAND_IN_SOURCE = `
export const calls = [];
const SIGNAL = ${JSON.stringify(STAND_IN_SIGNAL)};
export const askSignal = async (messages, options) => {
  calls.push({ name: "askSignal", args: [messages, options] });
  const id = "00000000-0000-4000-8000-" + String(calls.length).padStart(12, "0");
  return { id, signal: { ...SIGNAL, id }, answer: SIGNAL };
};
export const askText = async (messages, options) => {
  calls.push({ name: "askText", args: [messages, options] });
  return " analysis ";
};
const record = (name) => (...args) => { calls.push({ name, args }); return () => undefined; };
export const addExchange = record("addExchange");
export const addStrategy = record("addStrategy");
export const addFrame = record("addFrame");
export const addWalker = record("addWalker");
export const getCandles = async (symbol, interval, limit) => {
  calls.push({ name: "getCandles", args: [symbol, interval, limit] });
  return Array.from({ length: limit }, (_, i) => ({
    timestamp: Date.UTC(2023, 2, 1) + i * 60000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10,
  }));
};
export const formatCandlesBlind = (candles, timeframe, options) => {
  calls.push({ name: "formatCandlesBlind", args: [candles, timeframe, options] });
  return candles.map((c, i) => "t-" + (candles.length - 1 - i) + "m[" + timeframe + "]: O:1 H:1 L:1 C:1 V:1").join("\\n");
};
export const readBlindMode = (fallback) => {
  calls.push({ name: "readBlindMode", args: [fallback] });
  return fallback;
};
export const listenSignalBacktest = record("listenSignalBacktest");
export const listenWalkerComplete = record("listenWalkerComplete");
export const listenDoneBacktest = record("listenDoneBacktest");
export const listenBacktestProgress = record("listenBacktestProgress");
export const listenWalkerProgress = record("listenWalkerProgress");
export const listenError = record("listenError");
export const listenDoneWalker = record("listenDoneWalker");
export const Walker = { background: record("Walker.background"), dump: record("Walker.dump") };
export const showProgress = record("showProgress");
export const collectWarnings = () => {
  calls.push({ name: "collectWarnings", args: [] });
  const summary = () => ({ total: 0, kinds: [], text: process.env.STAND_IN_WARNING_TEXT ?? "" });
  return { stop: summary, summary };
};
export const getLlmUsage = () => {
  calls.push({ name: "getLlmUsage", args: [] });
  return { text: process.env.STAND_IN_LLM_USAGE_TEXT ?? "" };
};
export const CandleStore = { read: async (options) => {
  calls.push({ name: "CandleStore.read", args: [options] });
  return [];
} };
export const Backtest = { dump: record("Backtest.dump") };
export const fetchFromCcxt = (exchangeId) => {
  calls.push({ name: "fetchFromCcxt", args: [exchangeId] });
  return async () => [];
};
export const formatError = (error) => String(error?.message ?? error);
export const pruneDumps = async (dir = "./dump/strategy") => ({ dir, keepRuns: 3, removed: 0, kept: 0 });
`;

/**
 * Writes `code` with writeGenerated, imports it, and returns the calls it made to the
 * stand-in runtime (a live array: later calls land in it too). The exit hooks the file
 * adds are removed from this process.
 */
export const loadGenerated = async (dir, code) => {
  const file = await writeGenerated(dir, code);
  // the file's exit hooks (warnings summary, "did not complete") belong to a process of
  // its own: in the test's process they are taken off again
  const exitHooks = new Set(process.listeners("exit"));
  await import(pathToFileURL(file).href);
  process.listeners("exit").filter((hook) => !exitHooks.has(hook)).forEach((hook) => process.removeListener("exit", hook));
  const standIn = await import(pathToFileURL(join(dir, "node_modules", "backtest-kit", "index.js")).href);
  return standIn.calls;
};

/**
 * Writes `code` as `generated.mjs` into `dir`, beside a node_modules holding the
 * stand-in runtime (its collectWarnings summarizes to $STAND_IN_WARNING_TEXT, its
 * getLlmUsage to $STAND_IN_LLM_USAGE_TEXT) and the
 * real ollama package, and returns the file's path.
 */
export const writeGenerated = async (dir, code) => {
  const modules = join(dir, "node_modules");
  await mkdir(join(modules, "backtest-kit"), { recursive: true });
  await writeFile(join(modules, "backtest-kit", "package.json"), JSON.stringify({ name: "backtest-kit", type: "module", main: "index.js" }));
  await writeFile(join(modules, "backtest-kit", "index.js"), STAND_IN_SOURCE);
  await symlink(join(projectModules, "ollama"), join(modules, "ollama"), "dir");
  const file = join(dir, "generated.mjs");
  await writeFile(file, code);
  return file;
};

/** The arguments of every recorded call to `name`. */
export const argsOf = (calls, name) => calls.filter((call) => call.name === name).map((call) => call.args);
