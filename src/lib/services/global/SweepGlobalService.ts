import { stat, mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import SweepConnectionService from "../connection/SweepConnectionService";
import { ISweepOptions, ISweepResult, ISweepWorker, ISweepWorkerOptions } from "../../../interfaces/Sweep.interface";
import { doneSweepSubject } from "../../../config/emitters";
import { describeValue } from "../../../utils/describeValue";
import { isDirectoryName } from "../../../utils/directoryName";
import { findRedisUrlProblem, redactUrl } from "../../../utils/redisUrl";
import { toError } from "../../../utils/toError";


/** Where a sweep writes when no `out` is given. */
const DEFAULT_OUT = "./sweep";

/** Default lock of a queue worker's job, in ms. */
const DEFAULT_LOCK_MS = 30_000;

const isWholeIn = (value: unknown, min: number, max: number) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** Throws unless `url` is a redis:// or rediss:// URL; names `field`, the problem and the value (its password hidden). */
const checkQueueUrl = (method: string, field: string, url: unknown): string => {
  const problem = typeof url === "string" ? findRedisUrlProblem(url) : "it is not a string";
  if (problem !== null) {
    const shown = typeof url === "string" ? JSON.stringify(redactUrl(url)) : describeValue(url);
    throw new Error(`${method}: ${field} must be a redis://HOST:PORT URL, got ${shown}: ${problem}`);
  }
  return url as string;
};

/** The checked configs: a non-empty list of files that exist, as absolute paths. */
const checkConfigs = async (method: string, configs: unknown): Promise<string[]> => {
  if (!Array.isArray(configs) || configs.length === 0) {
    throw new Error(`${method}: configs must be a non-empty array of config file paths, got ${describeValue(configs)}`);
  }
  const files: string[] = [];
  for (const [index, config] of configs.entries()) {
    if (typeof config !== "string" || config.trim() === "") {
      throw new Error(`${method}: configs[${index}] must be a file path, got ${describeValue(config)}`);
    }
    const file = resolve(config);
    const isFile = await stat(file).then((info) => info.isFile(), () => false);
    if (!isFile) {
      throw new Error(`${method}: configs[${index}] ${config} is not a file`);
    }
    if (files.includes(file)) {
      throw new Error(`${method}: configs[${index}] ${config} is named twice`);
    }
    files.push(file);
  }
  return files;
};

/** The checked symbols: a non-empty list of distinct names fit for a directory. */
const checkSymbols = (method: string, symbols: unknown): string[] => {
  if (!Array.isArray(symbols) || symbols.length === 0) {
    throw new Error(`${method}: options.symbols must be a non-empty array of symbols, got ${describeValue(symbols)}`);
  }
  symbols.forEach((symbol, index) => {
    if (!isDirectoryName(symbol)) {
      throw new Error(`${method}: options.symbols[${index}] must be a symbol (letters, digits, ".", "_" and "-"), got ${describeValue(symbol)}`);
    }
    if (symbols.indexOf(symbol) !== index) {
      throw new Error(`${method}: options.symbols names ${symbol} twice`);
    }
  });
  return symbols as string[];
};

/** Throws unless the options are an object with known fields of the right kinds. */
const checkOptions = (method: string, options: unknown): ISweepOptions => {
  if (typeof options !== "object" || options === null) {
    throw new Error(`${method}: options must be an object { symbols, out?, workers?, queue? }, got ${describeValue(options)}`);
  }
  const { out, workers, queue } = options as ISweepOptions;
  if (out !== undefined && (typeof out !== "string" || out.trim() === "")) {
    throw new Error(`${method}: options.out must be a directory path, got ${describeValue(out)}`);
  }
  if (workers !== undefined && !isWholeIn(workers, 1, 256)) {
    throw new Error(`${method}: options.workers must be a whole number from 1 to 256, got ${describeValue(workers)}`);
  }
  if (queue !== undefined) {
    checkQueueUrl(method, "options.queue", queue);
    if (workers !== undefined) {
      throw new Error(`${method}: options.workers is for a local sweep; with options.queue the workers are \`backtest-kit worker\` processes`);
    }
  }
  return options as ISweepOptions;
};

/**
 * Checks what a sweep or a worker is asked for (every mistake is an error naming the
 * field and the value, before any job starts), runs it, and publishes a sweep's result
 * to `listenDoneSweep`.
 */
export class SweepGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly sweepConnectionService = inject<SweepConnectionService>(TYPES.sweepConnectionService);

  /** Runs a sweep over `configs` and `options.symbols`. */
  public run = async (method: string, configs: unknown, options: unknown, signal: AbortSignal): Promise<ISweepResult> => {
    const { out, workers, queue } = checkOptions(method, options);
    const symbols = checkSymbols(method, (options as ISweepOptions).symbols);
    const files = await checkConfigs(method, configs);
    const dir = resolve(out ?? DEFAULT_OUT);
    await mkdir(dir, { recursive: true }).catch((error) => {
      throw toError(`${method}: options.out ${out ?? DEFAULT_OUT} cannot be created`, error);
    });
    this.loggerService.info("sweepGlobalService run", { configs: files, symbols, out: dir, workers, queue: queue && redactUrl(queue) });
    const sweep = this.sweepConnectionService.getSweep(queue, workers);
    const result = await sweep.run({ configs: files, symbols, out: dir, cwd: process.cwd() }, signal);
    await doneSweepSubject.next(result);
    return result;
  };

  /** Starts a worker of a sweep queue. */
  public worker = async (method: string, options: unknown, log: (line: string) => void): Promise<ISweepWorker> => {
    if (typeof options !== "object" || options === null) {
      throw new Error(`${method}: options must be an object { queue, concurrency?, lockMs? }, got ${describeValue(options)}`);
    }
    const { queue, concurrency = 1, lockMs = DEFAULT_LOCK_MS } = options as ISweepWorkerOptions;
    const url = checkQueueUrl(method, "options.queue", queue);
    if (!isWholeIn(concurrency, 1, 256)) {
      throw new Error(`${method}: options.concurrency must be a whole number from 1 to 256, got ${describeValue(concurrency)}`);
    }
    if (!isWholeIn(lockMs, 1_000, 3_600_000)) {
      throw new Error(`${method}: options.lockMs must be a whole number of ms from 1000 to 3600000, got ${describeValue(lockMs)}`);
    }
    this.loggerService.info("sweepGlobalService worker", { queue: redactUrl(url), concurrency, lockMs });
    return await this.sweepConnectionService.getWorker(log).start({ url, concurrency, lockMs });
  };
}

export default SweepGlobalService;
