import { IStrategyPnL } from "../../interfaces/Strategy.interface";

/**
 * Profit of a trade in percent: slippage moves both fills against the trader, and a fee
 * is paid on each leg. Both rates are percentages.
 */
export const computePnl = (
  position: "long" | "short",
  priceOpen: number,
  priceClose: number,
  feePercent: number,
  slippagePercent: number
): IStrategyPnL => {
  const slip = slippagePercent / 100;
  if (position === "long") {
    const open = priceOpen * (1 + slip);
    const close = priceClose * (1 - slip);
    return { pnlPercentage: ((close - open) / open) * 100 - 2 * feePercent, priceOpen, priceClose };
  }
  const open = priceOpen * (1 - slip);
  const close = priceClose * (1 + slip);
  return { pnlPercentage: ((open - close) / open) * 100 - 2 * feePercent, priceOpen, priceClose };
};
