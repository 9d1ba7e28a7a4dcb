import { loadSeries } from "./series.mjs";
import { startOllamaServer } from "./ollamaServer.mjs";

/**
 * A loopback model that cheats: in a plain prompt the last 1m line's time names the
 * moment, and it answers with what the next hour of the real series brings (a long or a
 * short that reaches 80% of the coming move). A blind prompt has no date to look up, so
 * it waits. With `from` (UTC ms), it looks up only moments from then on and waits before.
 */
export const startCheatModel = async ({ from = -Infinity } = {}) => {
  const series = loadSeries();
  const indexOf = new Map(series.map((candle, index) => [candle.timestamp, index]));
  return await startOllamaServer((body) => {
    const wait = { position: "wait", note: "no date to look up", priceOpen: 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 };
    const times = [...JSON.stringify(body).matchAll(/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\[1m\]/g)];
    if (times.length === 0 || Date.parse(times.at(-1)[1]) < from) return JSON.stringify(wait);
    const index = indexOf.get(Date.parse(times.at(-1)[1]));
    const close = series[index].close;
    const next = series.slice(index + 2, index + 62);
    const high = Math.max(...next.map((c) => c.high));
    const low = Math.min(...next.map((c) => c.low));
    if (high / close > 1.008) {
      return JSON.stringify({ position: "long", note: "remembered", priceOpen: close, priceTakeProfit: Number((close + 0.8 * (high - close)).toFixed(2)), priceStopLoss: Number((close * 0.97).toFixed(2)), minuteEstimatedTime: 60 });
    }
    if (close / low > 1.008) {
      return JSON.stringify({ position: "short", note: "remembered", priceOpen: close, priceTakeProfit: Number((close - 0.8 * (close - low)).toFixed(2)), priceStopLoss: Number((close * 1.03).toFixed(2)), minuteEstimatedTime: 60 });
    }
    return JSON.stringify(wait);
  });
};
