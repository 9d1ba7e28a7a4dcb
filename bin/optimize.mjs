import { access, constants, mkdir, rmdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { formatError, listOptimizers, loadOptimizerConfig, Optimizer, showProgress } from "../build/index.mjs";
import { assertFileArgument, UsageError } from "./usageError.mjs";

/**
 * Creates `dir` if needed and throws unless files can be written into it. Resolves to
 * the outermost directory it created (undefined when `dir` already existed).
 */
const assertWritableDir = async (dir) => {
  try {
    const created = await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return created;
  } catch (error) {
    throw new Error(`output directory ${dir} is not writable: ${formatError(error, { verbose: false })}`, { cause: error });
  }
};

/** Removes the directories this run created, from `dir` up to `created`, while they are empty. */
const removeCreatedDirs = async (dir, created) => {
  if (created === undefined) {
    return;
  }
  for (let current = dir; current.startsWith(created); current = dirname(current)) {
    const removed = await rmdir(current).then(() => true, () => false);
    if (!removed || current === created) {
      return;
    }
  }
};

/** The optimizer to run: the one named, or the only one registered. */
const chooseOptimizer = async (name, file) => {
  const names = (await listOptimizers()).map((item) => item.optimizerName);
  if (name !== undefined) {
    if (!names.includes(name)) {
      throw new UsageError(`unknown optimizer ${JSON.stringify(name)}; ${file} registered: ${names.join(", ") || "none"}`);
    }
    return name;
  }
  if (names.length === 1) {
    return names[0];
  }
  if (names.length === 0) {
    throw new UsageError(`${file} registered no optimizer (call addOptimizer, or export default a schema)`);
  }
  throw new UsageError(`${file} registered several optimizers (${names.join(", ")}): choose one with --optimizer`);
};

/**
 * The symbols of a flag (`--symbol` of optimize, `--symbols` of sweep): one, or several
 * separated by commas (BTCUSDT,ETHUSDT), each trimmed; a missing flag is a usage error
 * saying `missing`, an empty item or a symbol named twice one naming it.
 */
export const parseSymbolList = (text, flag, missing) => {
  if (text === undefined || text.trim() === "") {
    throw new UsageError(missing);
  }
  const symbols = text.split(",").map((item) => item.trim());
  symbols.forEach((symbol, index) => {
    if (symbol === "") {
      throw new UsageError(`${flag} ${JSON.stringify(text)} has an empty item at position ${index + 1}`);
    }
    if (symbols.indexOf(symbol) !== index) {
      throw new UsageError(`${flag} ${JSON.stringify(text)} names ${symbol} twice`);
    }
  });
  return symbols;
};

/** The symbols of optimize's `--symbol`. */
const parseSymbols = (text) =>
  parseSymbolList(text, "--symbol", "optimize needs --symbol, e.g. --symbol BTCUSDT or --symbol BTCUSDT,ETHUSDT");

/**
 * Generates and writes every symbol's file at once. With one symbol its failure is
 * thrown as it is; with several, after all ended, one error names each failed symbol
 * (and what was written), the failure as its cause when there is one.
 */
const dumpSymbols = async (symbols, optimizerName, dir) => {
  const outcomes = await Promise.allSettled(symbols.map((symbol) => Optimizer.dump(symbol, { optimizerName }, dir)));
  const failed = outcomes.flatMap((outcome, index) => (outcome.status === "rejected" ? [[symbols[index], outcome.reason]] : []));
  if (failed.length === 0) {
    return outcomes.map((outcome) => outcome.value);
  }
  if (symbols.length === 1) {
    throw failed[0][1];
  }
  const written = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  const summary =
    `optimize failed for ${failed.map(([symbol]) => symbol).join(", ")} (${failed.length} of ${symbols.length} symbols` +
    `${written.length > 0 ? `; written: ${written.join(", ")}` : ""})`;
  if (failed.length === 1) {
    throw new Error(`${summary}: ${formatError(failed[0][1], { verbose: false })}`, { cause: failed[0][1] });
  }
  throw new Error(`${summary}: ${failed.map(([symbol, reason]) => `${symbol}: ${formatError(reason)}`).join("; ")}`);
};

/**
 * The checks, loading and clean-up shared by the commands that take a config: a config
 * file and a symbol given, the file exists, DIR is writable, the config registers the
 * optimizer; then `work(optimizerName, dir)` runs under a progress bar on `stderr`. Every
 * mistake is found before any data is collected; a failure removes the directories this
 * created.
 */
export const runWithConfig = async (command, { config, symbol, out, optimizer, stderr = process.stderr }, work) => {
  if (config === undefined) {
    throw new UsageError(`${command} needs a config file: backtest-kit ${command} <config.mjs> --symbol BTCUSDT --out ./generated`);
  }
  if (symbol === undefined || symbol.trim() === "") {
    throw new UsageError(`${command} needs --symbol, e.g. --symbol BTCUSDT`);
  }
  const file = resolve(config);
  const dir = resolve(out ?? "./generated");
  await assertFileArgument(file, "config");
  const created = await assertWritableDir(dir);
  try {
    await loadOptimizerConfig(file);
    const optimizerName = await chooseOptimizer(optimizer, file);
    const stop = showProgress({ stream: stderr });
    try {
      return await work(optimizerName, dir);
    } finally {
      stop();
    }
  } catch (error) {
    await removeCreatedDirs(dir, created);
    throw error;
  }
};

/**
 * `backtest-kit optimize <config> --symbol S[,S2...] --out DIR [--optimizer NAME]`:
 * imports the config, collects its data with a progress bar, and writes one generated
 * file per symbol into DIR, the symbols at once (their model requests share the
 * library's request pool). Every mistake is found before any data is collected.
 * Resolves to the files' paths, in the order of the symbols.
 */
export const runOptimize = async (args) =>
  await runWithConfig("optimize", args, (optimizerName, dir) => dumpSymbols(parseSymbols(args.symbol), optimizerName, dir));
