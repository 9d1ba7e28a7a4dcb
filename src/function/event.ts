import { queued } from "functools-kit";
import backtest from "../lib";
import { progressOptimizerEmitter } from "../config/emitters";
import ProgressOptimizerContract from "../contract/ProgressOptimizer.contract";

const LISTEN_OPTIMIZER_PROGRESS_METHOD_NAME = "event.listenOptimizerProgress";

/**
 * Calls `fn` with every optimizer progress event. Events reach each listener in order,
 * one at a time (an async listener finishes before it gets the next event), and the
 * optimizer waits for its listeners. A listener that throws is logged as a warning; it
 * breaks neither the run nor the other listeners.
 *
 * @returns A function that unsubscribes `fn`.
 */
export function listenOptimizerProgress(
  fn: (event: ProgressOptimizerContract) => void | Promise<void>
): () => void {
  backtest.loggerService.log(LISTEN_OPTIMIZER_PROGRESS_METHOD_NAME);
  if (typeof fn !== "function") {
    throw new Error(`${LISTEN_OPTIMIZER_PROGRESS_METHOD_NAME}: fn must be a function, got ${typeof fn}`);
  }
  return progressOptimizerEmitter.subscribe(
    queued(async (event: ProgressOptimizerContract) => {
      try {
        await fn(event);
      } catch (error) {
        backtest.loggerService.warn(`${LISTEN_OPTIMIZER_PROGRESS_METHOD_NAME} listener threw`, { event, error });
      }
    })
  );
}
