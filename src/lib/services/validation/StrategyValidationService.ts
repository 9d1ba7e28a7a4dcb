import BaseValidationService from "./BaseValidationService";
import { IStrategySchema } from "../../../interfaces/Strategy.interface";

/** Knows which strategys exist: rejects duplicates and unknown names. */
export class StrategyValidationService extends BaseValidationService<IStrategySchema> {
  constructor() {
    super("strategy");
  }
}

export default StrategyValidationService;
