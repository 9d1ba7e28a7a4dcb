import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, formatError, Optimizer } from "backtest-kit";
import { validSchema, makeRows, arraySource } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

/** A getPrompt that counts its calls and numbers its answers. */
const countingPrompt = () => {
  const calls = [];
  const getPrompt = async (symbol, messages) => {
    calls.push({ symbol, messages });
    return `strategy ${calls.length}`;
  };
  return { calls, getPrompt };
};

test("getData, getCode and dump over unchanged data ask getPrompt once per training range", async (t) => {
  const { calls, getPrompt } = countingPrompt();
  const schema = validSchema({ getPrompt });
  addOptimizer(schema);
  const context = { optimizerName: schema.optimizerName };
  const data = await Optimizer.getData("BTCUSDT", context);
  const code = await Optimizer.getCode("BTCUSDT", context);
  await Optimizer.dump("BTCUSDT", context, await makeTempDir(t));
  assert.equal(calls.length, 2);
  assert.deepEqual(data.map((strategy) => strategy.strategy), ["strategy 1", "strategy 2"]);
  assert.ok(code.includes('"strategy 1"') && code.includes('"strategy 2"'));
});

test("regenerate: true asks getPrompt again; another symbol or changed data is a new question", async () => {
  const { calls, getPrompt } = countingPrompt();
  const rows = makeRows(3);
  const schema = validSchema({ getPrompt, source: [arraySource(rows)] });
  addOptimizer(schema);
  const context = { optimizerName: schema.optimizerName };
  await Optimizer.getData("BTCUSDT", context);
  const again = await Optimizer.getData("BTCUSDT", { ...context, regenerate: true });
  assert.equal(calls.length, 4);
  assert.deepEqual(again.map((strategy) => strategy.strategy), ["strategy 3", "strategy 4"]);
  assert.deepEqual((await Optimizer.getData("BTCUSDT", context)).map((s) => s.strategy), ["strategy 3", "strategy 4"]);
  assert.equal(calls.length, 4);
  await Optimizer.getData("ETHUSDT", context);
  assert.equal(calls.length, 6);
  rows.push({ id: 99, value: 1 });
  await Optimizer.getData("BTCUSDT", context);
  assert.equal(calls.length, 8);
});

test("a failed getPrompt is not remembered: the next call asks again", async () => {
  let attempts = 0;
  const schema = validSchema({
    getPrompt: async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("model offline");
      return "strategy";
    },
  });
  addOptimizer(schema);
  const context = { optimizerName: schema.optimizerName };
  await assert.rejects(Optimizer.getData("BTCUSDT", context), (error) => /getPrompt range 1 .* failed: model offline$/.test(formatError(error)));
  const data = await Optimizer.getData("BTCUSDT", context);
  assert.deepEqual(data.map((strategy) => strategy.strategy), ["strategy", "strategy"]);
});

test("regenerate must be a boolean", async () => {
  const schema = validSchema();
  addOptimizer(schema);
  await assert.rejects(
    Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName, regenerate: "yes" }),
    /Optimizer\.getData: context\.regenerate must be a boolean, got "yes"/
  );
});

test("llm settings are checked at registration, naming the field and the value", () => {
  assert.throws(() => addOptimizer(validSchema({ llm: { host: "" } })), /llm\.host must be a non-empty string, got ""/);
  assert.throws(() => addOptimizer(validSchema({ llm: { apiKey: "k" } })), /llm\.apiKey is not one of provider, host, model, textModel/);
  assert.throws(() => addOptimizer(validSchema({ llm: "ollama" })), /llm must be an object \{ provider, host, model, textModel \}, got "ollama"/);
});
