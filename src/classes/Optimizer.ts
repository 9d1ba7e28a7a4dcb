import backtest from "../lib";
import { IOptimizerStrategy, OptimizerName } from "../interfaces/Optimizer.interface";
import { describeValue } from "../utils/describeValue";

/** Which optimizer a facade call is about. */
export interface IOptimizerContext {
  /** Name given to addOptimizer. */
  optimizerName: OptimizerName;
}

const OPTIMIZER_METHOD_NAME_GET_DATA = "Optimizer.getData";
const OPTIMIZER_METHOD_NAME_GET_CODE = "Optimizer.getCode";
const OPTIMIZER_METHOD_NAME_DUMP = "Optimizer.dump";

/** The optimizer name of a context, or an error naming the method and the value. */
const readOptimizerName = (context: IOptimizerContext, method: string): OptimizerName => {
  if (typeof context !== "object" || context === null) {
    throw new Error(`${method}: context must be an object { optimizerName }, got ${describeValue(context)}`);
  }
  return context.optimizerName;
};

/** Static facade of the Optimizer: collect data, generate code, write the file. */
export class OptimizerUtils {
  /**
   * Collects every source over every training range and returns one strategy per range
   * (getPrompt is called once per range).
   */
  public getData = async (symbol: string, context: IOptimizerContext): Promise<IOptimizerStrategy[]> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_GET_DATA, { symbol, context });
    const optimizerName = readOptimizerName(context, OPTIMIZER_METHOD_NAME_GET_DATA);
    return await backtest.optimizerGlobalService.getData(symbol, optimizerName);
  };

  /** Returns the complete generated `.mjs` file as text. */
  public getCode = async (symbol: string, context: IOptimizerContext): Promise<string> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_GET_CODE, { symbol, context });
    const optimizerName = readOptimizerName(context, OPTIMIZER_METHOD_NAME_GET_CODE);
    return await backtest.optimizerGlobalService.getCode(symbol, optimizerName);
  };

  /**
   * Writes the generated file as `{optimizerName}_{symbol}.mjs` into `path` (default
   * the working directory), atomically, and resolves to the file's path.
   */
  public dump = async (symbol: string, context: IOptimizerContext, path?: string): Promise<string> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_DUMP, { symbol, context, path });
    const optimizerName = readOptimizerName(context, OPTIMIZER_METHOD_NAME_DUMP);
    return await backtest.optimizerGlobalService.dump(symbol, optimizerName, path);
  };
}

/** The Optimizer facade. */
export const Optimizer = new OptimizerUtils();
