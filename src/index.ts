export { addOptimizer } from "./function/add";
export { listOptimizers } from "./function/list";
export { listenOptimizerProgress } from "./function/event";
export { setLogger } from "./function/setup";
export { Optimizer } from "./classes/Optimizer";
export type { OptimizerUtils, IOptimizerContext } from "./classes/Optimizer";
export type { ILogger } from "./interfaces/Logger.interface";
export type { MessageModel, MessageRole } from "./interfaces/Message.interface";
export type { ProgressOptimizerContract } from "./contract/ProgressOptimizer.contract";
export type {
  CandleInterval,
  IOptimizerCallbacks,
  IOptimizerData,
  IOptimizerFetchArgs,
  IOptimizerFilterArgs,
  IOptimizerMessageFormatter,
  IOptimizerRange,
  IOptimizerSchema,
  IOptimizerSource,
  IOptimizerSourceFn,
  IOptimizerStrategy,
  IOptimizerTemplate,
  OptimizerName,
  RowId,
  Source,
} from "./interfaces/Optimizer.interface";
