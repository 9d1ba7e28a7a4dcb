/**
 * Registers an optimizer over a synthetic hourly price series, asks for one strategy per
 * training week and writes the generated file to ./generated/. With OLLAMA_HOST set,
 * getPrompt asks that Ollama server (model OLLAMA_MODEL); without it, a fixed
 * description stands in for the LLM so the example runs offline.
 */
import { Ollama } from "ollama";
import { addOptimizer, listenOptimizerProgress, Optimizer } from "backtest-kit";

const HOUR = 3_600_000;

/** Hourly closes following a slow sine wave: deterministic, clearly not market data. */
const hourlyCloses = async ({ startDate, endDate, limit, offset }) => {
  const first = Math.ceil(startDate.getTime() / HOUR) * HOUR;
  const total = Math.floor((endDate.getTime() - first) / HOUR) + 1;
  return Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => {
    const timestamp = first + (offset + i) * HOUR;
    return { id: timestamp, time: new Date(timestamp).toISOString(), close: 22_000 + 800 * Math.sin(timestamp / (36 * HOUR)) };
  });
};

const askOllama = async (symbol, messages) => {
  const ollama = new Ollama({ host: process.env.OLLAMA_HOST });
  const response = await ollama.chat({
    model: process.env.OLLAMA_MODEL ?? "deepseek-v3.1:671b",
    messages: [...messages, { role: "user", content: `Describe a trading strategy for ${symbol} based on these data.` }],
  });
  return response.message.content;
};

const fixedStrategy = async (symbol, messages) =>
  `Offline stand-in for an LLM (${messages.length / 2} sources seen): buy ${symbol} near the lower edge of the range ` +
  "with the take profit at the middle and the stop loss 1% below the entry; stay out when the 1h trend is flat.";

addOptimizer({
  optimizerName: "example",
  prefix: "example",
  rangeTrain: [
    { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-07T23:59:59Z") },
    { startDate: new Date("2023-03-08T00:00:00Z"), endDate: new Date("2023-03-14T23:59:59Z") },
  ],
  rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-21T23:59:59Z") },
  source: [
    {
      name: "hourly-closes",
      fetch: hourlyCloses,
      user: (symbol, rows) => `Hourly closes of ${symbol}:\n${rows.map((row) => `${row.time} ${row.close.toFixed(2)}`).join("\n")}`,
      assistant: () => "Hourly closes read.",
    },
  ],
  getPrompt: process.env.OLLAMA_HOST ? askOllama : fixedStrategy,
});

listenOptimizerProgress(({ processedSources, totalSources, progress }) =>
  console.log(`sources ${processedSources}/${totalSources} (${(progress * 100).toFixed(0)}%)`)
);

if (!process.env.OLLAMA_HOST) {
  console.log("OLLAMA_HOST is not set: a fixed strategy text stands in for the LLM.");
}
const filepath = await Optimizer.dump("BTCUSDT", { optimizerName: "example" }, "./generated");
console.log(`generated ${filepath}`);
