import { join } from "node:path";
import { ILeakCheckRunOutcome } from "../../interfaces/LeakCheck.interface";
import { IWalkerResults } from "../../interfaces/Walker.interface";
import { IFileSystem } from "../../interfaces/FileSystem.interface";
import { writeFileAtomic } from "../writeFileAtomic";
import { tryParseJson } from "../tryParseJson";

/**
 * The one home of running a generated file and handing its results back: the child side
 * (handBackWalkerResults, called when a walker completes) and the parent side
 * (resultsHandOff for the run's environment, assertRunSucceeded, then
 * parseWalkerResults / parseAllWalkerResults of what it wrote). The leak check and the
 * sweep jobs run their files through it; runNodeFile (beside it) starts the process.
 */

/** Environment variable naming a file each completed walker's results are written to as JSON. */
export const WALKER_RESULTS_ENV = "BACKTEST_KIT_WALKER_RESULTS";

/**
 * Environment variable naming a file the results of every walker completed in the process
 * are written to, as one JSON array in the order they completed (a walk-forward file's
 * windows, in window order).
 */
export const WALKER_RESULTS_ALL_ENV = "BACKTEST_KIT_WALKER_RESULTS_ALL";

/** The file a run writes its last walker's results to. */
export const WALKER_RESULTS_FILE = "walker-results.json";

/** The file a run writes every walker's results to, in the order they completed. */
export const ALL_WALKER_RESULTS_FILE = "walker-results-all.json";

/** Where a run in a directory hands its results back, and the environment telling it so. */
export interface IResultsHandOff {
  /** The last completed walker's results. */
  lastFile: string;
  /** Every completed walker's results (written only when `all` was asked). */
  allFile: string;
  /** The variables to add to the run's environment. */
  env: Record<string, string>;
}

/**
 * The hand-off of a run in `dir`: its last walker's results go to
 * `dir/walker-results.json`; with `all`, every walker's also to
 * `dir/walker-results-all.json`.
 */
export const resultsHandOff = (dir: string, { all = false }: { all?: boolean } = {}): IResultsHandOff => {
  const lastFile = join(dir, WALKER_RESULTS_FILE);
  const allFile = join(dir, ALL_WALKER_RESULTS_FILE);
  return {
    lastFile,
    allFile,
    env: all ? { [WALKER_RESULTS_ENV]: lastFile, [WALKER_RESULTS_ALL_ENV]: allFile } : { [WALKER_RESULTS_ENV]: lastFile },
  };
};

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/**
 * The child side, when a walker completes: writes its results where `env` says, each
 * atomically: BACKTEST_KIT_WALKER_RESULTS_ALL gets `completed` (every walker completed
 * in this process, this one appended), BACKTEST_KIT_WALKER_RESULTS this walker's.
 * Resolves to the files written.
 */
export const handBackWalkerResults = async (
  fs: IFileSystem,
  env: Record<string, string | undefined>,
  results: IWalkerResults,
  completed: IWalkerResults[]
): Promise<string[]> => {
  const written: string[] = [];
  const allTarget = env[WALKER_RESULTS_ALL_ENV];
  if (isSet(allTarget)) {
    completed.push(results);
    await writeFileAtomic(fs, allTarget, JSON.stringify(completed));
    written.push(allTarget);
  }
  const target = env[WALKER_RESULTS_ENV];
  if (isSet(target)) {
    await writeFileAtomic(fs, target, JSON.stringify(results));
    written.push(target);
  }
  return written;
};

/** Whether a parsed value has the shape of walker results (what a generated file's run writes). */
export const isWalkerResults = (value: unknown): value is IWalkerResults =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as IWalkerResults).walkerName === "string" &&
  Array.isArray((value as IWalkerResults).strategyResults);

/** The walker results in a hand-off file's text; null when there is none (no text, bad JSON, another shape). */
export const parseWalkerResults = (text: string | null): IWalkerResults | null => {
  const parsed = text === null ? null : tryParseJson(text);
  return parsed?.ok && isWalkerResults(parsed.value) ? parsed.value : null;
};

/** Every walker's results in an all-walkers hand-off file's text, in order; null when there are none. */
export const parseAllWalkerResults = (text: string | null): IWalkerResults[] | null => {
  const parsed = text === null ? null : tryParseJson(text);
  const runs = parsed?.ok && Array.isArray(parsed.value) ? (parsed.value as unknown[]) : [];
  return runs.length > 0 && runs.every(isWalkerResults) ? runs : null;
};

/**
 * Throws unless a generated file's run exited with 0: the error starts with `context`,
 * says how the run ended (its exit code, or the signal that stopped it past `timeoutMs`)
 * and ends with the tail of its stderr.
 */
export const assertRunSucceeded = (context: string, outcome: ILeakCheckRunOutcome, timeoutMs: number) => {
  if (outcome.code === 0) {
    return;
  }
  const how = outcome.signal === null ? `exited with code ${outcome.code}` : `was stopped by ${outcome.signal} (timeout ${timeoutMs} ms)`;
  throw new Error(`${context} ${how}; stderr ends with:\n${outcome.stderr.slice(-2000)}`);
};
