import { join } from "node:path";
import { ILeakCheckParams, ILeakCheckReport } from "../interfaces/LeakCheck.interface";
import { IWalkerResults } from "../interfaces/Walker.interface";
import { PromptMode } from "../interfaces/Llm.interface";
import { BLIND_ENV, WALKER_RESULTS_ENV } from "../config/llm";
import { compareLeakRuns, formatLeakCheckReport, leakVerdict } from "../utils/leakCheckReport";
import { tryParseJson } from "../utils/tryParseJson";
import { strategyNamesOf } from "../utils/strategyNamesOf";

/** What one leak check is about. */
export interface ILeakCheckJob {
  symbol: string;
  optimizerName: string;
  /** The generated file. */
  file: string;
  /** Each mode runs in `<runDir>/<mode>/`. */
  runDir: string;
  /** The environment both runs start from (absolute store and cache paths). */
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

/** The modes, in the order they run. */
const MODES: PromptMode[] = ["blind", "plain"];

/** The file a run writes its walker results to. */
const RESULTS_FILE = "walker-results.json";

/**
 * The memorization check: runs one generated file twice, blind
 * (BACKTEST_KIT_BLIND=on) and plain (off), one after the other, each in its own
 * directory, reads each run's walker results (BACKTEST_KIT_WALKER_RESULTS) and compares
 * them strategy by strategy. A run that fails, times out or writes no results is an
 * error naming the mode, the file and the end of its stderr.
 */
export class ClientLeakCheck {
  constructor(readonly params: ILeakCheckParams) {}

  /** Both runs and their comparison. */
  public run = async (job: ILeakCheckJob): Promise<ILeakCheckReport> => {
    const blind = await this.runMode(job, MODES[0]);
    const plain = await this.runMode(job, MODES[1]);
    const { symbol, optimizerName, file } = job;
    const { walkerName } = blind;
    if (plain.walkerName !== walkerName) {
      throw new Error(`leak check of ${file}: the blind run completed walker ${walkerName}, the plain run ${plain.walkerName}`);
    }
    const strategies = compareLeakRuns(strategyNamesOf([blind, plain]), blind, plain);
    const verdict = leakVerdict(strategies);
    return {
      symbol,
      optimizerName,
      file,
      walkerName,
      strategies,
      suspicious: strategies.some((item) => item.plainMuchBetter),
      verdict,
      report: formatLeakCheckReport({ optimizerName, symbol, file }, strategies, verdict),
      runs: { blind, plain },
    };
  };

  private runMode = async (job: ILeakCheckJob, mode: PromptMode): Promise<IWalkerResults> => {
    const { fs, logger, runFile } = this.params;
    const cwd = join(job.runDir, mode);
    const resultsFile = join(cwd, RESULTS_FILE);
    await fs.mkdir(cwd, { recursive: true });
    await fs.rm(resultsFile, { force: true });
    logger.info("clientLeakCheck run", { file: job.file, mode, cwd });
    const env = { ...job.env, [BLIND_ENV]: mode === "blind" ? "on" : "off", [WALKER_RESULTS_ENV]: resultsFile };
    const outcome = await runFile(job.file, cwd, env, job.timeoutMs);
    const context = `leak check of ${job.file}: the ${mode} run`;
    if (outcome.code !== 0) {
      const how = outcome.signal === null ? `exited with code ${outcome.code}` : `was stopped by ${outcome.signal} (timeout ${job.timeoutMs} ms)`;
      throw new Error(`${context} ${how}; stderr ends with:\n${outcome.stderr.slice(-2000)}`);
    }
    const text = await fs.readFile(resultsFile, "utf-8").catch(() => null);
    const parsed = text === null ? null : tryParseJson(text);
    const results = parsed?.ok ? (parsed.value as IWalkerResults) : null;
    if (results === null || typeof results.walkerName !== "string" || !Array.isArray(results.strategyResults)) {
      throw new Error(`${context} wrote no walker results to ${resultsFile}`);
    }
    return results;
  };
}

export default ClientLeakCheck;
