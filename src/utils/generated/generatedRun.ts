import { ILeakCheckRunOutcome } from "../../interfaces/LeakCheck.interface";
import { IWalkerResults } from "../../interfaces/Walker.interface";

/** Whether a parsed value has the shape of walker results (what a generated file's run writes). */
export const isWalkerResults = (value: unknown): value is IWalkerResults =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as IWalkerResults).walkerName === "string" &&
  Array.isArray((value as IWalkerResults).strategyResults);

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
