import { ICandleData } from "../interfaces/Exchange.interface";
import { StrategyCloseReason } from "../interfaces/Strategy.interface";
import { MINUTE_MS } from "./intervals";

/** What an open position needs to be resolved on candles. */
export interface IOpenPosition {
  position: "long" | "short";
  priceOpen: number;
  priceTakeProfit: number;
  priceStopLoss: number;
  /** When the position opened (UTC ms). */
  pendingAt: number;
}

/** How an open position closed: why, when (UTC ms) and at what price. */
export interface IOpenSignalOutcome {
  closeReason: StrategyCloseReason;
  closeTimestamp: number;
  priceClose: number;
}

/**
 * The engine's rule for an open position, on the 1m candles it watches
 * (candles[from, to), the ones opening from pendingAt through its lifetime): the first
 * candle that reaches the stop-loss closes it there (stop-loss wins when one candle
 * touches both), else the first that reaches the take-profit; nothing hit closes
 * "time_expired" at the last watched candle's close; no candle at all closes at the
 * entry. Close time is the deciding candle's close time.
 */
export const resolveOpenSignal = (
  signal: IOpenPosition,
  candles: ArrayLike<ICandleData>,
  from = 0,
  to = candles.length
): IOpenSignalOutcome => {
  const long = signal.position === "long";
  const { priceStopLoss, priceTakeProfit } = signal;
  for (let index = from; index < to; index++) {
    const candle = candles[index];
    if (long ? candle.low <= priceStopLoss : candle.high >= priceStopLoss) {
      return { closeReason: "stop_loss", closeTimestamp: candle.timestamp + MINUTE_MS, priceClose: priceStopLoss };
    }
    if (long ? candle.high >= priceTakeProfit : candle.low <= priceTakeProfit) {
      return { closeReason: "take_profit", closeTimestamp: candle.timestamp + MINUTE_MS, priceClose: priceTakeProfit };
    }
  }
  if (to <= from) {
    return { closeReason: "time_expired", closeTimestamp: signal.pendingAt, priceClose: signal.priceOpen };
  }
  const last = candles[to - 1];
  return { closeReason: "time_expired", closeTimestamp: last.timestamp + MINUTE_MS, priceClose: last.close };
};
