/**
 * The spec's own numbers, written once for the test oracles (independently of src/):
 * interval lengths and the PnL formula of rule 9.
 */

/** One minute in ms. */
export const MINUTE = 60_000;

/** Candle interval name -> minutes. */
export const INTERVAL_MINUTES = Object.freeze({
  "1m": 1, "3m": 3, "5m": 5, "15m": 15, "30m": 30,
  "1h": 60, "2h": 120, "4h": 240, "6h": 360, "8h": 480,
});

/** Candle interval name -> milliseconds. */
export const INTERVAL_MS = Object.freeze(
  Object.fromEntries(Object.entries(INTERVAL_MINUTES).map(([name, minutes]) => [name, minutes * MINUTE]))
);

/** Rule 9: PnL % with slippage against the trader on both legs and a fee per leg (percent). */
export const pnlPercent = (position, priceOpen, priceClose, { fee = 0.1, slippage = 0.1 } = {}) => {
  const s = slippage / 100;
  if (position === "long") {
    const o = priceOpen * (1 + s);
    const c = priceClose * (1 - s);
    return ((c - o) / o) * 100 - 2 * fee;
  }
  const o = priceOpen * (1 - s);
  const c = priceClose * (1 + s);
  return ((o - c) / o) * 100 - 2 * fee;
};
