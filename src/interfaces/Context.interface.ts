import { ExchangeName } from "./Exchange.interface";
import { FrameName } from "./Frame.interface";
import { StrategyName } from "./Strategy.interface";

/** Which schemas a run uses. */
export interface IMethodContext {
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  frameName: FrameName;
  /** The walker that runs the backtest, if one does. */
  walkerName?: string;
}
