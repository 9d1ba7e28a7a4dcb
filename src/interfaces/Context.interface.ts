import { ExchangeName } from "./Exchange.interface";
import { FrameName } from "./Frame.interface";
import { StrategyName } from "./Strategy.interface";

/** Where a run is in time: the symbol, the tick (UTC ms) and the mode. */
export interface IExecutionContext {
  symbol: string;
  when: number;
  backtest: boolean;
}

/** Which schemas a run uses. */
export interface IMethodContext {
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  frameName: FrameName;
}
