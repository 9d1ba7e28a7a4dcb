import { ISignalPrefetchCounts } from "../interfaces/Strategy.interface";

/** Sent when a backtest or a walker finishes. */
export interface DoneContract {
  exchangeName: string;
  /** The strategy of a backtest; the walker's name for a walker. */
  strategyName: string;
  frameName: string;
  backtest: boolean;
  symbol: string;
  /** Set for a walker. */
  walkerName?: string;
  /**
   * Set for the backtest of a strategy that declares `prefetch` while CC_SIGNAL_PREFETCH
   * is above 0: how its signals asked for ahead were used.
   */
  signalPrefetch?: ISignalPrefetchCounts;
}

export default DoneContract;
