import { IStrategyTickResultClosed } from "../../interfaces/Strategy.interface";
import { ICostStress, ICostStressScenario, ICostStressStrategy } from "../../interfaces/Overfitting.interface";
import { WalkerMetric } from "../../interfaces/Walker.interface";
import { computePnl } from "../engine/computePnl";
import { IStatisticsRange, computeStatistics } from "./computeStatistics";
import { pickBestBy } from "./rankStrategies";

/** The multiples of the fees and slippage the stress test re-prices at. */
export const COST_STRESS_MULTIPLIERS = [1, 2, 3];

/** One strategy of the stress test: its closed trades and cancelled signals. */
export interface ICostStressInput {
  strategyName: string;
  trades: IStrategyTickResultClosed[];
  cancelledCount: number;
}

/** What computeCostStress takes. */
export interface ICostStressOptions {
  strategies: ICostStressInput[];
  metric: WalkerMetric;
  pick: string | null;
  feePercent: number;
  slippagePercent: number;
  range?: IStatisticsRange;
}

/** A cost times a multiple, without binary noise (0.1 x 3 is 0.3, not 0.30000000000000004). */
const scaled = (percent: number, multiplier: number) => Number((percent * multiplier).toPrecision(12));

/** A trade with the same entry and exit, its PnL re-priced at other fees and slippage. */
const reprice = (trade: IStrategyTickResultClosed, feePercent: number, slippagePercent: number): IStrategyTickResultClosed => ({
  ...trade,
  pnl: computePnl(trade.signal.position, trade.pnl.priceOpen, trade.pnl.priceClose, feePercent, slippagePercent),
});

/**
 * Every strategy's trades re-priced at 1x, 2x and 3x the fees and slippage (the same
 * entries and exits: no new model calls), its statistics recomputed, and at each multiple
 * the best by the walker's metric (ties: more trades, then the given order): does the
 * pick stay best, and stay profitable?
 */
export const computeCostStress = (options: ICostStressOptions): ICostStress => {
  const priced = options.strategies.map((strategy) =>
    COST_STRESS_MULTIPLIERS.map((multiplier) => {
      const trades = strategy.trades.map((trade) =>
        reprice(trade, scaled(options.feePercent, multiplier), scaled(options.slippagePercent, multiplier))
      );
      return computeStatistics(trades, strategy.cancelledCount, undefined, options.range);
    })
  );
  const strategies: ICostStressStrategy[] = options.strategies.map((strategy, index) => ({
    strategyName: strategy.strategyName,
    totalPnl: priced[index].map((stats) => stats.totalPnl),
    metricValue: priced[index].map((stats) => stats[options.metric]),
  }));
  const scenarios = COST_STRESS_MULTIPLIERS.map((multiplier, column): ICostStressScenario => {
    const { best, tied } = pickBestBy(strategies, {
      metric: (strategy) => strategy.metricValue[column],
      trades: (strategy) => priced[strategies.indexOf(strategy)][column].totalSignals,
    });
    const pickRow = strategies.find((strategy) => strategy.strategyName === options.pick);
    const pickTotalPnl = pickRow?.totalPnl[column] ?? null;
    return {
      multiplier,
      feePercent: scaled(options.feePercent, multiplier),
      slippagePercent: scaled(options.slippagePercent, multiplier),
      bestStrategy: best?.strategyName ?? null,
      pickStaysBest: options.pick !== null && tied.some((strategy) => strategy.strategyName === options.pick),
      pickTotalPnl,
      pickProfitable: pickTotalPnl !== null && pickTotalPnl > 0,
    };
  });
  return { pick: options.pick, scenarios, strategies };
};
