import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import SizingConnectionService from "../connection/SizingConnectionService";
import SizingValidationService from "../validation/SizingValidationService";
import { ISizingCalculateParams, SizingName } from "../../../interfaces/Sizing.interface";

/** Computes position sizes with a registered sizing schema (what `PositionSize` calls). */
export class SizingGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly sizingConnectionService = inject<SizingConnectionService>(TYPES.sizingConnectionService);
  private readonly sizingValidationService = inject<SizingValidationService>(TYPES.sizingValidationService);

  /** The quantity for `params` by the schema `context.sizingName`; `source` names the caller in errors. */
  public calculate = async (params: ISizingCalculateParams, context: { sizingName: SizingName }, source = "sizingGlobalService calculate") => {
    this.loggerService.log("sizingGlobalService calculate", { symbol: params.symbol, context });
    this.sizingValidationService.validate(context.sizingName, source);
    return await this.sizingConnectionService.getSizing(context.sizingName).calculate(params);
  };
}

export default SizingGlobalService;
