import backtest from "../lib/index";
import { IOptimizerSchema } from "../interfaces/Optimizer.interface";
import { IExchangeSchema } from "../interfaces/Exchange.interface";
import { IFrameSchema } from "../interfaces/Frame.interface";
import { IStrategySchema } from "../interfaces/Strategy.interface";
import { IWalkerSchema } from "../interfaces/Walker.interface";
import { IRiskSchema } from "../interfaces/Risk.interface";
import { ISizingSchema } from "../interfaces/Sizing.interface";

/** Every registered optimizer schema, in registration order. */
export async function listOptimizers(): Promise<IOptimizerSchema[]> {
  backtest.loggerService.log("list.listOptimizers");
  return backtest.optimizerValidationService.list();
}

/** Every registered exchange schema, in registration order. */
export async function listExchanges(): Promise<IExchangeSchema[]> {
  backtest.loggerService.log("list.listExchanges");
  return backtest.exchangeValidationService.list();
}

/** Every registered frame schema, in registration order. */
export async function listFrames(): Promise<IFrameSchema[]> {
  backtest.loggerService.log("list.listFrames");
  return backtest.frameValidationService.list();
}

/** Every registered strategy schema, in registration order. */
export async function listStrategies(): Promise<IStrategySchema[]> {
  backtest.loggerService.log("list.listStrategies");
  return backtest.strategyValidationService.list();
}

/** Every registered walker schema, in registration order. */
export async function listWalkers(): Promise<IWalkerSchema[]> {
  backtest.loggerService.log("list.listWalkers");
  return backtest.walkerValidationService.list();
}

/** Every registered risk profile schema, in registration order. */
export async function listRisks(): Promise<IRiskSchema[]> {
  backtest.loggerService.log("list.listRisks");
  return backtest.riskValidationService.list();
}

/** Every registered sizing schema, in registration order. */
export async function listSizings(): Promise<ISizingSchema[]> {
  backtest.loggerService.log("list.listSizings");
  return backtest.sizingValidationService.list();
}
