import { before, after } from "node:test";
import { Ollama } from "ollama";
import { serveBaselineModel } from "../../build/index.mjs";
import { seriesOf, lowerBound, INTERVAL_MS } from "./series.mjs";

/**
 * Helpers of the baseline model tests: candle lines exactly as the generated strategy
 * writes them, the template's message layout and its signal schema, and an independent
 * reader of the BASELINE PARAMETERS line.
 */

/**
 * A baseline server for the calling test file: started before its tests, closed after
 * them. `server` and `ollama` (a real client of it) are set once the server is up.
 */
export const useBaselineServer = () => {
  const baseline = { server: null, ollama: null };
  before(async () => {
    baseline.server = await serveBaselineModel();
    baseline.ollama = new Ollama({ host: baseline.server.host });
  });
  after(() => baseline.server.close());
  return baseline;
};

/** Candle lines as the generated strategy's formatCandles writes them. */
export const formatCandles = (candles, timeframe) =>
  candles
    .map(
      (c) =>
        new Date(c.timestamp).toISOString() + "[" + timeframe + "]: O:" + c.open +
        " H:" + c.high + " L:" + c.low + " C:" + c.close + " V:" + c.volume
    )
    .join("\n");

/** The real series' `interval` candles with open times in [from, to) (ISO strings or ms). */
export const candlesBetween = (interval, from, to) => {
  const list = seriesOf(interval);
  return list.slice(lowerBound(list, new Date(from).getTime()), lowerBound(list, new Date(to).getTime()));
};

/** The last `count` `interval` candles of the real series closed at `when` (as getCandles gives them). */
export const closedCandles = (interval, when, count) => {
  const list = seriesOf(interval);
  const end = lowerBound(list, new Date(when).getTime() - INTERVAL_MS[interval] + 1);
  return list.slice(Math.max(0, end - count), end);
};

/** The structured-output schema of the generated json() helper. */
export const SIGNAL_FORMAT = Object.freeze({
  type: "object",
  properties: {
    position: { type: "string", enum: ["wait", "long", "short"] },
    note: { type: "string" },
    priceOpen: { type: "number" },
    priceTakeProfit: { type: "number" },
    priceStopLoss: { type: "number" },
    minuteEstimatedTime: { type: "number" },
  },
  required: ["position", "note", "priceOpen", "priceTakeProfit", "priceStopLoss", "minuteEstimatedTime"],
});

/**
 * The generated strategy's conversation: 1h, 15m, 5m and 1m candles in four
 * user/assistant pairs, then the strategy prompt. `byTimeframe` maps a label to candles.
 */
export const signalMessages = (symbol, byTimeframe, strategyPrompt) => [
  { role: "user", content: [symbol, "Analyse the 1h candles (medium-term trend):", "", formatCandles(byTimeframe["1h"] ?? [], "1h")].join("\n") },
  { role: "assistant", content: "1h trend analysed" },
  { role: "user", content: ["Analyse the 15m candles (short-term trend):", "", formatCandles(byTimeframe["15m"] ?? [], "15m")].join("\n") },
  { role: "assistant", content: "15m trend analysed" },
  { role: "user", content: ["Analyse the 5m candles (main timeframe):", "", formatCandles(byTimeframe["5m"] ?? [], "5m")].join("\n") },
  { role: "assistant", content: "5m timeframe analysed" },
  { role: "user", content: ["Analyse the 1m candles (microstructure):", "", formatCandles(byTimeframe["1m"] ?? [], "1m")].join("\n") },
  { role: "assistant", content: "1m microstructure analysed" },
  {
    role: "user",
    content: [
      "Weigh all timeframes and produce a trading signal that follows this strategy. Open a position ONLY on a clear signal.",
      "",
      strategyPrompt,
      "",
      "If the timeframes contradict each other or the trend is weak, answer position: wait",
    ].join("\n"),
  },
];

/** The template's candle counts at `when` from the real series. */
export const templateCandles = (when) => ({
  "1m": closedCandles("1m", when, 30),
  "5m": closedCandles("5m", when, 24),
  "15m": closedCandles("15m", when, 24),
  "1h": closedCandles("1h", when, 24),
});

const PARAMETERS_LINE =
  /^BASELINE PARAMETERS: mode=(trend|reversion); fastEma=(\d+); slowEma=(\d+); takeProfitPercent=([0-9.]+); stopLossPercent=([0-9.]+); holdMinutes=(\d+)$/;

/** The parameters of the last line of a strategy answer, or null when it is not the exact line. */
export const readParametersLine = (content) => {
  const match = PARAMETERS_LINE.exec(content.split("\n").at(-1));
  if (!match) return null;
  const [, mode, fastEma, slowEma, takeProfitPercent, stopLossPercent, holdMinutes] = match;
  return {
    mode,
    fastEma: Number(fastEma),
    slowEma: Number(slowEma),
    takeProfitPercent: Number(takeProfitPercent),
    stopLossPercent: Number(stopLossPercent),
    holdMinutes: Number(holdMinutes),
  };
};

/** Synthetic candles of `timeframe` ending before `end`, closes from `closeAt(i)` (i = 0 oldest). */
export const syntheticCandles = (timeframe, count, end, closeAt) =>
  Array.from({ length: count }, (_, i) => {
    const close = closeAt(i);
    const open = i === 0 ? close : closeAt(i - 1);
    return {
      timestamp: new Date(end).getTime() - (count - i) * INTERVAL_MS[timeframe],
      open,
      high: Math.max(open, close) * 1.0005,
      low: Math.min(open, close) * 0.9995,
      close,
      volume: 1,
    };
  });
