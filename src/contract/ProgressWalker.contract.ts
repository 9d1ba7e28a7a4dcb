/** Progress of a walker through its strategies. */
export interface ProgressWalkerContract {
  walkerName: string;
  exchangeName: string;
  frameName: string;
  symbol: string;
  totalStrategies: number;
  processedStrategies: number;
  /** processedStrategies / totalStrategies, from 0 to 1. */
  progress: number;
}

export default ProgressWalkerContract;
