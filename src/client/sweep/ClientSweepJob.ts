import { resolve } from "node:path";
import { ILogger } from "../../interfaces/Logger.interface";
import { ILeakCheckRunOutcome } from "../../interfaces/LeakCheck.interface";
import { sharpesOf } from "../../utils/stats/overfittingOdds";
import { IWalkerResults } from "../../interfaces/Walker.interface";
import { ISweepJob, ISweepJobFile, ISweepJobResult, SweepJobReply } from "../../interfaces/Sweep.interface";
import { errorLine, messageWithCause } from "../../utils/errorChain";
import {
  ALL_WALKER_RESULTS_FILE,
  assertRunSucceeded,
  parseAllWalkerResults,
  parseWalkerResults,
  resultsHandOff,
  WALKER_RESULTS_FILE,
} from "../../utils/generated/generatedRun";
import { pickWalkForward } from "../../utils/stats/walkForwardPick";
import { ILlmUsage, ILlmUsageReading } from "../../interfaces/LlmUsage.interface";
import { addLlmUsageReadings, isLlmUsage, readingOfLlmUsage, subtractLlmUsageReading } from "../../utils/llm/llmUsage";


/** The row's metric name for a walk-forward file's pick. */
const WALK_FORWARD_METRIC = "out-of-sample total PNL";

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
  /** This process's model-call counters now (generating the file asks the model here). */
  readLlmUsage: () => ILlmUsageReading;
  /** A reading priced with the price table in force. */
  priceLlmUsage: (reading: ILlmUsageReading) => ILlmUsage;
}

/** A failure that another attempt would only repeat (the config itself is the problem). */
class SweepConfigError extends Error {}

/** What the sweep's deflated Sharpe ratio and PBO columns read from a job's walker results. */
const selectionOf = (results: IWalkerResults): Pick<ISweepJobResult, "sharpes" | "bestShape" | "pbo"> => {
  const odds = results.overfitting;
  const shape =
    odds?.sharpe != null && odds.skewness !== null && odds.kurtosis !== null
      ? { sharpe: odds.sharpe, observations: odds.observations, skewness: odds.skewness, kurtosis: odds.kurtosis }
      : null;
  return { sharpes: sharpesOf([results]), bestShape: shape, pbo: odds?.pbo ?? null };
};

/** The row of a job whose walker completed, with what its model calls cost. */
const resultRow = (job: ISweepJob, results: IWalkerResults, llmUsage: ILlmUsage): ISweepJobResult => {
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
    ...selectionOf(results),
    error: null,
    attempts: 1,
    llmUsage,
  };
};

/**
 * The row of a job whose file ran several walkers (a walk-forward file, one walker per
 * test window): the file's own pick on the out-of-sample total, and each window's best.
 */
const walkForwardRow = (job: ISweepJob, windows: IWalkerResults[], llmUsage: ILlmUsage): ISweepJobResult => {
  const { totals, best } = pickWalkForward(windows);
  return {
    ...resultRow(job, windows[windows.length - 1], llmUsage),
    walkerName: null,
    metric: WALK_FORWARD_METRIC,
    bestStrategy: best?.strategyName ?? null,
    bestMetric: best?.totalPnl ?? null,
    trades: best?.totalSignals ?? null,
    strategies: totals.length,
    windows: windows.map((results) => ({
      walkerName: results.walkerName,
      metric: results.metric,
      bestStrategy: results.bestStrategy,
      bestMetric: results.bestMetric,
    })),
  };
};


/**
 * One sweep job, in the process that runs it: checks that the config here is the one
 * the sweep named (same content hash), imports it, writes the optimizer's generated file
 * for the symbol into a fresh directory, runs that file to completion as its own process
 * (the sweep's settings applied in it first, as in this one),
 * and gives back the walker's best strategy with every file the run wrote (for a
 * walk-forward file, its own pick on the out-of-sample total and each window's best). A config that
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

  /** What generating the file and running each of its walkers (one per window) asked of the model, priced. */
  private jobUsage = (generation: ILlmUsageReading, windows: IWalkerResults[]): ILlmUsage => {
    const runs = windows.map((results) => (isLlmUsage(results.llmUsage) ? readingOfLlmUsage(results.llmUsage) : { models: {}, waitMs: 0 }));
    return this.params.priceLlmUsage(runs.reduce(addLlmUsageReadings, generation));
  };

  private generateAndRun = async (job: ISweepJob, signal: AbortSignal) => {
    const dir = await this.params.makeWorkDir(job.id);
    try {
      const usageBefore = this.params.readLlmUsage();
      const file = await this.params.dump(job.symbol, job.optimizerName, dir);
      const generation = subtractLlmUsageReading(this.params.readLlmUsage(), usageBefore);
      const env = { ...this.params.runEnv(), ...resultsHandOff(dir, { all: true }).env };
      // the job's file runs once, in a fresh directory: no earlier run's dumps to prune
      const settingsModule = await this.params.writeSettingsModule(dir, { ...job.settings, CC_DUMP_KEEP_RUNS: 0 });
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
      const all = parseAllWalkerResults(files.find((item) => item.path === ALL_WALKER_RESULTS_FILE)?.content ?? null);
      const windows = all !== null && all.length > 1 ? all : [results];
      const usage = this.jobUsage(generation, windows);
      const result = windows.length > 1 ? walkForwardRow(job, windows, usage) : resultRow(job, results, usage);
      return { result, files };
    } finally {
      await this.params.removeDir(dir);
    }
  };
}

export default ClientSweepJob;
