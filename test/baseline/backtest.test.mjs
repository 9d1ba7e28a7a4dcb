// A real backtest end to end: a strategy shaped like the generated one asks the baseline
// model server, through the real ollama client, for a signal at every 5m tick of one day
// of the real BTCUSDT series, following the parameters the baseline chose from the day before.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Ollama } from "ollama";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  getCandles,
  listenValidation,
  serveBaselineModel,
} from "../../build/index.mjs";
import { createSeriesExchange, INTERVAL_MS } from "../helpers/series.mjs";
import { candlesBetween, formatCandles, readParametersLine, signalMessages, SIGNAL_FORMAT } from "../helpers/baseline.mjs";

const SYMBOL = "BTCUSDT";
/** A day after a rising day: the baseline picks trend mode and closes several trades. */
const DAY = "2023-03-13";
const START = Date.parse(`${DAY}T00:00:00Z`);
const END = START + 24 * 60 * INTERVAL_MS["1m"] - INTERVAL_MS["1m"];
const NAME = `baseline-e2e-${DAY}`;

let server;
const validationErrors = [];

before(async () => {
  server = await serveBaselineModel();
  listenValidation((error) => validationErrors.push(error));
});

after(() => server.close());

test("a strategy asking the baseline server backtests one real day and closes signals", async () => {
  const ollama = new Ollama({ host: server.host });
  const previousDay = [new Date(START - 24 * 3_600_000).toISOString(), new Date(START).toISOString()];
  const strategyAnswer = await ollama.chat({
    model: server.model,
    messages: [
      { role: "user", content: formatCandles(candlesBetween("1m", ...previousDay), "1m") },
      { role: "assistant", content: "1m candles read" },
      { role: "user", content: formatCandles(candlesBetween("1h", ...previousDay), "1h") },
      { role: "assistant", content: "1h candles read" },
      { role: "user", content: `Describe a trading strategy for ${SYMBOL} based on these data.` },
    ],
  });
  const strategyPrompt = strategyAnswer.message.content;
  const parameters = readParametersLine(strategyPrompt);
  assert.ok(parameters, `the strategy answer ends with a parameters line:\n${strategyPrompt}`);

  const replies = [];
  addExchange(createSeriesExchange(NAME));
  addFrame({ frameName: NAME, interval: "1m", startDate: new Date(START), endDate: new Date(END) });
  addStrategy({
    strategyName: NAME,
    interval: "5m",
    getSignal: async (symbol) => {
      const byTimeframe = {
        "1m": await getCandles(symbol, "1m", 30),
        "5m": await getCandles(symbol, "5m", 24),
        "15m": await getCandles(symbol, "15m", 24),
        "1h": await getCandles(symbol, "1h", 24),
      };
      const response = await ollama.chat({
        model: "deepseek-v3.1:671b",
        messages: signalMessages(symbol, byTimeframe, strategyPrompt),
        format: SIGNAL_FORMAT,
      });
      const signal = JSON.parse(response.message.content);
      replies.push({ signal, lastMinuteClose: byTimeframe["1m"].at(-1).close });
      return signal.position === "wait" ? null : signal;
    },
  });

  const closed = [];
  for await (const trade of Backtest.run(SYMBOL, { strategyName: NAME, exchangeName: NAME, frameName: NAME })) {
    closed.push(trade);
  }

  assert.ok(replies.length > 0, "the strategy asked the baseline");
  assert.ok(closed.length >= 1, `at least one closed signal on ${DAY} (${replies.length} replies)`);
  assert.deepEqual(validationErrors, [], "the baseline never answers an invalid signal");
  for (const { signal, lastMinuteClose } of replies) {
    assert.deepEqual(Object.keys(signal).sort(), [...SIGNAL_FORMAT.required].sort());
    assert.ok(Math.abs(signal.priceOpen - lastMinuteClose) <= 0.005, "priceOpen is the last 1m close");
    assert.equal(signal.minuteEstimatedTime, parameters.holdMinutes);
  }
  for (const trade of closed) {
    const { position, priceOpen, priceTakeProfit, priceStopLoss, note } = trade.signal;
    assert.ok(note.startsWith(`baseline ${parameters.mode} rule (not an LLM)`), note);
    const sign = position === "long" ? 1 : -1;
    assert.ok((priceTakeProfit - priceOpen) * sign > 0 && (priceOpen - priceStopLoss) * sign > 0, `levels on their sides: ${note}`);
    assert.ok(Number.isFinite(trade.pnl.pnlPercentage));
    assert.ok(["take_profit", "stop_loss", "time_expired"].includes(trade.closeReason));
  }
});
