import BaseValidationService from "./BaseValidationService";
import { IWalkerSchema } from "../../../interfaces/Walker.interface";

/** Knows which walkers exist: rejects duplicates and unknown names. */
export class WalkerValidationService extends BaseValidationService<IWalkerSchema> {
  constructor() {
    super("walker");
  }
}

export default WalkerValidationService;
