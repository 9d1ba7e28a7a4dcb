// A training range whose sources all return no rows is an error naming the optimizer,
// the symbol and the range (allowEmptyRanges lets it through); one empty source is a warning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, listenWarning, Optimizer } from "backtest-kit";
import { validSchema, makeRows, arraySource, RANGES } from "../helpers/optimizer.mjs";

const RANGE_1 = "range 1 (2023-03-01T00:00:00.000Z - 2023-03-02T00:00:00.000Z)";

/** Warnings of `kind` raised while `run` runs. */
const warningsDuring = async (kind, run) => {
  const seen = [];
  const stop = listenWarning((warning) => warning.kind === kind && seen.push(warning));
  try {
    await run();
  } finally {
    stop();
  }
  return seen;
};

test("a range whose sources all return no rows is an error naming optimizer, symbol and range; getPrompt is not asked", async () => {
  let prompts = 0;
  const schema = validSchema({
    source: [{ name: "candles", fetch: arraySource([]) }, { name: "news", fetch: arraySource([]) }],
    getPrompt: async () => {
      prompts += 1;
      return "invented";
    },
  });
  addOptimizer(schema);
  await assert.rejects(Optimizer.getData("ETHUSDT", { optimizerName: schema.optimizerName }), (error) => {
    assert.equal(
      error.message,
      `optimizer ${schema.optimizerName} symbol ETHUSDT ${RANGE_1}: no source returned any rows (candles, news), ` +
        "so there is nothing to build a strategy from; check that the data holds this symbol and range, " +
        "or set allowEmptyRanges: true in the optimizer schema"
    );
    return true;
  });
  assert.equal(prompts, 0);
});

test("allowEmptyRanges: true lets empty ranges through, each empty source still a warning", async () => {
  const schema = validSchema({ source: [{ name: "candles", fetch: arraySource([]) }], allowEmptyRanges: true });
  addOptimizer(schema);
  let data;
  const warnings = await warningsDuring("empty-source", async () => {
    data = await Optimizer.getData("ETHUSDT", { optimizerName: schema.optimizerName });
  });
  assert.equal(data.length, 2);
  assert.deepEqual(warnings.map((warning) => warning.details.range), [1, 2]);
});

test("one empty source beside one with rows: an empty-source warning with its payload, and the run goes on", async () => {
  const schema = validSchema({
    source: [{ name: "candles", fetch: arraySource(makeRows(3)) }, { name: "news", fetch: arraySource([]) }],
  });
  addOptimizer(schema);
  let data;
  const warnings = await warningsDuring("empty-source", async () => {
    data = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  });
  assert.equal(data.length, 2);
  assert.deepEqual(warnings[0], {
    kind: "empty-source",
    message: `optimizer ${schema.optimizerName} symbol BTCUSDT ${RANGE_1}: source news returned no rows`,
    details: {
      optimizerName: schema.optimizerName,
      symbol: "BTCUSDT",
      sourceName: "news",
      range: 1,
      startDate: RANGES.rangeTrain[0].startDate.getTime(),
      endDate: RANGES.rangeTrain[0].endDate.getTime(),
    },
  });
  assert.equal(warnings.length, 2);
});

test("allowEmptyRanges must be a boolean, checked at addOptimizer", () => {
  const schema = validSchema({ allowEmptyRanges: "yes" });
  assert.throws(() => addOptimizer(schema), {
    message: `optimizer template validation failed: allowEmptyRanges must be a boolean, got "yes" for optimizerName="${schema.optimizerName}"`,
  });
});
