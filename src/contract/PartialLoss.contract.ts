import { ISignalRow } from "../interfaces/Strategy.interface";
import { PartialLevel } from "../interfaces/Partial.interface";

/** An open signal reached a loss milestone: `level` percent of the way from its entry to stop-loss. */
export interface PartialLossContract {
  symbol: string;
  /** The open signal. */
  data: ISignalRow;
  /** The price when it reached the level (the 1m candle's close in a backtest). */
  currentPrice: number;
  level: PartialLevel;
  backtest: boolean;
  /** When it reached the level (UTC ms). */
  timestamp: number;
}

export default PartialLossContract;
