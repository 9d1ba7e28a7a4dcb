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
}

export default DoneContract;
