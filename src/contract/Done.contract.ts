import { ILlmConcurrencySnapshot } from "../interfaces/LlmLimiter.interface";
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
  /**
   * The process-wide LLM request pool at the end of the run: its mode (adaptive unless
   * CC_LLM_CONCURRENCY is set), the limit it settled on, the highest reached, how often
   * it fell and its last move with the reason. Absent while the pool sent no request
   * under the current settings.
   */
  llmConcurrency?: ILlmConcurrencySnapshot;
}

export default DoneContract;
