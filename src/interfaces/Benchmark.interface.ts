import { ICandleData } from "./Exchange.interface";
import { IStrategyTickResultClosed, StrategyCloseReason } from "./Strategy.interface";

/**
 * Buying at the open of the first 1m candle of a range and selling at the close of its
 * last one, with the engine's fees and slippage (one long trade).
 */
export interface IBuyAndHold {
  /** Open time of the first candle (UTC ms). */
  openTimestamp: number;
  /** Close time of the last candle (UTC ms). */
  closeTimestamp: number;
  priceOpen: number;
  priceClose: number;
  /** Net profit in percent, as a trade's pnlPercentage. */
  pnlPercentage: number;
}

/**
 * A strategy's total PnL against random entries: `simulations` runs that each trade the
 * strategy's own trades (side, take-profit and stop-loss distances, lifetime) once, in a
 * random order, entering at random ticks of the same frame with no overlap, resolved by
 * the engine's rules on the same candles.
 */
export interface ILuckTest {
  seed: number;
  simulations: number;
  /** Trades per simulation (the strategy's closed trades). */
  trades: number;
  /** The strategy's total PnL in percent. */
  strategyTotalPnl: number;
  /** Median total PnL of the simulations, in percent. */
  medianTotalPnl: number;
  /** Share of simulations whose total PnL is below the strategy's, in percent (0 to 100). */
  percentile: number;
  /**
   * (1 + simulations with a total PnL >= the strategy's) / (1 + simulations): the chance
   * that random entries do at least as well. Never 0; at best 1 / (1 + simulations).
   */
  pValue: number;
  /** pValue <= 0.05: the strategy beat random entries clearly enough to tell it from luck. */
  beatsLuck: boolean;
  /** Simulations that ran out of frame before placing every trade (they count what they placed). */
  incompleteSimulations: number;
}

/**
 * The benchmarks of a finished run as the engine keeps them beside its trades:
 * buy-and-hold, and the luck test as a function that computes it on its first call and
 * returns that same result after (statistics show it as their `luck`).
 */
export interface IRunBenchmarks {
  buyAndHold: IBuyAndHold | null;
  luck: () => ILuckTest | null;
  /** Computes the luck test if it was not yet, and resolves once its warning (if any) is delivered. */
  settleLuck: () => Promise<void>;
}

/** One simulated trade of a luck test. */
export interface ILuckTrade {
  /** Index of its simulation, from 0. */
  simulation: number;
  position: "long" | "short";
  /** Entry tick (UTC ms); the position opens there at the average price. */
  pendingAt: number;
  priceOpen: number;
  priceTakeProfit: number;
  priceStopLoss: number;
  minuteEstimatedTime: number;
  closeReason: StrategyCloseReason;
  closeTimestamp: number;
  priceClose: number;
  /** The candles ended before its lifetime did (it closed at the last one; it still counts). */
  dataEnded: boolean;
  pnlPercentage: number;
}

/** What `runLuckTest` needs: the trades, the candles they trade on and the frame's ticks. */
export interface ILuckTestOptions {
  /** The strategy's closed trades. */
  trades: IStrategyTickResultClosed[];
  /**
   * 1m candles, oldest first, from at least `avgPriceCandlesCount` minutes before the
   * first tick to the end of the longest lifetime after the last one.
   */
  candles: ICandleData[];
  /** First tick of the frame (UTC ms). */
  startTimestamp: number;
  /** Ms between ticks (default one minute). */
  tickMs?: number;
  /** Ticks in the frame. */
  tickCount: number;
  /** Default: the CC_LUCK_SEED setting. */
  seed?: number;
  /** Default: the CC_LUCK_SIMULATIONS setting. */
  simulations?: number;
  /** Defaults: the CC_PERCENT_FEE, CC_PERCENT_SLIPPAGE and CC_AVG_PRICE_CANDLES_COUNT settings. */
  feePercent?: number;
  slippagePercent?: number;
  avgPriceCandlesCount?: number;
  /** Receives every simulated trade (for inspection; slows the test down). */
  onTrade?: (trade: ILuckTrade) => void;
}
