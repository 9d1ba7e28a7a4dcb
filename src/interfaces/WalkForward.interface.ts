import { StrategyName } from "./Strategy.interface";
import { IWalkerResults, WalkerName } from "./Walker.interface";
import { IOverfittingOdds } from "./Overfitting.interface";

/** One test window of a walk-forward: its walker's frame, dates and results. */
export interface IWalkForwardWindow {
  walkerName: WalkerName;
  frameName: string;
  startDate: Date;
  endDate: Date;
  results: IWalkerResults;
}

/** One strategy's out-of-sample record over all windows. */
export interface IWalkForwardTotal {
  strategyName: StrategyName;
  /** Total PnL in percent per window (0 in a window without trades; null where it failed). */
  windowPnl: (number | null)[];
  /** Sum of the windows' total PnL; null when it failed in any window (it cannot win). */
  totalPnl: number | null;
  /** Closed trades over all windows. */
  totalSignals: number;
}

/**
 * Several walkers over consecutive test windows read as one out-of-sample test: every
 * window's results, each strategy's total, and the best strategy on the total PnL
 * (equal totals: more trades, then the first window's strategy order; tieBroken says so).
 */
export interface IWalkForwardResults {
  symbol: string;
  windows: IWalkForwardWindow[];
  totals: IWalkForwardTotal[];
  /** Buy-and-hold per window, in percent (null without candles), and their sum. */
  buyAndHoldPnl: (number | null)[];
  buyAndHoldTotalPnl: number | null;
  bestStrategy: StrategyName | null;
  bestTotalPnl: number | null;
  tieBroken: boolean;
  tiedStrategies: StrategyName[];
  /**
   * The odds that the walk-forward pick is luck: its deflated Sharpe ratio over its trades
   * in all windows with trials = every strategy of every window, and the PBO of the
   * strategies that ran in every window, on one grid over all windows.
   */
  overfitting: IOverfittingOdds;
}
