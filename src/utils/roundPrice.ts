/** Decimals of a rounded price: 2 from 1 up, enough for about 5 significant digits below. */
export const priceDecimals = (price: number) => (price >= 1 ? 2 : Math.min(12, 4 - Math.floor(Math.log10(price))));

/**
 * `price` rounded to `decimals` places: "nearest", "up" (never below `price`) or "down"
 * (never above), so a level rounded away from the entry stays on its side of it.
 */
export const roundPrice = (price: number, decimals: number, direction: "nearest" | "up" | "down") => {
  const factor = 10 ** decimals;
  const scaled = direction === "up" ? Math.ceil(price * factor) : direction === "down" ? Math.floor(price * factor) : Math.round(price * factor);
  return Number((scaled / factor).toFixed(decimals));
};
