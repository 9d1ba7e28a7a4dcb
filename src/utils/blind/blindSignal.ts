import { LlmSignalCheck } from "../../interfaces/Llm.interface";
import { findSignalProblem, ISignalLimits } from "../engine/checkSignal";
import { BLIND_BASE, rebasePrice, unrebaseSignal } from "./blindFrame";

/** How far (in percent of the last close) a blind entry may be from 100 before it counts as off the scale. */
const BLIND_ENTRY_RANGE_PERCENT = 50;

/** The real prices a blind answer is mapped back with: the anchor and the exchange's decimals. */
export interface IBlindAnchor {
  anchorPrice: number;
  decimals: number;
}

/**
 * The check of a blind answer: on the blind scale first (so a rejection quoted back to
 * the model names blind prices only), an entry within ±50 of 100, then once more after
 * mapping back to real prices at the exchange's precision.
 */
export const createBlindCheck = (anchor: IBlindAnchor, marketPrice: number, limits: ISignalLimits): LlmSignalCheck => {
  const blindMarket = rebasePrice(marketPrice, anchor.anchorPrice);
  return (answer) => {
    const problem = findSignalProblem(answer, blindMarket, limits);
    if (problem !== null) {
      return problem;
    }
    const { priceOpen } = answer as { priceOpen?: unknown };
    if (typeof priceOpen === "number" && Math.abs(priceOpen - BLIND_BASE) > BLIND_ENTRY_RANGE_PERCENT) {
      return `priceOpen ${priceOpen} is off the blind scale: prices are percent of the last close (100 = the last close)`;
    }
    const real = unrebaseSignal(answer, anchor.anchorPrice, anchor.decimals);
    return findSignalProblem(real, marketPrice, limits) === null
      ? null
      : "at the exchange's price precision the take-profit or stop-loss is too close to the entry or past the limits";
  };
};
