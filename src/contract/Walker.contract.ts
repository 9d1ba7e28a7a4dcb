import { WalkerMetric, WalkerName } from "../interfaces/Walker.interface";
import { StrategyName } from "../interfaces/Strategy.interface";
import { BacktestStatistics } from "../interfaces/Statistics.interface";

/** Sent after each strategy of a walker: its statistics and the best so far. */
export interface WalkerContract {
  walkerName: WalkerName;
  exchangeName: string;
  frameName: string;
  symbol: string;
  strategyName: StrategyName;
  stats: BacktestStatistics;
  metricValue: number | null;
  metric: WalkerMetric;
  bestMetric: number | null;
  bestStrategy: StrategyName | null;
  strategiesTested: number;
  totalStrategies: number;
}

export default WalkerContract;
