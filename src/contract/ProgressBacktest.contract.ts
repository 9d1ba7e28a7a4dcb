/** Progress of one backtest through its frame's ticks. */
export interface ProgressBacktestContract {
  exchangeName: string;
  strategyName: string;
  frameName: string;
  symbol: string;
  totalFrames: number;
  processedFrames: number;
  /** processedFrames / totalFrames, from 0 to 1. */
  progress: number;
}

export default ProgressBacktestContract;
