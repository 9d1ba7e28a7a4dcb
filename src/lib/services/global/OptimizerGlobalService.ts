import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import OptimizerConnectionService from "../connection/OptimizerConnectionService";
import OptimizerValidationService from "../validation/OptimizerValidationService";
import { IOptimizerRunOptions, IOptimizerStrategy, OptimizerName } from "../../../interfaces/Optimizer.interface";
import { assertNonEmptyString, isPlainObject } from "../../../utils/schemaChecks";
import { ILeakCheckOptions, ILeakCheckReport } from "../../../interfaces/LeakCheck.interface";
import { describeValue } from "../../../utils/describeValue";

const METHOD_NAME_GET_DATA = "optimizerGlobalService getData";
const METHOD_NAME_GET_CODE = "optimizerGlobalService getCode";
const METHOD_NAME_DUMP = "optimizerGlobalService dump";
const METHOD_NAME_LEAK_CHECK = "optimizerGlobalService leakCheck";

/** Throws unless leak-check options are absent or well-formed, naming the field and the value. */
const assertLeakCheckOptions = (options: unknown, method: string): ILeakCheckOptions => {
  if (options === undefined) {
    return {};
  }
  if (!isPlainObject(options)) {
    throw new Error(`${method}: options must be an object { out, timeoutMs }, got ${describeValue(options)}`);
  }
  const { out, timeoutMs } = options;
  if (out !== undefined) {
    assertNonEmptyString(out, "options.out", method);
  }
  if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && (timeoutMs as number) > 0)) {
    throw new Error(`${method}: options.timeoutMs must be a positive whole number of ms, got ${describeValue(timeoutMs)}`);
  }
  return options as ILeakCheckOptions;
};

/**
 * Entry point of the Optimizer facade: checks the arguments and that the optimizer
 * exists, then delegates to the connection service.
 */
export class OptimizerGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly optimizerConnectionService = inject<OptimizerConnectionService>(TYPES.optimizerConnectionService);
  private readonly optimizerValidationService = inject<OptimizerValidationService>(TYPES.optimizerValidationService);

  /** Strategies of one optimizer for a symbol. */
  public getData = async (
    symbol: string,
    optimizerName: OptimizerName,
    options?: IOptimizerRunOptions
  ): Promise<IOptimizerStrategy[]> => {
    this.validate(symbol, optimizerName, METHOD_NAME_GET_DATA);
    return await this.optimizerConnectionService.getData(symbol, optimizerName, options);
  };

  /** Generated code of one optimizer for a symbol. */
  public getCode = async (symbol: string, optimizerName: OptimizerName, options?: IOptimizerRunOptions): Promise<string> => {
    this.validate(symbol, optimizerName, METHOD_NAME_GET_CODE);
    return await this.optimizerConnectionService.getCode(symbol, optimizerName, options);
  };

  /** Writes the generated file; resolves to its path. */
  public dump = async (
    symbol: string,
    optimizerName: OptimizerName,
    path?: string,
    options?: IOptimizerRunOptions
  ): Promise<string> => {
    this.validate(symbol, optimizerName, METHOD_NAME_DUMP);
    if (path !== undefined) {
      assertNonEmptyString(path, "path", METHOD_NAME_DUMP);
    }
    return await this.optimizerConnectionService.dump(symbol, optimizerName, path, options);
  };

  /** The memorization check of one optimizer for a symbol (see OptimizerConnectionService.leakCheck). */
  public leakCheck = async (
    symbol: string,
    optimizerName: OptimizerName,
    options?: ILeakCheckOptions,
    runOptions?: IOptimizerRunOptions
  ): Promise<ILeakCheckReport> => {
    this.validate(symbol, optimizerName, METHOD_NAME_LEAK_CHECK);
    const checked = assertLeakCheckOptions(options, METHOD_NAME_LEAK_CHECK);
    return await this.optimizerConnectionService.leakCheck(symbol, optimizerName, checked, runOptions);
  };

  private validate(symbol: unknown, optimizerName: unknown, method: string) {
    this.loggerService.log(method, { symbol, optimizerName });
    assertNonEmptyString(symbol, "symbol", method);
    assertNonEmptyString(optimizerName, "optimizerName", method);
    this.optimizerValidationService.validate(optimizerName as string, method);
  }
}

export default OptimizerGlobalService;
