import { resolve } from "node:path";
import { ILogger } from "../../interfaces/Logger.interface";
import { ILeakCheckRunOutcome } from "../../interfaces/LeakCheck.interface";
import { IWalkerResults } from "../../interfaces/Walker.interface";
import { ISweepJob, ISweepJobFile, ISweepJobResult, SweepJobReply } from "../../interfaces/Sweep.interface";
import { errorLine, messageWithCause } from "../../utils/errorChain";
import {
  assertRunSucceeded,
  parseWalkerResults,
  resultsHandOff,
  WALKER_RESULTS_FILE,
} from "../../utils/generated/generatedRun";

/** What ClientSweepJob is constructed with. */
export interface ISweepJobParams {
  logger: ILogger;
  /** The working directory a job's config path is relative to. */
  cwd: string;
  /** The sha256 of a file's content, or null when it cannot be read. */
  hashFile: (path: string) => Promise<string | null>;
  /** Imports a config module: it registers optimizers, or default-exports one schema (registered). */
  importConfig: (path: string) => Promise<void>;
  /** The names of the registered optimizers. */
  listOptimizers: () => Promise<string[]>;
  /** Applies the sweep's runtime settings. */
  applySettings: (settings: Record<string, unknown>) => void;
  /** Writes the generated file of an optimizer for a symbol into `dir`; resolves to its path. */
  dump: (symbol: string, optimizerName: string, dir: string) => Promise<string>;
  /** Runs `node ...nodeArgs file` in `cwd` with `env`, bounded by `timeoutMs`, stopped by `signal`. */
  runFile: (
    file: string,
    cwd: string,
    env: Record<string, string | undefined>,
    timeoutMs: number,
    signal: AbortSignal,
    nodeArgs: string[]
  ) => Promise<ILeakCheckRunOutcome>;
  /**
   * Writes a module that applies `settings` with setConfig, importing "backtest-kit" as the
   * file in `dir` does, beside `dir`; resolves to its path (removed with removeDir).
   */
  writeSettingsModule: (dir: string, settings: Record<string, unknown>) => Promise<string>;
  /** The environment of the generated file's run (absolute candle store and cache paths). */
  runEnv: () => Record<string, string | undefined>;
  /** A fresh directory for one job, inside the project (so the generated file finds the package). */
  makeWorkDir: (jobId: string) => Promise<string>;
  /** Removes a job's directory. */
  removeDir: (dir: string) => Promise<void>;
  /** Every file under `dir`, by its path inside it ("/" separators), sorted by path. */
  collectFiles: (dir: string) => Promise<ISweepJobFile[]>;
}

/** A failure that another attempt would only repeat (the config itself is the problem). */
class SweepConfigError extends Error {}

/** The row of a job whose walker completed. */
const resultRow = (job: ISweepJob, results: IWalkerResults): ISweepJobResult => {
  const best = results.strategyResults.find((item) => item.strategyName === results.bestStrategy);
  return {
    id: job.id,
    config: job.config,
    configHash: job.configHash,
    optimizerName: job.optimizerName,
    symbol: job.symbol,
    status: "done",
    reused: false,
    walkerName: results.walkerName,
    metric: results.metric,
    bestStrategy: results.bestStrategy,
    bestMetric: results.bestMetric,
    trades: best?.stats.totalSignals ?? null,
    strategies: results.totalStrategies,
    error: null,
    attempts: 1,
  };
};

/**
 * One sweep job, in the process that runs it: checks that the config here is the one
 * the sweep named (same content hash), imports it, writes the optimizer's generated file
 * for the symbol into a fresh directory, runs that file to completion as its own process
 * (the sweep's settings applied in it first, as in this one),
 * and gives back the walker's best strategy with every file the run wrote. A config that
 * differs, is missing or does not load is a failure another attempt would repeat; any
 * other failure (exchange, model, the run) may pass on another attempt.
 */
export class ClientSweepJob {
  constructor(readonly params: ISweepJobParams) {}

  /** Runs the job; resolves to its reply (never rejects). */
  public run = async (job: ISweepJob, signal: AbortSignal): Promise<SweepJobReply> => {
    try {
      await this.loadConfig(job);
      return { ok: true, outcome: await this.generateAndRun(job, signal) };
    } catch (error) {
      const retryable = !(error instanceof SweepConfigError);
      this.params.logger.warn("clientSweepJob failed", { id: job.id, retryable, error: errorLine(error) });
      return { ok: false, failure: { error: errorLine(error), retryable } };
    }
  };

  /** The optimizer names a config registers (it is imported in this process). */
  public list = async (config: string): Promise<string[]> => {
    await this.params.importConfig(resolve(this.params.cwd, config));
    return await this.params.listOptimizers();
  };

  private loadConfig = async (job: ISweepJob) => {
    const file = resolve(this.params.cwd, job.config);
    const hash = await this.params.hashFile(file);
    if (hash === null) {
      throw new SweepConfigError(`config ${job.config} is missing here (looked for ${file})`);
    }
    if (hash !== job.configHash) {
      throw new SweepConfigError(
        `config ${job.config} here differs from the sweep's (sha256 ${hash.slice(0, 12)}, the sweep's ${job.configHash.slice(0, 12)}): refusing to run other code`
      );
    }
    this.params.applySettings(job.settings);
    try {
      await this.params.importConfig(file);
    } catch (error) {
      throw new SweepConfigError(messageWithCause(`config ${job.config} failed to load`, error), { cause: error });
    }
    const names = await this.params.listOptimizers();
    if (!names.includes(job.optimizerName)) {
      throw new SweepConfigError(`config ${job.config} registers no optimizer ${job.optimizerName} (it registers: ${names.join(", ") || "none"})`);
    }
  };

  private generateAndRun = async (job: ISweepJob, signal: AbortSignal) => {
    const dir = await this.params.makeWorkDir(job.id);
    try {
      const file = await this.params.dump(job.symbol, job.optimizerName, dir);
      const env = { ...this.params.runEnv(), ...resultsHandOff(dir).env };
      const settingsModule = await this.params.writeSettingsModule(dir, job.settings);
      const outcome = await this.params
        .runFile(file, dir, env, job.timeoutMs, signal, ["--import", settingsModule])
        .finally(() => this.params.removeDir(settingsModule));
      assertRunSucceeded(`the generated file of ${job.id}`, outcome, job.timeoutMs);
      const files = await this.params.collectFiles(dir);
      const written = files.find((item) => item.path === WALKER_RESULTS_FILE);
      const results = parseWalkerResults(written?.content ?? null);
      if (results === null) {
        throw new Error(`the generated file of ${job.id} wrote no walker results`);
      }
      return { result: resultRow(job, results), files };
    } finally {
      await this.params.removeDir(dir);
    }
  };
}

export default ClientSweepJob;
