import BaseValidationService from "./BaseValidationService";
import { ISizingSchema } from "../../../interfaces/Sizing.interface";

/** Knows which sizing schemas exist: rejects duplicates and unknown names. */
export class SizingValidationService extends BaseValidationService<ISizingSchema> {
  constructor() {
    super("sizing");
  }
}

export default SizingValidationService;
