import BaseValidationService from "./BaseValidationService";
import { IFrameSchema } from "../../../interfaces/Frame.interface";

/** Knows which frames exist: rejects duplicates and unknown names. */
export class FrameValidationService extends BaseValidationService<IFrameSchema> {
  constructor() {
    super("frame");
  }
}

export default FrameValidationService;
