import { ISweepJobResult } from "../interfaces/Sweep.interface";

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
});
