import { ILlmUsage } from "./LlmUsage.interface";
import { ILogger } from "./Logger.interface";
import { RaiseWarning } from "../contract/Warning.contract";
import ProgressSweepContract from "../contract/ProgressSweep.contract";

/** Options of a sweep (`Sweep.run`, `Sweep.background`, `backtest-kit sweep`). */
export interface ISweepOptions {
  /** The symbols every optimizer of every config runs on. */
  symbols: string[];
  /** Where the table and each job's files go (default ./sweep). */
  out?: string;
  /** Worker processes of a local sweep (default: the machine's cores). */
  workers?: number;
  /**
   * `redis://HOST:PORT[/DB]`: the jobs go on a BullMQ queue there and `backtest-kit
   * worker` processes, on any machine, take them; without it the sweep runs locally.
   */
  queue?: string;
}

/** One job of a sweep: one optimizer of one config on one symbol. */
export interface ISweepJob {
  /** `{optimizerName}_{symbol}`: the job's directory under the sweep's `out`. */
  id: string;
  /** The config's path, relative to the sweep's working directory when inside it. */
  config: string;
  /** sha256 of the config file's content: a worker whose copy differs refuses the job. */
  configHash: string;
  optimizerName: string;
  symbol: string;
  /** The sweep's runtime settings (setConfig), applied in the job's process. */
  settings: Record<string, unknown>;
  /** Bound of the generated file's run, in ms. */
  timeoutMs: number;
}

/** How a job ended. */
export type SweepJobStatus = "done" | "failed";

/** One row of the sweep's table. */
export interface ISweepJobResult {
  id: string;
  config: string;
  configHash: string;
  /** The optimizer (null in the row of a config that did not load). */
  optimizerName: string | null;
  symbol: string;
  status: SweepJobStatus;
  /** True when the result was kept from an earlier sweep (same config content and symbol). */
  reused: boolean;
  /**
   * The generated file's walker (null when the job failed before it ran, and for a
   * walk-forward file: its walkers are in `windows`).
   */
  walkerName: string | null;
  /** The walker's metric; for a walk-forward file "out-of-sample total PNL". */
  metric: string | null;
  /**
   * The best strategy, by the walker's metric; for a walk-forward file the file's own
   * pick, on the out-of-sample total PnL over every window.
   */
  bestStrategy: string | null;
  /** The best strategy's metric value (for a walk-forward file its out-of-sample total PnL, in percent). */
  bestMetric: number | null;
  /** The best strategy's closed trades (over every window for a walk-forward file). */
  trades: number | null;
  /** Strategies the walker compared. */
  strategies: number | null;
  /**
   * The per-trade Sharpe ratios of the job's strategies that have one: with the other jobs'
   * on the same symbol, the variance of the sweep's deflated Sharpe ratio (null when failed).
   */
  sharpes?: number[] | null;
  /** The best strategy's per-trade Sharpe ratio, trades, skewness and kurtosis (null without them). */
  bestShape?: { sharpe: number; observations: number; skewness: number; kurtosis: number } | null;
  /** The job's own probability of backtest overfitting (its walker's strategies on its test range). */
  pbo?: number | null;
  /** A walk-forward file's test windows in order, each with its own best; null for one test range. */
  windows?: ISweepWindow[] | null;
  /** The job's error message when it failed. */
  error: string | null;
  /** Attempts the job took (1 unless it was retried). */
  attempts: number;
  /**
   * What the job's model calls cost: generating its file (the optimizer's prompts) and
   * running it (the walker's); null when it failed or the row predates the counts.
   */
  llmUsage: ILlmUsage | null;
}

/** One test window of a walk-forward job: its walker and that window's own best strategy. */
export interface ISweepWindow {
  walkerName: string;
  metric: string;
  bestStrategy: string | null;
  bestMetric: number | null;
}

/** A sweep's outcome: every job's row, in config, optimizer and symbol order. */
export interface ISweepResult {
  /** The output directory (absolute). */
  out: string;
  jobs: ISweepJobResult[];
  /** Jobs that ended done, failed, and were kept from an earlier sweep. */
  done: number;
  failed: number;
  reused: number;
  /** The table as markdown (also written to `out`/sweep.md). */
  table: string;
  /** The files written: `out`/sweep.md and `out`/sweep.json. */
  files: { markdown: string; json: string };
}

/** A file a job produced, by its path inside the job's directory. */
export interface ISweepJobFile {
  path: string;
  content: string;
}

/** What one job gives back: its row and its files (the generated file, reports, results). */
export interface ISweepJobOutcome {
  result: ISweepJobResult;
  files: ISweepJobFile[];
}

/** A job attempt that failed: its message, and whether trying again could help. */
export interface ISweepJobFailure {
  error: string;
  /** False for a config that differs, is missing or does not load: another attempt runs the same. */
  retryable: boolean;
}

/** What a job process replies: the outcome, or the failure. */
export type SweepJobReply = { ok: true; outcome: ISweepJobOutcome } | { ok: false; failure: ISweepJobFailure };

/** Runs one job attempt in its own process; resolves to its reply. */
export type SweepJobLauncher = (job: ISweepJob, signal: AbortSignal) => Promise<SweepJobReply>;

/** Lists the optimizer names a config registers, in its own process. */
export type SweepConfigLister = (config: string, signal: AbortSignal) => Promise<string[]>;

/** Where a sweep's jobs run: a local pool of processes, or a queue. */
export interface ISweepBackend {
  /**
   * Runs every job, calling `onOutcome` once per job as it ends (done or failed after
   * its attempts), and resolves when all have ended; `signal` stops it.
   */
  run(jobs: ISweepJob[], onOutcome: (outcome: ISweepJobOutcome) => Promise<void>, signal: AbortSignal): Promise<void>;
}

/** What ClientSweep is constructed with. */
export interface ISweepParams {
  logger: ILogger;
  /** Lists each config's optimizers. */
  listConfig: SweepConfigLister;
  /** Where the jobs run. */
  backend: ISweepBackend;
  /** Reads a file's text, or null when it is missing. */
  readText: (path: string) => Promise<string | null>;
  /** The sha256 of a file's content. */
  hashFile: (path: string) => Promise<string>;
  /** Writes a job's directory whole (files staged, then swapped in). */
  writeJobDir: (dir: string, files: ISweepJobFile[]) => Promise<void>;
  /** Writes one file atomically, creating its directory. */
  writeFile: (path: string, content: string) => Promise<void>;
  /** Progress of the whole sweep. */
  onProgress: (progress: ProgressSweepContract) => Promise<void>;
  /** The sweep's table as markdown. */
  formatTable: (jobs: ISweepJobResult[]) => string;
  /** The runtime settings the jobs run with. */
  settings: () => Record<string, unknown>;
  /** Bound of one generated file's run, in ms. */
  jobTimeoutMs: () => number;
}

/** Options of a queue worker (`Sweep.worker`, `backtest-kit worker`). */
export interface ISweepWorkerOptions {
  /** `redis://HOST:PORT[/DB]` of the sweep's queue. */
  queue: string;
  /** Jobs this worker runs at once, each in its own process (default 1). */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal, in ms (default 30,000): a worker that
   * died mid-job is noticed this long after, and its job is given to another worker.
   */
  lockMs?: number;
}

/** A running queue worker. */
export interface ISweepWorker {
  /** Stops taking jobs, waits for the running ones (at most `timeoutMs`, default 60,000) and disconnects. */
  close(timeoutMs?: number): Promise<void>;
}

/** What the queue clients share. */
export interface ISweepQueueParams {
  logger: ILogger;
  warn: RaiseWarning;
  /** The queue's URL (`redis://...`). */
  url: string;
  /** Attempts a job gets before it ends failed. */
  attempts: () => number;
  /** Longest time the queue may be unreachable before the sweep fails, in ms. */
  unavailableMs: () => number;
  /** How often the sweep looks at its jobs, in ms. */
  pollMs: () => number;
}
