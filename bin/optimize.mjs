import { access, constants, mkdir, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { addOptimizer, listOptimizers, Optimizer, showProgress } from "../build/index.mjs";
import { UsageError } from "./usageError.mjs";

/** Throws unless `file` is an existing file. */
const assertConfigFile = async (file) => {
  const info = await stat(file).catch(() => null);
  if (info === null) {
    throw new UsageError(`config file not found: ${file}`);
  }
  if (!info.isFile()) {
    throw new UsageError(`config is not a file: ${file}`);
  }
};

/** Creates `dir` if needed and throws unless files can be written into it. */
const assertWritableDir = async (dir) => {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new Error(`output directory ${dir} is not writable: ${error.message}`, { cause: error });
  }
};

/**
 * Imports a config module: it registers optimizers with addOptimizer, or default-exports
 * one optimizer schema (registered here).
 */
const loadConfig = async (file) => {
  const module = await import(pathToFileURL(file).href);
  const schema = module.default;
  if (schema !== undefined && typeof schema === "object" && schema !== null && "optimizerName" in schema) {
    const known = (await listOptimizers()).some((item) => item.optimizerName === schema.optimizerName);
    if (!known) {
      addOptimizer(schema);
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
 * The checks and loading shared by the commands that take a config: a config file and a
 * symbol given, the file exists, DIR is writable, the config registers the optimizer.
 * Resolves to { dir, optimizerName }.
 */
export const prepareConfig = async (command, { config, symbol, out, optimizer }) => {
  if (config === undefined) {
    throw new UsageError(`${command} needs a config file: backtest-kit ${command} <config.mjs> --symbol BTCUSDT --out ./generated`);
  }
  if (symbol === undefined || symbol.trim() === "") {
    throw new UsageError(`${command} needs --symbol, e.g. --symbol BTCUSDT`);
  }
  const file = resolve(config);
  const dir = resolve(out ?? "./generated");
  await assertConfigFile(file);
  await assertWritableDir(dir);
  await loadConfig(file);
  return { dir, optimizerName: await chooseOptimizer(optimizer, file) };
};

/**
 * `backtest-kit optimize <config> --symbol S --out DIR [--optimizer NAME]`: imports the
 * config, collects its data with a progress bar, and writes the generated file into DIR.
 * Every mistake is found before any data is collected. Resolves to the file's path.
 */
export const runOptimize = async ({ config, symbol, out, optimizer, stderr = process.stderr }) => {
  const { dir, optimizerName } = await prepareConfig("optimize", { config, symbol, out, optimizer });
  const stop = showProgress({ stream: stderr });
  try {
    return await Optimizer.dump(symbol, { optimizerName }, dir);
  } finally {
    stop();
  }
};
