import { describeValue } from "./describeValue";
import { isPlainObject } from "./schemaChecks";

/** The limits a signal is checked against, in percent and minutes. */
export interface ISignalLimits {
  minTakeProfitDistancePercent: number;
  maxStopLossDistancePercent: number;
  maxSignalLifetimeMinutes: number;
}

const isPositivePrice = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value > 0;

/**
 * The problem with a signal as getSignal returned it, or null when it is usable.
 * `marketPrice` is the entry price when the signal has no priceOpen (undefined or null,
 * as JSON from a model may say). Checked: position
 * exactly "long" or "short"; finite positive prices (numbers, not strings); lifetime in
 * (0, max]; take-profit and stop-loss on the profitable and losing side of the entry;
 * take-profit at least the minimum distance away, stop-loss at most the maximum.
 */
export const findSignalProblem = (signal: unknown, marketPrice: number, limits: ISignalLimits): string | null => {
  if (!isPlainObject(signal)) {
    return `the signal must be an object or null, got ${describeValue(signal)}`;
  }
  const { position, priceOpen, priceTakeProfit, priceStopLoss, minuteEstimatedTime } = signal;
  if (position !== "long" && position !== "short") {
    return `position must be "long" or "short", got ${describeValue(position)}`;
  }
  if (priceOpen !== undefined && priceOpen !== null && !isPositivePrice(priceOpen)) {
    return `priceOpen must be a finite positive number, got ${describeValue(priceOpen)}`;
  }
  if (!isPositivePrice(priceTakeProfit)) {
    return `priceTakeProfit must be a finite positive number, got ${describeValue(priceTakeProfit)}`;
  }
  if (!isPositivePrice(priceStopLoss)) {
    return `priceStopLoss must be a finite positive number, got ${describeValue(priceStopLoss)}`;
  }
  if (
    typeof minuteEstimatedTime !== "number" ||
    !Number.isInteger(minuteEstimatedTime) ||
    minuteEstimatedTime <= 0 ||
    minuteEstimatedTime > limits.maxSignalLifetimeMinutes
  ) {
    return `minuteEstimatedTime must be a whole number of minutes in (0, ${limits.maxSignalLifetimeMinutes}], got ${describeValue(minuteEstimatedTime)}`;
  }
  const entry = isPositivePrice(priceOpen) ? priceOpen : marketPrice;
  const sign = position === "long" ? 1 : -1;
  if ((priceTakeProfit - entry) * sign <= 0) {
    return `priceTakeProfit ${priceTakeProfit} must be ${position === "long" ? "above" : "below"} the entry price ${entry} of a ${position}`;
  }
  if ((entry - priceStopLoss) * sign <= 0) {
    return `priceStopLoss ${priceStopLoss} must be ${position === "long" ? "below" : "above"} the entry price ${entry} of a ${position}`;
  }
  const takeProfitDistance = (Math.abs(priceTakeProfit - entry) / entry) * 100;
  if (takeProfitDistance < limits.minTakeProfitDistancePercent) {
    return `priceTakeProfit ${priceTakeProfit} is ${takeProfitDistance.toFixed(4)}% from the entry price ${entry}, less than the minimum ${limits.minTakeProfitDistancePercent}%`;
  }
  const stopLossDistance = (Math.abs(entry - priceStopLoss) / entry) * 100;
  if (stopLossDistance > limits.maxStopLossDistancePercent) {
    return `priceStopLoss ${priceStopLoss} is ${stopLossDistance.toFixed(4)}% from the entry price ${entry}, more than the maximum ${limits.maxStopLossDistancePercent}%`;
  }
  return null;
};
