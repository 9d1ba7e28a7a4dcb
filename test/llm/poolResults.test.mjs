// Concurrency never changes a result: three askSignal backtests on the real series, run
// at the same time, trade the same with CC_LLM_CONCURRENCY 1 and 4.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { listenDoneBacktest, setConfig } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { closeOf, longAround, runAskSignal, WAIT } from "../helpers/signalRun.mjs";

after(() => setConfig({ CC_LLM_CONCURRENCY: 4 }));

/** Long on every second close (by its last digit), else wait: deterministic per question. */
const reply = (body) => {
  const close = closeOf(body);
  return JSON.stringify(Math.round(close * 100) % 2 === 0 ? longAround(close) : WAIT);
};

/** The trades of a run without the names (and the ids made from them) that differ between runs. */
const trades = ({ results }) =>
  results.map(({ action, closeReason, closeTimestamp, pnl, signal }) => ({
    action,
    closeReason,
    closeTimestamp,
    pnl,
    signal: { position: signal.position, priceOpen: signal.priceOpen, priceTakeProfit: signal.priceTakeProfit, priceStopLoss: signal.priceStopLoss },
  }));

const runThree = async (t, concurrency, serverOptions = { latencyMs: 15 }, label = `${concurrency}`) => {
  setConfig({ CC_LLM_CONCURRENCY: concurrency });
  const server = await startOllamaServer(reply, serverOptions);
  t.after(server.close);
  const runs = await Promise.all(
    ["a", "b", "c"].map((name) => runAskSignal(`pool-${label}-${name}`, { host: server.host, model: `m-${name}`, cache: false }, new Date("2023-03-10T12:00:00Z")))
  );
  return { runs, server };
};

test("three concurrent backtests make the same trades with CC_LLM_CONCURRENCY 1 and 4", async (t) => {
  const one = await runThree(t, 1);
  const four = await runThree(t, 4);
  assert.equal(one.server.peakInFlight(), 1);
  assert.ok(four.server.peakInFlight() > 1, `peak ${four.server.peakInFlight()}`);
  assert.ok(four.server.peakInFlight() <= 4);
  assert.equal(four.server.requests.length, one.server.requests.length);
  assert.ok(one.runs.every((run) => run.results.length > 0), "each run trades");
  assert.deepEqual(four.runs.map(trades), one.runs.map(trades));
  assert.deepEqual(four.runs.map((run) => run.answers.map((a) => a.answer)), one.runs.map((run) => run.answers.map((a) => a.answer)));
});

test("the adaptive pool (CC_LLM_CONCURRENCY unset) against a server of 2 slots makes the same trades and answers as one request at a time", async (t) => {
  const done = [];
  t.after(listenDoneBacktest((event) => done.push(event)));
  const one = await runThree(t, 1, { latencyMs: 15 }, "one-again");
  const adaptive = await runThree(t, 0, { latencyMs: 15, capacity: 2 }, "adaptive");
  assert.equal(adaptive.server.requests.length, one.server.requests.length);
  assert.deepEqual(adaptive.runs.map(trades), one.runs.map(trades));
  assert.deepEqual(adaptive.runs.map((run) => run.answers.map((a) => a.answer)), one.runs.map((run) => run.answers.map((a) => a.answer)));
  const { llmConcurrency } = done.at(-1);
  assert.equal(llmConcurrency.mode, "adaptive");
  assert.ok(llmConcurrency.limit >= 1 && llmConcurrency.limit <= 64, JSON.stringify(llmConcurrency));
});
