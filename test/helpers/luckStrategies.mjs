import { loadSeries, MINUTE } from "./series.mjs";
import { seededUniform } from "./random.mjs";

/**
 * Strategies of known skill for the luck test, on the real series: one that peeks at
 * the future (always right) and one that flips a seeded coin (no skill).
 */

const series = loadSeries();
const first = series[0].timestamp;
const indexOf = (time) => Math.round((time - first) / MINUTE);

/** The engine's entry price at `when`: VWAP of the last 5 closed 1m candles (typical price). */
export const averagePriceAt = (when) => {
  const end = indexOf(when);
  let weighted = 0;
  let volume = 0;
  for (let i = end - 5; i < end; i++) {
    const c = series[i];
    weighted += ((c.high + c.low + c.close) / 3) * c.volume;
    volume += c.volume;
  }
  return weighted / volume;
};

/** Which of TP/SL a position entered at `when` would hit first within `minutes` (SL wins a shared candle). */
const firstHit = (when, position, priceTakeProfit, priceStopLoss, minutes) => {
  const start = indexOf(when);
  for (let i = start; i < Math.min(start + minutes, series.length); i++) {
    const c = series[i];
    const stop = position === "long" ? c.low <= priceStopLoss : c.high >= priceStopLoss;
    if (stop) return "stop_loss";
    const take = position === "long" ? c.high >= priceTakeProfit : c.low <= priceTakeProfit;
    if (take) return "take_profit";
  }
  return "time_expired";
};

const levels = (position, price, takeProfit, stopLoss) => {
  const sign = position === "long" ? 1 : -1;
  return { priceTakeProfit: price * (1 + sign * takeProfit), priceStopLoss: price * (1 - sign * stopLoss) };
};

/** Looks ahead: enters only the side that reaches its take-profit (0.5%) before its stop-loss (1%). */
export const createOracleStrategy = (strategyName, interval = "15m") => ({
  strategyName,
  interval,
  getSignal: async (symbol, when) => {
    const price = averagePriceAt(when.getTime());
    for (const position of ["long", "short"]) {
      const { priceTakeProfit, priceStopLoss } = levels(position, price, 0.005, 0.01);
      if (firstHit(when.getTime(), position, priceTakeProfit, priceStopLoss, 240) === "take_profit") {
        return { position, priceTakeProfit, priceStopLoss, minuteEstimatedTime: 240 };
      }
    }
    return null;
  },
});

/** Flips a seeded coin at each due tick: a signal one time in five, long or short at random. */
export const createCoinFlipStrategy = (strategyName, seed = 7) => {
  const random = seededUniform(seed);
  return {
    strategyName,
    interval: "15m",
    getSignal: async (symbol, when) => {
      if (random() > 0.2) return null;
      const position = random() < 0.5 ? "long" : "short";
      return { position, ...levels(position, averagePriceAt(when.getTime()), 0.005, 0.005), minuteEstimatedTime: 120 };
    },
  };
};
