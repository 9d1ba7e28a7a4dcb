import { memoize } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { IOptimizerSchema, OptimizerName } from "../../../interfaces/Optimizer.interface";

/** Knows which optimizers exist: rejects duplicates and unknown names. */
export class OptimizerValidationService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  private _optimizerMap = new Map<OptimizerName, IOptimizerSchema>();

  /** Records a new optimizer; a name already taken is an error. */
  public addOptimizer = (optimizerName: OptimizerName, optimizerSchema: IOptimizerSchema): void => {
    this.loggerService.log("optimizerValidationService addOptimizer", { optimizerName });
    if (this._optimizerMap.has(optimizerName)) {
      throw new Error(`optimizer ${optimizerName} already exist`);
    }
    this._optimizerMap.set(optimizerName, optimizerSchema);
  };

  /**
   * Throws when no optimizer is registered under the name; `source` names the caller.
   * A success is remembered per name, so repeated calls cost a map lookup.
   */
  public validate = memoize(
    ([optimizerName]) => optimizerName,
    (optimizerName: OptimizerName, source: string): true => {
      this.loggerService.log("optimizerValidationService validate", { optimizerName, source });
      if (!this._optimizerMap.has(optimizerName)) {
        throw new Error(`optimizer ${optimizerName} not found source=${source}`);
      }
      return true;
    }
  ) as (optimizerName: OptimizerName, source: string) => true;

  /** Every registered schema, in registration order. */
  public list = async (): Promise<IOptimizerSchema[]> => {
    this.loggerService.log("optimizerValidationService list");
    return Array.from(this._optimizerMap.values());
  };
}

export default OptimizerValidationService;
