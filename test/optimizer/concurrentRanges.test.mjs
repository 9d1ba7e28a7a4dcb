// The training ranges' getPrompt calls run concurrently (bounded by the model pool's
// limit); callbacks and progress keep range order and the generated file is byte for
// byte the one of a sequential run, whatever order the answers arrive in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, listenOptimizerProgress, Optimizer, setConfig } from "backtest-kit";
import { validSchema } from "../helpers/optimizer.mjs";

const DAY = 86_400_000;
const RANGE_COUNT = 7;
/** Delays per range: later ranges answer first, so completion order differs from range order. */
const DELAYS = [70, 10, 50, 0, 35, 20, 5];

const rangeTrain = Array.from({ length: RANGE_COUNT }, (_, i) => ({
  startDate: new Date(Date.UTC(2023, 2, 1) + i * DAY),
  endDate: new Date(Date.UTC(2023, 2, 1) + i * DAY + DAY / 2),
}));

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A getPrompt answering each range after its delay (none when `delays` is null), recording how many ran at once. */
const createGetPrompt = (delays, stats) => async (symbol, messages) => {
  const day = new Date(JSON.parse(messages[0].content.split("\n").at(-1) || "{}").day ?? 0);
  const index = Math.round((day.getTime() - Date.UTC(2023, 2, 1)) / DAY);
  stats.running += 1;
  stats.peak = Math.max(stats.peak, stats.running);
  stats.started.push(index);
  await pause(delays === null ? 0 : delays[index]);
  stats.running -= 1;
  stats.finished.push(index);
  if (stats.failAt?.includes(index)) throw new Error(`model refused range ${index + 1}`);
  return `strategy for range ${index + 1}: ${messages.map((m) => m.content.length).join(",")} \u2028 "quoted" \${x}`;
};

/** A schema over RANGE_COUNT ranges whose source says which day it read; everything it calls back is logged. */
const schemaOf = (delays, stats, log, overrides = {}) =>
  validSchema({
    prefix: "ranges",
    rangeTrain,
    rangeTest: { startDate: new Date(Date.UTC(2023, 2, 1) + RANGE_COUNT * DAY), endDate: new Date(Date.UTC(2023, 2, 1) + (RANGE_COUNT + 1) * DAY) },
    source: [
      {
        name: "days",
        fetch: async ({ startDate, offset }) => (offset === 0 ? [{ id: startDate.toISOString(), day: startDate.toISOString() }] : []),
        user: (symbol, data) => `rows\n${JSON.stringify(data[0])}`,
      },
    ],
    getPrompt: createGetPrompt(delays, stats),
    callbacks: {
      onSourceData: (symbol, name, data, startDate) => log.push(["source", startDate.toISOString()]),
      onData: (symbol, strategies) => log.push(["data", strategies.map((s) => s.range.startDate.toISOString())]),
      onCode: () => log.push(["code"]),
    },
    ...overrides,
  });

const newStats = (failAt) => ({ running: 0, peak: 0, started: [], finished: [], failAt });

test("answers arriving out of range order give the byte-identical file, with callbacks and progress in range order", async () => {
  const progress = [];
  listenOptimizerProgress((event) => progress.push([event.optimizerName, event.processedSources]));
  const quick = { stats: newStats(), log: [] };
  const slow = { stats: newStats(), log: [] };
  const quickSchema = schemaOf(null, quick.stats, quick.log);
  const slowSchema = schemaOf(DELAYS, slow.stats, slow.log);
  addOptimizer(quickSchema);
  addOptimizer(slowSchema);
  const reference = await Optimizer.getCode("BTCUSDT", { optimizerName: quickSchema.optimizerName });
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: slowSchema.optimizerName });

  assert.equal(code, reference);
  assert.notDeepEqual(slow.stats.finished, slow.stats.started, "the answers came in another order than asked");
  assert.deepEqual(slow.stats.started, [0, 1, 2, 3, 4, 5, 6]);
  assert.ok(slow.stats.peak > 1, `getPrompt calls overlapped (peak ${slow.stats.peak})`);
  assert.ok(slow.stats.peak <= 4, `never more than the pool's limit at once (peak ${slow.stats.peak})`);
  assert.deepEqual(slow.log, quick.log);
  assert.deepEqual(slow.log.filter(([kind]) => kind === "source").map(([, day]) => day), rangeTrain.map((r) => r.startDate.toISOString()));
  const ofSlow = progress.filter(([name]) => name === slowSchema.optimizerName).map(([, processed]) => processed);
  assert.deepEqual(ofSlow, [0, 1, 2, 3, 4, 5, 6, 7]);
  for (let i = 1; i <= RANGE_COUNT; i++) {
    assert.ok(code.includes(`strategy for range ${i}:`), `range ${i} is in the file`);
  }
  assert.ok(code.indexOf("strategy for range 1:") < code.indexOf("strategy for range 7:"));
});

test("at CC_LLM_CONCURRENCY 1 the ranges are strictly sequential and the file is the same", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 1 });
  t.after(() => setConfig({ CC_LLM_CONCURRENCY: 4 }));
  const sequential = { stats: newStats(), log: [] };
  const concurrentRun = { stats: newStats(), log: [] };
  const sequentialSchema = schemaOf(DELAYS, sequential.stats, sequential.log);
  const concurrentSchema = schemaOf(DELAYS, concurrentRun.stats, concurrentRun.log);
  addOptimizer(sequentialSchema);
  addOptimizer(concurrentSchema);
  const reference = await Optimizer.getCode("BTCUSDT", { optimizerName: sequentialSchema.optimizerName });
  setConfig({ CC_LLM_CONCURRENCY: 4 });
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: concurrentSchema.optimizerName });
  assert.equal(code, reference);
  assert.equal(sequential.stats.peak, 1);
  assert.deepEqual(sequential.stats.finished, [0, 1, 2, 3, 4, 5, 6]);
  assert.ok(concurrentRun.stats.peak > 1);
  assert.deepEqual(concurrentRun.log, sequential.log);
});

test("when several ranges fail, the error names the first failing range in range order, not the first in time", async () => {
  const stats = newStats([2, 3]);
  const schema = schemaOf(DELAYS, stats, []);
  addOptimizer(schema);
  await assert.rejects(
    Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName }),
    (error) => {
      assert.match(`${error.message}: ${error.cause?.message}`, /getPrompt range 3 \(2023-03-03T00:00:00.000Z - 2023-03-03T12:00:00.000Z\) failed: model refused range 3/);
      return true;
    }
  );
  assert.ok(stats.finished.indexOf(3) < stats.finished.indexOf(2), "range 4 failed first in time");
});
