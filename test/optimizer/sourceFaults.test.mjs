import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, formatError, Optimizer } from "backtest-kit";
import { validSchema, makeRows, RANGES } from "../helpers/optimizer.mjs";

const RANGE_1 = "range 1 (2023-03-01T00:00:00.000Z - 2023-03-02T00:00:00.000Z)";
const RANGE_2 = "range 2 (2023-03-03T00:00:00.000Z - 2023-03-04T00:00:00.000Z)";

/** Registers a one-range optimizer over `source` and runs getData. */
const runWith = async (overrides) => {
  const schema = validSchema({ rangeTrain: [RANGES.rangeTrain[0]], ...overrides });
  addOptimizer(schema);
  return { schema, result: Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName }) };
};

test("a source that returns the same full page forever ends with an error naming source and range", async () => {
  let calls = 0;
  const samePage = makeRows(25);
  const { schema, result } = await runWith({
    source: [{ name: "stuck", fetch: async () => (calls++, samePage) }],
  });
  await assert.rejects(result, {
    message: `optimizer ${schema.optimizerName} source stuck ${RANGE_1} does not advance: the full page at offset 25 holds only rows already seen`,
  });
  assert.equal(calls, 2);
});

test("a source that keeps returning only ids already seen ends with an error", async () => {
  const { schema, result } = await runWith({
    source: [async ({ offset }) => makeRows(25, offset < 100 ? offset : offset % 50)],
  });
  await assert.rejects(result, {
    message: `optimizer ${schema.optimizerName} source unknown ${RANGE_1} does not advance: the full page at offset 100 holds only rows already seen`,
  });
});

test("a source that never stops returning new rows ends at maxRows with an error, not silently", async () => {
  const { schema, result } = await runWith({
    maxRows: 100,
    source: [{ name: "endless", fetch: async ({ offset, limit }) => makeRows(limit, offset) }],
  });
  await assert.rejects(result, {
    message: `optimizer ${schema.optimizerName} source endless ${RANGE_1} still returns full pages after 100 rows (maxRows)`,
  });
});

test("a source that throws rejects with its message, the source, the range and the offset", async () => {
  const original = new Error("connection refused");
  const schema = validSchema({
    source: [{ name: "db", fetch: async ({ startDate }) => {
      if (startDate.getTime() === RANGES.rangeTrain[1].startDate.getTime()) {
        throw original;
      }
      return makeRows(3);
    } }],
  });
  addOptimizer(schema);
  await assert.rejects(Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName }), (error) => {
    assert.equal(error.message, `optimizer ${schema.optimizerName} source db ${RANGE_2} failed at offset 0: connection refused`);
    assert.equal(error.cause, original);
    assert.equal(formatError(error), `optimizer ${schema.optimizerName} source db ${RANGE_2} failed at offset 0: connection refused`);
    return true;
  });
});

test("a thrown non-Error value is still described", async () => {
  const { schema, result } = await runWith({ source: [() => { throw "boom"; }] });
  await assert.rejects(result, (error) => {
    assert.equal(error.cause, "boom");
    assert.equal(formatError(error), `optimizer ${schema.optimizerName} source unknown ${RANGE_1} failed at offset 0: non-Error value thrown: "boom"`);
    return true;
  });
});

test("getPrompt that throws rejects with its message and the range", async () => {
  const { schema, result } = await runWith({
    getPrompt: async () => {
      throw new Error("model overloaded");
    },
  });
  await assert.rejects(result, (error) => {
    assert.equal(error.message, `optimizer ${schema.optimizerName} getPrompt ${RANGE_1} failed: model overloaded`);
    assert.equal(formatError(error), `optimizer ${schema.optimizerName} getPrompt ${RANGE_1} failed: model overloaded`);
    return true;
  });
});

test("getPrompt that returns no text is an error", async () => {
  const { schema, result } = await runWith({ getPrompt: async () => undefined });
  await assert.rejects(result, {
    message: `optimizer ${schema.optimizerName} getPrompt ${RANGE_1} must be a string, got undefined`,
  });
});

test("a page that is not an array, a row without id, or an oversized page is rejected", async () => {
  const notArray = await runWith({ source: [async () => ({ rows: [] })] });
  await assert.rejects(notArray.result, {
    message: `optimizer ${notArray.schema.optimizerName} source unknown ${RANGE_1} returned {"rows":[]} at offset 0, expected an array of rows`,
  });
  const noId = await runWith({ source: [async () => [{ id: 1 }, { name: "x" }]] });
  await assert.rejects(noId.result, {
    message: `optimizer ${noId.schema.optimizerName} source unknown ${RANGE_1} returned a row without a string or number id at offset 1: {"name":"x"}`,
  });
  const oversized = await runWith({ source: [async () => makeRows(26)] });
  await assert.rejects(oversized.result, {
    message: `optimizer ${oversized.schema.optimizerName} source unknown ${RANGE_1} returned 26 rows at offset 0, more than the limit of 25`,
  });
});

test("a message formatter that throws names the source", async () => {
  const { schema, result } = await runWith({
    source: [{ name: "fmt", fetch: async () => makeRows(1), user: () => { throw new Error("bad format"); } }],
  });
  await assert.rejects(result, (error) => {
    assert.equal(formatError(error), `optimizer ${schema.optimizerName} source fmt ${RANGE_1} message formatting failed: bad format`);
    return true;
  });
});
