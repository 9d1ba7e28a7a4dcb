import { ICandleData } from "../../interfaces/Exchange.interface";
import { StrategyCloseReason } from "../../interfaces/Strategy.interface";
import { MINUTE_MS } from "../candles/intervals";

/** What an open position needs to be resolved on candles. */
export interface IOpenPosition {
  position: "long" | "short";
  priceOpen: number;
  priceTakeProfit: number;
  priceStopLoss: number;
  /** When the position opened (UTC ms). */
  pendingAt: number;
  /** Its lifetime in minutes. */
  minuteEstimatedTime: number;
}

/** How an open position closed: why, when (UTC ms), at what price, and whether the data ran out first. */
export interface IOpenSignalOutcome {
  closeReason: StrategyCloseReason;
  closeTimestamp: number;
  priceClose: number;
  /** The candles ended before the lifetime did: closed at the last candle there was (at the entry without one). */
  dataEnded: boolean;
}

/** When an open position's lifetime ends: its first whole minute plus minuteEstimatedTime (UTC ms). */
export const lifetimeEnd = (signal: IOpenPosition) =>
  Math.ceil(signal.pendingAt / MINUTE_MS) * MINUTE_MS + signal.minuteEstimatedTime * MINUTE_MS;

/**
 * The engine's rule for an open position, on the 1m candles it watches
 * (candles[from, to), the ones opening from pendingAt through its lifetime): the first
 * candle that reaches the stop-loss closes it there (stop-loss wins when one candle
 * touches both), else the first that reaches the take-profit, at that candle's close
 * time. Nothing hit: "time_expired" at the lifetime's end at the last candle's close;
 * when the candles end before the lifetime, at the last candle's close time
 * (at the entry without a candle), marked dataEnded.
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
      return { closeReason: "stop_loss", closeTimestamp: candle.timestamp + MINUTE_MS, priceClose: priceStopLoss, dataEnded: false };
    }
    if (long ? candle.high >= priceTakeProfit : candle.low <= priceTakeProfit) {
      return { closeReason: "take_profit", closeTimestamp: candle.timestamp + MINUTE_MS, priceClose: priceTakeProfit, dataEnded: false };
    }
  }
  if (to <= from) {
    return { closeReason: "time_expired", closeTimestamp: signal.pendingAt, priceClose: signal.priceOpen, dataEnded: true };
  }
  const last = candles[to - 1];
  const until = lifetimeEnd(signal);
  return last.timestamp + MINUTE_MS < until
    ? { closeReason: "time_expired", closeTimestamp: last.timestamp + MINUTE_MS, priceClose: last.close, dataEnded: true }
    : { closeReason: "time_expired", closeTimestamp: until, priceClose: last.close, dataEnded: false };
};
