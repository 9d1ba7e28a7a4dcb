/**
 * Progress of `Optimizer.getData` (and so of getCode and dump), emitted at the start
 * of every source of every training range, and once more with `progress: 1` at the end.
 */
export interface ProgressOptimizerContract {
  /** The optimizer collecting data. */
  optimizerName: string;
  /** The symbol it collects data for. */
  symbol: string;
  /** Training ranges times sources. */
  totalSources: number;
  /** Sources finished so far. */
  processedSources: number;
  /** processedSources / totalSources, from 0 to 1. */
  progress: number;
}

export default ProgressOptimizerContract;
