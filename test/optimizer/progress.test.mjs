import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, listenOptimizerProgress, Optimizer, setLogger } from "backtest-kit";
import { validSchema, makeRows, arraySource } from "../helpers/optimizer.mjs";

/** Events of one optimizer only: listeners are process-wide. */
const collectFor = (optimizerName, into) =>
  listenOptimizerProgress((event) => {
    if (event.optimizerName === optimizerName) {
      into.push(event);
    }
  });

test("progress is emitted at the start of each source and once more at 100%", async (t) => {
  const schema = validSchema({ source: [arraySource(makeRows(3)), arraySource(makeRows(4))] });
  addOptimizer(schema);
  const events = [];
  t.after(collectFor(schema.optimizerName, events));
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  const base = { optimizerName: schema.optimizerName, symbol: "BTCUSDT", totalSources: 4 };
  assert.deepEqual(events, [
    { ...base, processedSources: 0, progress: 0 },
    { ...base, processedSources: 1, progress: 0.25 },
    { ...base, processedSources: 2, progress: 0.5 },
    { ...base, processedSources: 3, progress: 0.75 },
    { ...base, processedSources: 4, progress: 1 },
  ]);
});

test("unsubscribing stops the events", async () => {
  const schema = validSchema();
  addOptimizer(schema);
  const events = [];
  const unsubscribe = collectFor(schema.optimizerName, events);
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  const seen = events.length;
  unsubscribe();
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(seen, 3);
  assert.equal(events.length, seen);
});

test("listeners run in order, one event at a time, and the optimizer waits for them", async (t) => {
  const schema = validSchema({ source: [arraySource(makeRows(1))] });
  addOptimizer(schema);
  const log = [];
  let active = 0;
  let maxActive = 0;
  t.after(
    listenOptimizerProgress(async (event) => {
      if (event.optimizerName !== schema.optimizerName) return;
      active += 1;
      maxActive = Math.max(maxActive, active);
      log.push(`first start ${event.processedSources}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`first end ${event.processedSources}`);
      active -= 1;
    })
  );
  t.after(
    listenOptimizerProgress((event) => {
      if (event.optimizerName === schema.optimizerName) log.push(`second ${event.processedSources}`);
    })
  );
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  log.push("done");
  assert.equal(maxActive, 1);
  assert.deepEqual(log, [
    "first start 0", "first end 0", "second 0",
    "first start 1", "first end 1", "second 1",
    "first start 2", "first end 2", "second 2",
    "done",
  ]);
});

test("a listener that throws breaks neither the run nor the other listeners, and is logged", async (t) => {
  const schema = validSchema();
  addOptimizer(schema);
  const warnings = [];
  setLogger({ warn: (topic, payload) => warnings.push({ topic, payload }) });
  t.after(() => setLogger({}));
  t.after(
    listenOptimizerProgress((event) => {
      if (event.optimizerName === schema.optimizerName) throw new Error("listener bug");
    })
  );
  const events = [];
  t.after(collectFor(schema.optimizerName, events));
  const data = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(data.length, 2);
  assert.equal(events.length, 3);
  const listenerWarnings = warnings.filter(({ topic }) => topic === "event.listenOptimizerProgress listener threw");
  assert.equal(listenerWarnings.length, 3);
  assert.equal(listenerWarnings[0].payload.error.message, "listener bug");
});

test("listenOptimizerProgress rejects a non-function", () => {
  assert.throws(() => listenOptimizerProgress("print"), {
    message: "event.listenOptimizerProgress: fn must be a function, got string",
  });
});
