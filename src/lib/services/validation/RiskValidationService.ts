import BaseValidationService from "./BaseValidationService";
import { IRiskSchema } from "../../../interfaces/Risk.interface";

/** Knows which risk profiles exist: rejects duplicates and unknown names. */
export class RiskValidationService extends BaseValidationService<IRiskSchema> {
  constructor() {
    super("risk");
  }
}

export default RiskValidationService;
