import backtest from "../lib/index";
import { SizingName } from "../interfaces/Sizing.interface";

/**
 * Position sizes by a registered sizing schema (backtest-kit 1.4): the quantity to trade
 * for an account balance and entry price. The schema's method must match the helper
 * ("method mismatch" otherwise); an unknown sizingName fails with "not found".
 *
 * @example
 * addSizing({ sizingName: "risk-2pct", method: "fixed-percentage", riskPercentage: 2 });
 * const quantity = await PositionSize.fixedPercentage("BTCUSDT", 10_000, 50_000, 49_000, { sizingName: "risk-2pct" });
 */
export class PositionSizeUtils {
  /** Quantity that loses the schema's riskPercentage of the balance if priceStopLoss is hit. */
  public static fixedPercentage = (
    symbol: string,
    accountBalance: number,
    priceOpen: number,
    priceStopLoss: number,
    context: { sizingName: SizingName }
  ): Promise<number> =>
    backtest.sizingGlobalService.calculate(
      { method: "fixed-percentage", symbol, accountBalance, priceOpen, priceStopLoss },
      context,
      "PositionSize.fixedPercentage"
    );

  /** Quantity worth the Kelly fraction of the balance, times the schema's kellyMultiplier. */
  public static kellyCriterion = (
    symbol: string,
    accountBalance: number,
    priceOpen: number,
    winRate: number,
    winLossRatio: number,
    context: { sizingName: SizingName }
  ): Promise<number> =>
    backtest.sizingGlobalService.calculate(
      { method: "kelly-criterion", symbol, accountBalance, priceOpen, winRate, winLossRatio },
      context,
      "PositionSize.kellyCriterion"
    );

  /** Quantity that loses the schema's riskPercentage of the balance over atrMultiplier ATRs. */
  public static atrBased = (
    symbol: string,
    accountBalance: number,
    priceOpen: number,
    atr: number,
    context: { sizingName: SizingName }
  ): Promise<number> =>
    backtest.sizingGlobalService.calculate(
      { method: "atr-based", symbol, accountBalance, priceOpen, atr },
      context,
      "PositionSize.atrBased"
    );
}

/** Position sizing helpers (backtest-kit 1.4's `PositionSize`). */
export const PositionSize = PositionSizeUtils;
