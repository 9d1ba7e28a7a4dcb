import { scoped } from "di-scoped";
import { IMethodContext } from "../../../interfaces/Context.interface";

/** The method context {strategyName, exchangeName, frameName} of the current run (di-scoped). */
export const MethodContextService = scoped(
  class {
    constructor(readonly context: IMethodContext) {}
  }
);

/** An instance of MethodContextService. */
export type TMethodContextService = InstanceType<typeof MethodContextService>;

export default MethodContextService;
