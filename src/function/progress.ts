import ClientProgress from "../client/progress/ClientProgress";
import { IProgressOptions } from "../interfaces/Progress.interface";
import { listenBacktestProgress, listenOptimizerProgress, listenSweepProgress, listenWalkerProgress } from "./event";
import { describeValue } from "../utils/describeValue";
import { registrationOnly } from "../config/registration";

/** Least time between two plain progress lines off a terminal. */
const DEFAULT_INTERVAL_MS = 2_000;

const checkOptions = (options: IProgressOptions) => {
  const { stream, intervalMs } = options;
  if (stream !== undefined && (typeof stream !== "object" || stream === null || typeof stream.write !== "function")) {
    throw new Error(`showProgress: options.stream must have a write function, got ${describeValue(stream)}`);
  }
  if (intervalMs !== undefined && !(Number.isSafeInteger(intervalMs) && intervalMs >= 0)) {
    throw new Error(`showProgress: options.intervalMs must be a whole number of ms >= 0, got ${describeValue(intervalMs)}`);
  }
};

/**
 * Shows the progress of optimizers, walkers, backtests and sweeps as one bar with percentage and
 * ETA: redrawn in place on a terminal, as plain periodic lines elsewhere (logs, CI).
 * Returns the function that stops it.
 *
 * @example
 * const stop = showProgress();
 * await Optimizer.dump("BTCUSDT", { optimizerName: "demo" }, "./generated");
 * stop();
 */
export function showProgress(options: IProgressOptions = {}): () => void {
  checkOptions(options);
  if (registrationOnly.active) {
    return () => undefined;
  }
  const progress = new ClientProgress({
    stream: options.stream ?? process.stderr,
    intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    now: Date.now,
  });
  const stops = [
    listenOptimizerProgress(progress.onOptimizer),
    listenWalkerProgress(progress.onWalker),
    listenBacktestProgress(progress.onBacktest),
    listenSweepProgress(progress.onSweep),
  ];
  return () => {
    stops.forEach((stop) => stop());
    progress.close();
  };
}
