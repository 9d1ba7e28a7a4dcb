/** Decimals of a rounded price: 2 from 1 up, enough for about 5 significant digits below. */
export const priceDecimals = (price: number) => (price >= 1 ? 2 : Math.min(12, 4 - Math.floor(Math.log10(price))));

/** How far from a whole step a scaled price may sit and still count as on it (floating-point noise). */
const STEP_NOISE = 1e-9;

/**
 * `price` rounded to `decimals` places: "nearest", "up" (never below `price`) or "down"
 * (never above), so a level rounded away from the entry stays on its side of it. A price
 * that is on a step but for floating-point noise (101.20000000000002) is that step.
 */
export const roundPrice = (price: number, decimals: number, direction: "nearest" | "up" | "down") => {
  const factor = 10 ** decimals;
  const scaled = price * factor;
  const nearest = Math.round(scaled);
  const onStep = Math.abs(scaled - nearest) <= STEP_NOISE * Math.max(1, Math.abs(scaled));
  const stepped = onStep || direction === "nearest" ? nearest : direction === "up" ? Math.ceil(scaled) : Math.floor(scaled);
  return Number((stepped / factor).toFixed(decimals));
};
