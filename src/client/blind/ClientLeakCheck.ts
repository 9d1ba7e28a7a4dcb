import { join } from "node:path";
import { ILeakCheckParams, ILeakCheckReport, ILeakCheckWindow } from "../../interfaces/LeakCheck.interface";
import { IOptimizerRange } from "../../interfaces/Optimizer.interface";
import { IWalkerResults } from "../../interfaces/Walker.interface";
import { PromptMode } from "../../interfaces/Llm.interface";
import { BLIND_ENV } from "../../config/llm";
import {
  compareLeakRuns,
  compareLeakTotals,
  formatLeakCheckReport,
  formatLeakCheckWindowsReport,
  IConversationFindings,
  leakVerdict,
  leakWindowsVerdict,
  withConversationFindings,
} from "../../utils/blind/leakCheckReport";
import { assertRunSucceeded, parseAllWalkerResults, resultsHandOff } from "../../utils/generated/generatedRun";
import { strategyNamesOf } from "../../utils/strategyNamesOf";

/** What one leak check is about. */
export interface ILeakCheckJob {
  symbol: string;
  optimizerName: string;
  /** The generated file. */
  file: string;
  /** The optimizer's test windows, in order: one walker of each run per window. */
  windows: IOptimizerRange[];
  /** Each mode runs in `<runDir>/<mode>/`. */
  runDir: string;
  /** The environment both runs start from (absolute store and cache paths). */
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** What the training conversations of the file's strategies carried (summed), null when not counted (not blind). */
  conversation: IConversationFindings | null;
}

/** The modes, in the order they run. */
const MODES: PromptMode[] = ["blind", "plain"];

const walkerNamesOf = (runs: IWalkerResults[]) => runs.map((results) => results.walkerName).join(", ");

/**
 * The memorization check: runs one generated file twice, blind
 * (BACKTEST_KIT_BLIND=on) and plain (off), one after the other, each in its own
 * directory, reads every walker each run completed (BACKTEST_KIT_WALKER_RESULTS_ALL: one
 * per test window) and compares them strategy by strategy, per window and, with several
 * windows, over all of them. A run that fails, times out or writes no results is an error
 * naming the mode, the file and the end of its stderr.
 */
export class ClientLeakCheck {
  constructor(readonly params: ILeakCheckParams) {}

  /** Both runs and their comparison. */
  public run = async (job: ILeakCheckJob): Promise<ILeakCheckReport> => {
    const blind = await this.runMode(job, MODES[0]);
    const plain = await this.runMode(job, MODES[1]);
    const { symbol, optimizerName, file } = job;
    const walkerName = walkerNamesOf(blind);
    if (walkerNamesOf(plain) !== walkerName) {
      throw new Error(`leak check of ${file}: the blind run completed walker ${walkerName}, the plain run ${walkerNamesOf(plain)}`);
    }
    if (blind.length !== job.windows.length) {
      throw new Error(
        `leak check of ${file}: the runs completed ${blind.length} walker(s) (${walkerName}) for ${job.windows.length} test window(s)`
      );
    }
    const windows = job.windows.map((range, index) => compareWindow(index, range, blind[index], plain[index]));
    const title = { optimizerName, symbol, file };
    const single = windows.length === 1;
    const strategies = single ? windows[0].strategies : compareLeakTotals(strategyNamesOf([...blind, ...plain]), blind, plain);
    const verdict = withConversationFindings(
      single ? leakVerdict(strategies) : leakWindowsVerdict(strategies, windows.map((window) => window.strategies)),
      job.conversation
    );
    return {
      symbol,
      optimizerName,
      file,
      walkerName,
      strategies,
      suspicious: strategies.some((item) => item.plainMuchBetter) || windows.some((window) => window.suspicious),
      conversation: job.conversation,
      verdict,
      report: single
        ? formatLeakCheckReport(title, strategies, verdict)
        : formatLeakCheckWindowsReport(title, strategies, windows, verdict),
      runs: windows[windows.length - 1].runs,
      windows,
    };
  };

  private runMode = async (job: ILeakCheckJob, mode: PromptMode): Promise<IWalkerResults[]> => {
    const { fs, logger, runFile } = this.params;
    const cwd = join(job.runDir, mode);
    const handOff = resultsHandOff(cwd, { all: true });
    await fs.mkdir(cwd, { recursive: true });
    await fs.rm(handOff.lastFile, { force: true });
    await fs.rm(handOff.allFile, { force: true });
    logger.info("clientLeakCheck run", { file: job.file, mode, cwd });
    const env = { ...job.env, [BLIND_ENV]: mode === "blind" ? "on" : "off", ...handOff.env };
    const outcome = await runFile(job.file, cwd, env, job.timeoutMs);
    const context = `leak check of ${job.file}: the ${mode} run`;
    assertRunSucceeded(context, outcome, job.timeoutMs);
    const runs = parseAllWalkerResults(await fs.readFile(handOff.allFile, "utf-8").catch(() => null));
    if (runs === null) {
      throw new Error(`${context} wrote no walker results to ${handOff.allFile}`);
    }
    return runs;
  };
}

/** One test window's walkers of both runs side by side. */
const compareWindow = (index: number, range: IOptimizerRange, blind: IWalkerResults, plain: IWalkerResults): ILeakCheckWindow => {
  const strategies = compareLeakRuns(strategyNamesOf([blind, plain]), blind, plain);
  return {
    window: index + 1,
    walkerName: blind.walkerName,
    startDate: range.startDate,
    endDate: range.endDate,
    strategies,
    suspicious: strategies.some((item) => item.plainMuchBetter),
    runs: { blind, plain },
  };
};

export default ClientLeakCheck;
