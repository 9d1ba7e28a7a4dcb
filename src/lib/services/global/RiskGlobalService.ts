import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import RiskConnectionService from "../connection/RiskConnectionService";
import RiskValidationService from "../validation/RiskValidationService";
import { IRiskCheckArgs, RiskName } from "../../../interfaces/Risk.interface";
import { StrategyName } from "../../../interfaces/Strategy.interface";

/**
 * The 1.4 entry to a risk profile's shared portfolio (`lib.riskGlobalService`): checks
 * the name is registered, then asks its ClientRisk. Runs ask their ClientRisk directly.
 */
export class RiskGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly riskConnectionService = inject<RiskConnectionService>(TYPES.riskConnectionService);
  private readonly riskValidationService = inject<RiskValidationService>(TYPES.riskValidationService);

  /** Runs the profile's validations on `params`; false when one refused (a listenValidation event). */
  public checkSignal = async (params: IRiskCheckArgs, context: { riskName: RiskName }) => {
    this.loggerService.log("riskGlobalService checkSignal", { symbol: params.symbol, context });
    this.riskValidationService.validate(context.riskName, "riskGlobalService checkSignal");
    return await this.riskConnectionService.getRisk(context.riskName).checkSignal(params);
  };

  /** Records an open position of `context.strategyName` on `symbol` in the profile's portfolio. */
  public addSignal = async (symbol: string, context: { strategyName: StrategyName; riskName: RiskName }) => {
    this.loggerService.log("riskGlobalService addSignal", { symbol, context });
    this.riskValidationService.validate(context.riskName, "riskGlobalService addSignal");
    await this.riskConnectionService.getRisk(context.riskName).addSignal(symbol, context);
  };

  /** Forgets the open position of `context.strategyName` on `symbol`. */
  public removeSignal = async (symbol: string, context: { strategyName: StrategyName; riskName: RiskName }) => {
    this.loggerService.log("riskGlobalService removeSignal", { symbol, context });
    this.riskValidationService.validate(context.riskName, "riskGlobalService removeSignal");
    await this.riskConnectionService.getRisk(context.riskName).removeSignal(symbol, context);
  };

  /** Empties the portfolio of `riskName`, or of every profile. */
  public clear = async (riskName?: RiskName) => {
    this.loggerService.log("riskGlobalService clear", { riskName });
    if (riskName !== undefined) {
      this.riskValidationService.validate(riskName, "riskGlobalService clear");
    }
    this.riskConnectionService.clear(riskName);
  };
}

export default RiskGlobalService;
