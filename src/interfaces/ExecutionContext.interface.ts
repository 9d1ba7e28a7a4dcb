/** Where a run is in time: the symbol, the tick (UTC ms) and the mode. */
export interface IExecutionContext {
  symbol: string;
  when: number;
  backtest: boolean;
}
