import { basename, isAbsolute, join, relative, sep } from "node:path";
import { ISweepJob, ISweepJobOutcome, ISweepJobResult, ISweepParams, ISweepResult } from "../../interfaces/Sweep.interface";
import { errorLine } from "../../utils/errorChain";
import { tryParseJson } from "../../utils/tryParseJson";
import { failedSweepRow } from "../../utils/sweep/sweepRows";
import { isDirectoryName } from "../../utils/directoryName";

/** The file in each job's directory that holds its row; its presence marks a finished job. */
export const SWEEP_RESULT_FILE = "result.json";


/** What one sweep is asked for. */
export interface ISweepRequest {
  /** The config files, as given (absolute). */
  configs: string[];
  symbols: string[];
  /** The output directory (absolute). */
  out: string;
  /** The working directory config paths are named relative to. */
  cwd: string;
}

/** How a job names its config: relative to the working directory when inside it, with "/" separators. */
const nameConfig = (file: string, cwd: string) => {
  const inside = relative(cwd, file);
  return inside.startsWith("..") || isAbsolute(inside) ? file : inside.split(sep).join("/");
};

/** Whether a stored row is a finished result of this very job (same config content and symbol). */
const isKeptResultOf = (value: unknown, job: ISweepJob): value is ISweepJobResult => {
  const row = value as ISweepJobResult;
  return (
    typeof row === "object" &&
    row !== null &&
    row.status === "done" &&
    row.configHash === job.configHash &&
    row.optimizerName === job.optimizerName &&
    row.symbol === job.symbol
  );
};

/** Rows done, failed, and kept from an earlier sweep. */
const countRows = (rows: ISweepJobResult[]) => ({
  done: rows.filter((row) => row.status === "done").length,
  failed: rows.filter((row) => row.status === "failed").length,
  reused: rows.filter((row) => row.reused).length,
});

/** One planned row: a job to run, or a config failure to report. */
type PlannedRow = { job: ISweepJob } | { row: ISweepJobResult };

/**
 * A sweep: one job per (config, optimizer, symbol), run by a backend (a local pool of
 * processes or a queue), each job's files written whole into `out`/`{optimizer}_{symbol}`/
 * as it ends, then the table of every job into `out`/sweep.md and sweep.json. A job whose
 * finished result is already in `out` for the same config content and symbol is kept,
 * not run again. A config that does not load gives a failed row per symbol; the other
 * jobs go on.
 */
export class ClientSweep {
  constructor(readonly params: ISweepParams) {}

  /** Runs the sweep; resolves to every job's row, in config, optimizer and symbol order. */
  public run = async (request: ISweepRequest, signal: AbortSignal): Promise<ISweepResult> => {
    const planned = await this.plan(request, signal);
    const rows = new Map<string, ISweepJobResult>();
    const pending: ISweepJob[] = [];
    for (const [key, item] of planned) {
      if ("row" in item) {
        rows.set(key, item.row);
        continue;
      }
      const kept = await this.readKept(request.out, item.job);
      kept === null ? pending.push(item.job) : rows.set(key, kept);
    }
    const total = planned.size;
    await this.emitProgress(rows, total, null);
    await this.params.backend.run(
      pending,
      async (outcome: ISweepJobOutcome) => {
        const row = await this.commit(request.out, outcome);
        rows.set(row.id, row);
        await this.emitProgress(rows, total, row);
      },
      signal
    );
    const jobs = [...planned.keys()].map((key) => rows.get(key)!);
    return await this.writeTable(request.out, jobs);
  };

  /** Every job, keyed by id, in config, optimizer and symbol order; a config that does not load gives failed rows. */
  private plan = async ({ configs, symbols, cwd }: ISweepRequest, signal: AbortSignal) => {
    const planned = new Map<string, PlannedRow>();
    const owners = new Map<string, string>();
    const listed = await Promise.all(
      configs.map(async (file) => {
        const config = nameConfig(file, cwd);
        const configHash = await this.params.hashFile(file);
        try {
          return { config, configHash, names: await this.params.listConfig(config, signal), error: null };
        } catch (error) {
          return { config, configHash, names: [] as string[], error: errorLine(error) };
        }
      })
    );
    for (const { config, configHash, names, error } of listed) {
      if (error !== null || names.length === 0) {
        const message = error ?? `${config} registers no optimizer (call addOptimizer, or export default a schema)`;
        for (const symbol of symbols) {
          const id = `config:${config}:${symbol}`;
          planned.set(id, { row: failedSweepRow({ id, config, configHash, optimizerName: null, symbol }, message) });
        }
        continue;
      }
      for (const optimizerName of names) {
        if (!isDirectoryName(optimizerName)) {
          throw new Error(`sweep: ${config} registers optimizer ${JSON.stringify(optimizerName)}, which cannot name a directory (letters, digits, ".", "_" and "-" only)`);
        }
        const owner = owners.get(optimizerName);
        if (owner !== undefined) {
          throw new Error(`sweep: optimizer ${optimizerName} is registered by both ${owner} and ${config}; their jobs would share ${optimizerName}_SYMBOL directories`);
        }
        owners.set(optimizerName, config);
        for (const symbol of symbols) {
          const id = `${optimizerName}_${symbol}`;
          const settings = this.params.settings();
          const job: ISweepJob = { id, config, configHash, optimizerName, symbol, settings, timeoutMs: this.params.jobTimeoutMs() };
          planned.set(id, { job });
        }
      }
    }
    this.params.logger.info("clientSweep plan", { jobs: planned.size, configs: configs.map((file) => basename(file)) });
    return planned;
  };

  /** The row of an earlier sweep's finished run of this job, marked reused, or null. */
  private readKept = async (out: string, job: ISweepJob): Promise<ISweepJobResult | null> => {
    const text = await this.params.readText(join(out, job.id, SWEEP_RESULT_FILE));
    const parsed = text === null ? null : tryParseJson(text);
    if (parsed === null || !parsed.ok || !isKeptResultOf(parsed.value, job)) {
      return null;
    }
    return { ...parsed.value, reused: true };
  };

  /**
   * Writes a job's files and its row into its directory, whole, and resolves to the row.
   * Files that cannot be written (a path leaving the directory) fail the job instead.
   */
  private commit = async (out: string, { result, files }: ISweepJobOutcome): Promise<ISweepJobResult> => {
    const dir = join(out, result.id);
    const rowFile = (row: ISweepJobResult) => ({ path: SWEEP_RESULT_FILE, content: `${JSON.stringify(row, null, 2)}\n` });
    try {
      await this.params.writeJobDir(dir, [...files, rowFile(result)]);
      return result;
    } catch (error) {
      const failed = failedSweepRow(result, `its files could not be written: ${errorLine(error)}`, result.attempts);
      await this.params.writeJobDir(dir, [rowFile(failed)]);
      return failed;
    }
  };

  private emitProgress = async (rows: Map<string, ISweepJobResult>, total: number, last: ISweepJobResult | null) => {
    const ended = [...rows.values()];
    const { failed, reused } = countRows(ended);
    await this.params.onProgress({
      totalJobs: total,
      processedJobs: ended.length,
      failedJobs: failed,
      reusedJobs: reused,
      progress: total === 0 ? 1 : ended.length / total,
      lastJob:
        last === null
          ? null
          : { id: last.id, optimizerName: last.optimizerName, symbol: last.symbol, status: last.status, reused: last.reused },
    });
  };

  /** Writes `out`/sweep.md and `out`/sweep.json and resolves to the sweep's result. */
  private writeTable = async (out: string, jobs: ISweepJobResult[]): Promise<ISweepResult> => {
    const table = this.params.formatTable(jobs);
    const files = { markdown: join(out, "sweep.md"), json: join(out, "sweep.json") };
    const counts = countRows(jobs);
    await this.params.writeFile(files.markdown, table);
    await this.params.writeFile(files.json, `${JSON.stringify({ ...counts, jobs }, null, 2)}\n`);
    return { out, jobs, ...counts, table, files };
  };
}

export default ClientSweep;
