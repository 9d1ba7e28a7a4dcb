import BaseValidationService from "./BaseValidationService";
import { IOptimizerSchema } from "../../../interfaces/Optimizer.interface";

/** Knows which optimizers exist: rejects duplicates and unknown names. */
export class OptimizerValidationService extends BaseValidationService<IOptimizerSchema> {
  constructor() {
    super("optimizer");
  }
}

export default OptimizerValidationService;
