import { describeValue } from "../describeValue";
import { isPlainObject } from "../schemaChecks";

/** The limits a signal is checked against, in percent and minutes. */
export interface ISignalLimits {
  minTakeProfitDistancePercent: number;
  maxStopLossDistancePercent: number;
  maxSignalLifetimeMinutes: number;
}

const isPositivePrice = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value > 0;

/** The problem of one price field, or null: priceOpen may be absent (undefined or null). */
const priceProblem = (field: string, value: unknown, optional: boolean) => {
  if (optional && (value === undefined || value === null)) {
    return null;
  }
  return isPositivePrice(value) ? null : `${field} must be positive and a finite number, got ${describeValue(value)}`;
};

/** The problem of the lifetime, or null. */
const lifetimeProblem = (minuteEstimatedTime: unknown, limits: ISignalLimits) =>
  typeof minuteEstimatedTime === "number" &&
  Number.isInteger(minuteEstimatedTime) &&
  minuteEstimatedTime > 0 &&
  minuteEstimatedTime <= limits.maxSignalLifetimeMinutes
    ? null
    : `minuteEstimatedTime must be positive and a whole number of minutes, at most ${limits.maxSignalLifetimeMinutes}, got ${describeValue(minuteEstimatedTime)}`;

/** The problem of the take-profit against the entry (side, then distance), or null. */
const takeProfitProblem = (position: "long" | "short", entry: number, priceTakeProfit: number, limits: ISignalLimits) => {
  if ((priceTakeProfit - entry) * (position === "long" ? 1 : -1) <= 0) {
    const rule = position === "long" ? "> priceOpen" : "< priceOpen";
    return `priceTakeProfit ${priceTakeProfit} must be ${position === "long" ? "above" : "below"} the entry price ${entry} of a ${position} (priceTakeProfit must be ${rule})`;
  }
  const distance = (Math.abs(priceTakeProfit - entry) / entry) * 100;
  return distance < limits.minTakeProfitDistancePercent
    ? `priceTakeProfit ${priceTakeProfit} is ${distance.toFixed(4)}% from the entry price ${entry}, less than the minimum ${limits.minTakeProfitDistancePercent}%`
    : null;
};

/** The problem of the stop-loss against the entry (side, then distance), or null. */
const stopLossProblem = (position: "long" | "short", entry: number, priceStopLoss: number, limits: ISignalLimits) => {
  if ((entry - priceStopLoss) * (position === "long" ? 1 : -1) <= 0) {
    const rule = position === "long" ? "< priceOpen" : "> priceOpen";
    return `priceStopLoss ${priceStopLoss} must be ${position === "long" ? "below" : "above"} the entry price ${entry} of a ${position} (priceStopLoss must be ${rule})`;
  }
  const distance = (Math.abs(entry - priceStopLoss) / entry) * 100;
  return distance > limits.maxStopLossDistancePercent
    ? `priceStopLoss ${priceStopLoss} is ${distance.toFixed(4)}% from the entry price ${entry}, more than the maximum ${limits.maxStopLossDistancePercent}%`
    : null;
};

/**
 * Every problem of a signal object, field by field. A rule that compares fields (the
 * side and distance of take-profit and stop-loss from the entry) is checked only when
 * the fields it compares are valid themselves.
 */
const listSignalProblems = (signal: Record<string, unknown>, marketPrice: number, limits: ISignalLimits) => {
  const { position, priceOpen, priceTakeProfit, priceStopLoss, minuteEstimatedTime } = signal;
  const validPosition = position === "long" || position === "short";
  const problems = [
    validPosition ? null : `position must be "long" or "short", got ${describeValue(position)}`,
    priceProblem("priceOpen", priceOpen, true),
    priceProblem("priceTakeProfit", priceTakeProfit, false),
    priceProblem("priceStopLoss", priceStopLoss, false),
    lifetimeProblem(minuteEstimatedTime, limits),
  ];
  const entry = isPositivePrice(priceOpen) ? priceOpen : marketPrice;
  if (validPosition && problems[1] === null) {
    problems.push(isPositivePrice(priceTakeProfit) ? takeProfitProblem(position, entry, priceTakeProfit, limits) : null);
    problems.push(isPositivePrice(priceStopLoss) ? stopLossProblem(position, entry, priceStopLoss, limits) : null);
  }
  return problems.filter((problem): problem is string => problem !== null);
};

/**
 * Every problem with a signal as getSignal returned it, joined by "; " (each names the
 * field, its value and the rule, with 1.4's words for it: "must be positive",
 * "priceTakeProfit must be > priceOpen", ..., which 1.4 code may look for), or null when
 * it is usable. `marketPrice` is the entry price when the signal has no priceOpen
 * (undefined or null, as JSON from a model may say). Checked: position exactly "long" or
 * "short"; finite positive prices (numbers, not strings); lifetime in (0, max];
 * take-profit and stop-loss on the profitable and
 * losing side of the entry; take-profit at least the minimum distance away, stop-loss
 * at most the maximum.
 */
export const findSignalProblem = (signal: unknown, marketPrice: number, limits: ISignalLimits): string | null => {
  if (!isPlainObject(signal)) {
    return `the signal must be an object or null, got ${describeValue(signal)}`;
  }
  const problems = listSignalProblems(signal, marketPrice, limits);
  return problems.length === 0 ? null : problems.join("; ");
};
