import backtest from "../lib/index";
import { IOptimizerRunOptions, IOptimizerStrategy, OptimizerName } from "../interfaces/Optimizer.interface";
import { describeValue } from "../utils/describeValue";
import { ILeakCheckOptions, ILeakCheckReport } from "../interfaces/LeakCheck.interface";

/** Which optimizer a facade call is about, and whether to ask getPrompt again. */
export interface IOptimizerContext extends IOptimizerRunOptions {
  /** Name given to addOptimizer. */
  optimizerName: OptimizerName;
}

const OPTIMIZER_METHOD_NAME_GET_DATA = "Optimizer.getData";
const OPTIMIZER_METHOD_NAME_GET_CODE = "Optimizer.getCode";
const OPTIMIZER_METHOD_NAME_DUMP = "Optimizer.dump";
const OPTIMIZER_METHOD_NAME_LEAK_CHECK = "Optimizer.leakCheck";

/** The optimizer name and run options of a context, or an error naming the method and the value. */
const readContext = (context: IOptimizerContext, method: string): [OptimizerName, IOptimizerRunOptions] => {
  if (typeof context !== "object" || context === null) {
    throw new Error(`${method}: context must be an object { optimizerName }, got ${describeValue(context)}`);
  }
  const { optimizerName, regenerate } = context;
  if (regenerate !== undefined && typeof regenerate !== "boolean") {
    throw new Error(`${method}: context.regenerate must be a boolean, got ${describeValue(regenerate)}`);
  }
  return [optimizerName, { regenerate }];
};

/** Static facade of the Optimizer: collect data, generate code, write the file. */
export class OptimizerUtils {
  /**
   * Collects every source over every training range and returns one strategy per range.
   * getPrompt is asked once per range and conversation in this process: calling
   * getData, getCode and dump over unchanged data asks it once; `regenerate: true` in
   * the context asks again.
   */
  public getData = async (symbol: string, context: IOptimizerContext): Promise<IOptimizerStrategy[]> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_GET_DATA, { symbol, context });
    const [optimizerName, options] = readContext(context, OPTIMIZER_METHOD_NAME_GET_DATA);
    return await backtest.optimizerGlobalService.getData(symbol, optimizerName, options);
  };

  /** Returns the complete generated `.mjs` file as text. */
  public getCode = async (symbol: string, context: IOptimizerContext): Promise<string> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_GET_CODE, { symbol, context });
    const [optimizerName, options] = readContext(context, OPTIMIZER_METHOD_NAME_GET_CODE);
    return await backtest.optimizerGlobalService.getCode(symbol, optimizerName, options);
  };

  /**
   * Writes the generated file as `{optimizerName}_{symbol}.mjs` into `path` (default
   * the working directory), atomically, and resolves to the file's path.
   */
  public dump = async (symbol: string, context: IOptimizerContext, path?: string): Promise<string> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_DUMP, { symbol, context, path });
    const [optimizerName, options] = readContext(context, OPTIMIZER_METHOD_NAME_DUMP);
    return await backtest.optimizerGlobalService.dump(symbol, optimizerName, path, options);
  };

  /**
   * The memorization check: writes the generated file into `options.out` (default
   * ./generated), runs its walker twice as child processes, blind and plain, and
   * compares them strategy by strategy (trades, total PnL, win rate, plain minus blind).
   * A plain run that does much better (its total PnL ahead by at least max(1, half the
   * blind total PnL's size) percentage points) is a sign the model recognises the period;
   * `verdict` says so in words and `report` is the comparison as markdown.
   */
  public leakCheck = async (symbol: string, context: IOptimizerContext, options?: ILeakCheckOptions): Promise<ILeakCheckReport> => {
    backtest.loggerService.info(OPTIMIZER_METHOD_NAME_LEAK_CHECK, { symbol, context, options });
    const [optimizerName, runOptions] = readContext(context, OPTIMIZER_METHOD_NAME_LEAK_CHECK);
    return await backtest.optimizerGlobalService.leakCheck(symbol, optimizerName, options, runOptions);
  };
}

/** The Optimizer facade. */
export const Optimizer = new OptimizerUtils();
