import BaseValidationService from "./BaseValidationService";
import { IExchangeSchema } from "../../../interfaces/Exchange.interface";

/** Knows which exchanges exist: rejects duplicates and unknown names. */
export class ExchangeValidationService extends BaseValidationService<IExchangeSchema> {
  constructor() {
    super("exchange");
  }
}

export default ExchangeValidationService;
