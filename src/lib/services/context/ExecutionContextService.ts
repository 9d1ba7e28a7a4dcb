import { scoped } from "di-scoped";
import { IExecutionContext } from "../../../interfaces/ExecutionContext.interface";

/**
 * The execution context {symbol, when, backtest} of the run the caller is in, carried by
 * di-scoped (AsyncLocalStorage). A run enters it once and moves `when` from tick to
 * tick, so ticks allocate no context.
 */
export const ExecutionContextService = scoped(
  class {
    constructor(readonly context: IExecutionContext) {}
  }
);

/** An instance of ExecutionContextService. */
export type TExecutionContextService = InstanceType<typeof ExecutionContextService>;

export default ExecutionContextService;
