import backtest from "../lib";
import { IOptimizerSchema } from "../interfaces/Optimizer.interface";

const LIST_OPTIMIZERS_METHOD_NAME = "list.listOptimizers";

/** Every registered optimizer schema, in registration order. */
export async function listOptimizers(): Promise<IOptimizerSchema[]> {
  backtest.loggerService.log(LIST_OPTIMIZERS_METHOD_NAME);
  return await backtest.optimizerValidationService.list();
}
