import { ISweepJob, ISweepJobOutcome, ISweepJobResult } from "../../interfaces/Sweep.interface";

/** The fields that name a job in its row. */
type SweepRowName = Pick<ISweepJobResult, "id" | "config" | "configHash" | "optimizerName" | "symbol">;

/** The row of a job that failed: its name and error, no walker figures. */
export const failedSweepRow = ({ id, config, configHash, optimizerName, symbol }: SweepRowName, error: string, attempts = 1): ISweepJobResult => ({
  id,
  config,
  configHash,
  optimizerName,
  symbol,
  status: "failed",
  reused: false,
  walkerName: null,
  metric: null,
  bestStrategy: null,
  bestMetric: null,
  trades: null,
  strategies: null,
  error,
  attempts,
  llmUsage: null,
});

const isFileList = (value: unknown): boolean =>
  Array.isArray(value) && value.every((file) => typeof file?.path === "string" && typeof file?.content === "string");

/**
 * A job's outcome as a worker handed it back, taken only when it has the shape of one
 * (a row that says done, a list of text files), with the job's own name written over
 * the row's, so a worker cannot file its result under another job; anything else is the
 * job failed, saying so.
 */
export const adoptSweepOutcome = (value: unknown, job: ISweepJob, attempts: number): ISweepJobOutcome => {
  const outcome = value as ISweepJobOutcome;
  const row = outcome?.result;
  if (typeof row !== "object" || row === null || row.status !== "done" || !isFileList(outcome.files)) {
    return { result: failedSweepRow(job, "the worker handed back no sweep job outcome", attempts), files: [] };
  }
  const { id, config, configHash, optimizerName, symbol } = job;
  return { result: { ...row, id, config, configHash, optimizerName, symbol, reused: false, attempts }, files: outcome.files };
};
