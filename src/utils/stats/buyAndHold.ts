import { ICandleData } from "../../interfaces/Exchange.interface";
import { IBuyAndHold } from "../../interfaces/Benchmark.interface";
import { computePnl } from "../engine/computePnl";
import { lowerBound } from "../lowerBound";
import { MINUTE_MS } from "../candles/intervals";

/**
 * Buy-and-hold over the 1m candles opening in [from, to): a long bought at the first
 * candle's open and sold at the last one's close, with the engine's fees and slippage
 * (computePnl). Null when no candle opens in the range.
 */
export const computeBuyAndHold = (
  candles: ArrayLike<ICandleData>,
  from: number,
  to: number,
  feePercent: number,
  slippagePercent: number
): IBuyAndHold | null => {
  const first = lowerBound(candles, from);
  const end = lowerBound(candles, to);
  if (end <= first) {
    return null;
  }
  const priceOpen = candles[first].open;
  const priceClose = candles[end - 1].close;
  return {
    openTimestamp: candles[first].timestamp,
    closeTimestamp: candles[end - 1].timestamp + MINUTE_MS,
    priceOpen,
    priceClose,
    pnlPercentage: computePnl("long", priceOpen, priceClose, feePercent, slippagePercent).pnlPercentage,
  };
};
