import { Subject } from "functools-kit";
import ProgressOptimizerContract from "../contract/ProgressOptimizer.contract";

/** Progress of optimizer data collection; `listenOptimizerProgress` subscribes to it. */
export const progressOptimizerEmitter = new Subject<ProgressOptimizerContract>();
