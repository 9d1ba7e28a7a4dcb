import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, Optimizer, setLogger } from "backtest-kit";
import { validSchema } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

test("the library is silent by default", async (t) => {
  const printed = [];
  for (const method of ["log", "debug", "info", "warn", "error"]) {
    t.mock.method(console, method, (...args) => printed.push(args));
  }
  const schema = validSchema();
  addOptimizer(schema);
  await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(printed, []);
});

test("setLogger receives the library's diagnostics, at their levels", async (t) => {
  const entries = [];
  setLogger({
    log: (topic) => entries.push(["log", topic]),
    debug: (topic) => entries.push(["debug", topic]),
    info: (topic, payload) => entries.push(["info", topic, payload]),
    warn: (topic) => entries.push(["warn", topic]),
  });
  t.after(() => setLogger({}));
  const schema = validSchema();
  addOptimizer(schema);
  const filepath = await Optimizer.dump("BTCUSDT", { optimizerName: schema.optimizerName }, await makeTempDir(t));
  assert.ok(entries.some(([level, topic]) => level === "info" && topic === "add.addOptimizer"));
  assert.ok(entries.some(([level, topic]) => level === "log" && topic === "optimizerSchemaService register"));
  assert.ok(entries.some(([level, topic]) => level === "debug" && topic === "clientOptimizer getData"));
  assert.ok(
    entries.some(([level, topic, payload]) => level === "info" && topic === "clientOptimizer dump saved" && payload.filePath === filepath)
  );
});

test("a logger that throws does not break the library", async (t) => {
  setLogger({ log: () => { throw new Error("logger down"); }, info: async () => { throw new Error("async logger down"); } });
  t.after(() => setLogger({}));
  const schema = validSchema();
  addOptimizer(schema);
  const data = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(data.length, 2);
});

test("a malformed logger is rejected, naming the method", () => {
  assert.throws(() => setLogger(null), { message: "setLogger: logger must be an object with log, debug, info and warn, got null" });
  assert.throws(() => setLogger({ warn: "console" }), { message: "setLogger: logger.warn must be a function, got string" });
});
