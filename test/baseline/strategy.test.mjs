// The strategy question (a chat without `format`): a description of the candles shown,
// ending with the machine-readable BASELINE PARAMETERS line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ollama } from "ollama";
import { serveBaselineModel } from "../../build/index.mjs";
import { candlesBetween, formatCandles, readParametersLine, useBaselineServer } from "../helpers/baseline.mjs";

const baseline = useBaselineServer();

/** The messages of a strategy question over one real day: its 1m and 1h candles. */
const dayMessages = (day) => {
  const span = [`${day}T00:00:00Z`, new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString()];
  return [
    { role: "user", content: `1m candles:\n${formatCandles(candlesBetween("1m", ...span), "1m")}` },
    { role: "assistant", content: "read" },
    { role: "user", content: `1h candles:\n${formatCandles(candlesBetween("1h", ...span), "1h")}` },
    { role: "assistant", content: "read" },
    { role: "user", content: "Describe a trading strategy for BTCUSDT based on these data." },
  ];
};

const ask = async (messages) => (await baseline.ollama.chat({ model: baseline.server.model, messages })).message.content;

test("a day of real candles gets a description that says it is no LLM and ends with a valid parameters line", async () => {
  const content = await ask(dayMessages("2023-03-12"));
  assert.match(content, /not an LLM/);
  assert.match(content, /1440 1m candles from 2023-03-12T00:00:00\.000Z to 2023-03-12T23:59:00\.000Z/);
  assert.match(content, /\+7\.58%/, "the net return of the day (20445.11 -> 21995.39)");
  const parameters = readParametersLine(content);
  assert.ok(parameters, `last line:\n${content.split("\n").at(-1)}`);
  assert.equal(content.split("\n").filter((line) => line.includes("BASELINE PARAMETERS:")).length, 1);
  assert.ok(parameters.takeProfitPercent >= 0.5);
  assert.ok(parameters.stopLossPercent > 0 && parameters.stopLossPercent <= 5);
  assert.ok(Number.isInteger(parameters.holdMinutes) && parameters.holdMinutes > 0 && parameters.holdMinutes <= 360);
  assert.ok(parameters.fastEma < parameters.slowEma);
});

test("the same question twice, on two servers, gets the same answer", async (t) => {
  const other = await serveBaselineModel();
  t.after(other.close);
  const first = await ask(dayMessages("2023-03-09"));
  const second = await ask(dayMessages("2023-03-09"));
  const third = (await new Ollama({ host: other.host }).chat({ model: "other", messages: dayMessages("2023-03-09") })).message.content;
  assert.equal(second, first);
  assert.equal(third, first);
});

test("a flat day gets reversion, a rising and a falling day get trend, each with its own parameters", async () => {
  const flat = readParametersLine(await ask(dayMessages("2023-03-04"))); // +0.04% over the day
  const rising = readParametersLine(await ask(dayMessages("2023-03-12"))); // +7.58%
  const falling = readParametersLine(await ask(dayMessages("2023-03-09"))); // -6.20%
  assert.equal(flat.mode, "reversion");
  assert.equal(rising.mode, "trend");
  assert.equal(falling.mode, "trend");
  assert.notDeepEqual(rising, falling);
  assert.notDeepEqual(flat, rising);
  assert.ok(flat.holdMinutes <= rising.holdMinutes, "reversion holds no longer than trend");
});

test("in one mode, the more volatile day gets the wider take-profit and stop-loss", async () => {
  const calm = readParametersLine(await ask(dayMessages("2023-03-03"))); // 1m volatility about 0.078%
  const wild = readParametersLine(await ask(dayMessages("2023-03-12"))); // about 0.099%
  assert.equal(calm.mode, wild.mode);
  assert.ok(wild.takeProfitPercent > calm.takeProfitPercent, `${wild.takeProfitPercent} > ${calm.takeProfitPercent}`);
  assert.ok(wild.stopLossPercent > calm.stopLossPercent, `${wild.stopLossPercent} > ${calm.stopLossPercent}`);
});

test("candle lines are read from any message, in any order, duplicates counted once", async () => {
  const lines = formatCandles(candlesBetween("1m", "2023-03-05T00:00Z", "2023-03-05T12:00Z"), "1m").split("\n");
  const ordered = await ask([{ role: "user", content: lines.join("\n") }]);
  const reversed = [...lines].reverse();
  const scattered = await ask([
    { role: "system", content: reversed.slice(0, 300).join("\n") },
    { role: "user", content: `Some text first.\n${reversed.slice(300).join("\n")}` },
    { role: "assistant", content: lines.slice(0, 50).join("\n") },
  ]);
  assert.equal(scattered, ordered);
  assert.match(ordered, /720 1m candles/);
});

test("impossible candle lines are skipped and counted in the description", async () => {
  const lines = formatCandles(candlesBetween("5m", "2023-03-05T00:00Z", "2023-03-05T12:00Z"), "5m");
  const clean = await ask([{ role: "user", content: lines }]);
  const noisy = await ask([
    {
      role: "user",
      content: [
        lines,
        "2023-03-06T00:00:00.000Z[5m]: O:-1 H:2 L:1 C:1.5 V:3",
        "2023-03-06T00:05:00.000Z[5m]: O:1 H:0.5 L:1 C:1 V:3",
        "2023-03-06T00:10:00.000Z[5m]: O:1e400 H:2 L:1 C:1 V:3",
      ].join("\n"),
    },
  ]);
  assert.match(noisy, /Skipped 3 candle lines with impossible values/);
  assert.equal(readParametersLine(noisy).takeProfitPercent, readParametersLine(clean).takeProfitPercent);
});

test("without candle lines the answer says so and gives the default parameters", async () => {
  const content = await ask([{ role: "user", content: "Hourly closes: 2023-03-01T00:00Z 23150.1" }]);
  assert.match(content, /No candle lines/);
  assert.match(content, /not an LLM/);
  assert.deepEqual(readParametersLine(content), {
    mode: "trend",
    fastEma: 9,
    slowEma: 21,
    takeProfitPercent: 1.2,
    stopLossPercent: 0.8,
    holdMinutes: 240,
  });
});
