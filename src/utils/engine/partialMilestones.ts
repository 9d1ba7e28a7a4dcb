import { ICandleData } from "../../interfaces/Exchange.interface";
import { ISignalRow } from "../../interfaces/Strategy.interface";
import { PartialLevel } from "../../interfaces/Partial.interface";
import { MINUTE_MS } from "../candles/intervals";

/** A new multiple of 10% of the way to take-profit ("profit") or stop-loss ("loss") crossed at a candle's close. */
export interface IPartialCrossing {
  action: "profit" | "loss";
  /** Percent of the way at the candle's close (at least 10). */
  percent: number;
  /** The candle's close price. */
  price: number;
  /** The candle's close time (UTC ms). */
  timestamp: number;
}

/**
 * The crossings of an open signal on the candles it stayed open through (each 1m candle
 * closing before `closeTimestamp`), at their close price: each time the way to
 * take-profit or to stop-loss passes a new multiple of 10% (up to 100%). The one rule for
 * partial milestones, used by the engine and by the Partial report.
 */
export const findPartialCrossings = (signal: ISignalRow, candles: ICandleData[], closeTimestamp: number): IPartialCrossing[] => {
  const sign = signal.position === "long" ? 1 : -1;
  const profitStep = Math.abs(signal.priceTakeProfit - signal.priceOpen) / 10;
  const lossStep = Math.abs(signal.priceOpen - signal.priceStopLoss) / 10;
  const crossings: IPartialCrossing[] = [];
  let profitTens = 0;
  let lossTens = 0;
  for (const candle of candles) {
    const timestamp = candle.timestamp + MINUTE_MS;
    if (timestamp >= closeTimestamp) {
      break;
    }
    const move = (candle.close - signal.priceOpen) * sign;
    if (profitTens < 10 && move >= profitStep * (profitTens + 1)) {
      const percent = (move / profitStep) * 10;
      profitTens = Math.min(10, Math.floor(percent / 10));
      crossings.push({ action: "profit", percent, price: candle.close, timestamp });
    } else if (lossTens < 10 && -move >= lossStep * (lossTens + 1)) {
      const percent = (-move / lossStep) * 10;
      lossTens = Math.min(10, Math.floor(percent / 10));
      crossings.push({ action: "loss", percent, price: candle.close, timestamp });
    }
  }
  return crossings;
};

/** The milestone levels a crossing of `percent` reaches beyond `reached` (the highest level told before). */
export const levelsBetween = (reached: number, percent: number): PartialLevel[] => {
  const levels: PartialLevel[] = [];
  for (let level = reached + 10; level <= Math.min(100, percent); level += 10) {
    levels.push(level as PartialLevel);
  }
  return levels;
};
