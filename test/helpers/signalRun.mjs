import { addExchange, addFrame, addStrategy, askSignal, Backtest, getCandles } from "backtest-kit";
import { createSeriesExchange } from "./series.mjs";

/** The close the strategy told the model about, read back from the conversation. */
export const closeOf = (body) => Number(body.messages.find((m) => m.content.startsWith("close "))?.content.slice(6));

/** A long around `close`: take-profit and stop-loss 1% away (swapped when `wrongSide`). */
export const longAround = (close, wrongSide = false) => ({
  position: "long",
  note: "loopback",
  priceOpen: close,
  priceTakeProfit: Number((close * (wrongSide ? 0.99 : 1.01)).toFixed(2)),
  priceStopLoss: Number((close * (wrongSide ? 1.01 : 0.99)).toFixed(2)),
  minuteEstimatedTime: 30,
});

/** A "wait" answer: no signal. */
export const WAIT = { position: "wait", note: "unclear", priceOpen: 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 };

/**
 * Backtests, on the real BTCUSDT series from 2023-03-10 00:00 to `end`, a 1h strategy
 * (names `{label}-ex`, `{label}-frame`, `{label}-strategy`) whose getSignal tells the
 * model the last close ("close N") and returns askSignal's signal, asked with `options`.
 * Resolves to every askSignal answer and every closed result.
 */
export const runAskSignal = async (label, options, end = new Date("2023-03-10T01:00:00Z")) => {
  const names = { exchangeName: `${label}-ex`, frameName: `${label}-frame`, strategyName: `${label}-strategy` };
  const answers = [];
  addExchange(createSeriesExchange(names.exchangeName));
  addFrame({ frameName: names.frameName, interval: "1m", startDate: new Date("2023-03-10T00:00:00Z"), endDate: end });
  addStrategy({
    strategyName: names.strategyName,
    interval: "1h",
    getSignal: async (symbol) => {
      const [last] = await getCandles(symbol, "1m", 1);
      const answer = await askSignal([{ role: "user", content: `close ${last.close}` }], options);
      answers.push(answer);
      return answer.signal;
    },
  });
  const results = [];
  for await (const result of Backtest.run("BTCUSDT", names)) results.push(result);
  return { answers, results };
};
