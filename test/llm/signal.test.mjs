import { test, before } from "node:test";
import assert from "node:assert/strict";
import {
  addExchange,
  addFrame,
  addStrategy,
  askSignal,
  Backtest,
  getCandles,
  listenError,
  listenValidation,
  setConfig,
  formatError,
} from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { closeOf, longAround, WAIT } from "../helpers/signalRun.mjs";

const SYMBOL = "BTCUSDT";
const START = new Date("2023-03-10T00:00:00Z");
const END = new Date("2023-03-10T03:00:00Z");
/** Ticks at which a 1h strategy is asked over [START, END) when it never holds a position. */
const TICKS = ["2023-03-10T00:00:00.000Z", "2023-03-10T01:00:00.000Z", "2023-03-10T02:00:00.000Z", "2023-03-10T03:00:00.000Z"];

before(() => setConfig({ CC_LLM_RETRY_DELAY_MS: 1, CC_LLM_RETRY_COUNT: 2 }));

let runCount = 0;

/**
 * Registers an exchange over the real series, a 3-hour frame and a 1h strategy whose
 * getSignal tells the model the last close and returns askSignal's signal; runs the
 * backtest against a loopback model answering with `reply`. Everything the run reported
 * is returned.
 */
const runWith = async (t, reply, { cacheDir, server: given } = {}) => {
  runCount += 1;
  const server = given ?? (await startOllamaServer(reply));
  if (!given) t.after(server.close);
  const dir = cacheDir ?? (await makeTempDir(t, "backtest-kit-llm-signal-"));
  const names = { exchangeName: `llm-ex-${runCount}`, frameName: `llm-frame-${runCount}`, strategyName: `llm-strategy-${runCount}` };
  const answers = [];
  addExchange(createSeriesExchange(names.exchangeName));
  addFrame({ frameName: names.frameName, interval: "1m", startDate: START, endDate: END });
  addStrategy({
    strategyName: names.strategyName,
    interval: "1h",
    getSignal: async (symbol) => {
      const [last] = await getCandles(symbol, "1m", 1);
      const answer = await askSignal([{ role: "user", content: `close ${last.close}` }], { host: server.host, model: "m", cacheDir: dir });
      answers.push(answer);
      return answer.signal;
    },
  });
  const errors = [];
  const rejections = [];
  const stopErrors = listenError((error) => error.message.includes(names.strategyName) && errors.push(error));
  const stopValidation = listenValidation((error) => error.message.includes(names.strategyName) && rejections.push(error));
  const results = [];
  try {
    for await (const result of Backtest.run(SYMBOL, names)) {
      results.push(result);
    }
  } finally {
    stopErrors();
    stopValidation();
  }
  return { server, answers, errors, rejections, results, names, cacheDir: dir };
};

test('"wait" is no signal, no error and no validation event', async (t) => {
  const run = await runWith(t, () => JSON.stringify(WAIT));
  assert.equal(run.answers.length, TICKS.length);
  assert.ok(run.answers.every((answer) => answer.signal === null && answer.answer.position === "wait"));
  assert.deepEqual([run.errors, run.rejections, run.results], [[], [], []]);
  assert.equal(run.server.requests.length, TICKS.length);
});

test("every request carries the signal rules as system prompt and the signal schema as format", async (t) => {
  const run = await runWith(t, () => JSON.stringify(WAIT));
  for (const { body } of run.server.requests) {
    assert.equal(body.messages[0].role, "system");
    assert.match(body.messages[0].content, /priceTakeProfit > priceOpen > priceStopLoss/);
    assert.deepEqual(body.format.properties.position.enum, ["wait", "long", "short"]);
    assert.equal(body.stream, false);
  }
});

test("prices on the wrong side are asked again once, quoting every problem; a corrected answer opens", async (t) => {
  const run = await runWith(t, (body) => JSON.stringify(longAround(closeOf(body), body.messages.length === 2)));
  const reask = run.server.requests[1].body.messages;
  assert.equal(reask.at(-2).role, "assistant");
  assert.match(
    reask.at(-1).content,
    /^Your answer was rejected: priceTakeProfit [\d.]+ must be above the entry price [\d.]+ of a long \(priceTakeProfit must be > priceOpen\); priceStopLoss [\d.]+ must be below the entry price [\d.]+ of a long \(priceStopLoss must be < priceOpen\)\./
  );
  assert.ok(run.results.length > 0);
  assert.ok(run.results.every((result) => result.action === "closed"));
  const opened = run.answers.filter((answer) => answer.signal !== null);
  assert.equal(opened.length, run.results.length);
  for (const [index, answer] of opened.entries()) {
    assert.equal(answer.signal.id, answer.id);
    assert.equal(run.results[index].signal.id, answer.id);
  }
  assert.deepEqual([run.errors, run.rejections], [[], []]);
});

test("wrong side twice gives no signal and a validation event naming strategy and tick; the backtest goes on", async (t) => {
  const run = await runWith(t, (body) => JSON.stringify(longAround(closeOf(body), true)));
  assert.equal(run.server.requests.length, 2 * TICKS.length);
  assert.equal(run.rejections.length, TICKS.length);
  for (const [index, rejection] of run.rejections.entries()) {
    assert.ok(rejection.message.includes(`strategy ${run.names.strategyName} on ${SYMBOL} at ${TICKS[index]}`), rejection.message);
    assert.match(rejection.message, /invalid signal twice.*priceTakeProfit/);
  }
  assert.deepEqual(run.results, []);
  assert.ok(run.answers.every((answer) => answer.signal === null));
});

test("malformed JSON and missing fields are asked again; never a crash, never an invalid signal", async (t) => {
  const replies = [
    "this is not { json",
    JSON.stringify({ position: "long", note: "no levels" }),
    JSON.stringify({ position: "short", priceTakeProfit: "100", priceStopLoss: 1, minuteEstimatedTime: 30 }),
  ];
  const run = await runWith(t, (body, index) => replies[index % replies.length]);
  assert.equal(run.rejections.length, TICKS.length);
  assert.match(run.server.requests[1].body.messages.at(-1).content, /the answer is not JSON: "this is not \{ json"/);
  assert.ok(run.rejections.some((error) => /priceTakeProfit must be positive and a finite number/.test(error.message)));
  assert.deepEqual(run.results, []);
});

test("a model that keeps failing is reported through listenError with strategy and tick; the tick has no signal", async (t) => {
  const run = await runWith(t, () => ({ status: 500, error: "boom" }));
  assert.equal(run.errors.length, TICKS.length);
  for (const [index, error] of run.errors.entries()) {
    const line = formatError(error);
    assert.ok(line.includes(`strategy ${run.names.strategyName} on ${SYMBOL} at ${TICKS[index]}`), line);
    assert.match(line, /LLM signal request failed.*after 3 attempt\(s\): boom$/);
    assert.equal(line.split("boom").length, 2, "the root cause appears once");
  }
  assert.equal(run.server.requests.length, 3 * TICKS.length);
  assert.deepEqual([run.rejections, run.results], [[], []]);
});

test("a warm cache replays a run without a request: same answers, same trades", async (t) => {
  const cold = await runWith(t, (body) => JSON.stringify(longAround(closeOf(body))));
  assert.ok(cold.results.length > 0);
  const coldRequests = cold.server.requests.length;
  const warm = await runWith(t, null, { cacheDir: cold.cacheDir, server: cold.server });
  assert.equal(cold.server.requests.length, coldRequests);
  assert.deepEqual(warm.answers.map((a) => a.answer), cold.answers.map((a) => a.answer));
  const trades = (run) => run.results.map((r) => ({ ...r, strategyName: undefined, exchangeName: undefined, frameName: undefined, signal: { ...r.signal, strategyName: undefined, exchangeName: undefined, id: undefined } }));
  assert.deepEqual(trades(warm), trades(cold));
  assert.deepEqual([warm.errors, warm.rejections], [[], []]);
});

test("askSignal outside a run is an error that says where to call it", async () => {
  await assert.rejects(askSignal([{ role: "user", content: "x" }]), /askSignal must be called inside a run/);
});
