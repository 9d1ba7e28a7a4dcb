import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, listOptimizers, Optimizer } from "backtest-kit";
import { validSchema, uniqueName, RANGES } from "../helpers/optimizer.mjs";

const PREFIX = "optimizer template validation failed:";

/** Asserts that addOptimizer rejects `schema` with exactly `message`. */
const rejects = (schema, message) => assert.throws(() => addOptimizer(schema), { message });

test("a valid schema registers and is listed", async () => {
  const schema = validSchema();
  addOptimizer(schema);
  const listed = await listOptimizers();
  assert.ok(listed.some((item) => item === schema));
});

test("a duplicate name is rejected with the reference text", () => {
  const schema = validSchema();
  addOptimizer(schema);
  rejects({ ...schema }, `optimizer ${schema.optimizerName} already exist`);
});

test("an unknown optimizer is rejected with the reference text", async () => {
  const name = uniqueName("missing");
  await assert.rejects(Optimizer.getData("BTCUSDT", { optimizerName: name }), {
    message: `optimizer ${name} not found source=optimizerGlobalService getData`,
  });
  await assert.rejects(Optimizer.getCode("BTCUSDT", { optimizerName: name }), {
    message: `optimizer ${name} not found source=optimizerGlobalService getCode`,
  });
  await assert.rejects(Optimizer.dump("BTCUSDT", { optimizerName: name }, "./x"), {
    message: `optimizer ${name} not found source=optimizerGlobalService dump`,
  });
});

test("a schema that is not an object is rejected", () => {
  rejects(null, `${PREFIX} the schema must be an object, got null`);
});

test("a missing or empty optimizerName is rejected", () => {
  rejects(validSchema({ optimizerName: undefined }), `${PREFIX} missing optimizerName (a non-empty string), got undefined`);
  rejects(validSchema({ optimizerName: "  " }), `${PREFIX} missing optimizerName (a non-empty string), got "  "`);
  rejects(validSchema({ optimizerName: 42 }), `${PREFIX} missing optimizerName (a non-empty string), got 42`);
});

test("an empty or missing rangeTrain is rejected, naming the optimizer", () => {
  const schema = validSchema({ rangeTrain: [] });
  rejects(schema, `${PREFIX} rangeTrain must be a non-empty array for optimizerName="${schema.optimizerName}"`);
  const missing = validSchema({ rangeTrain: undefined });
  rejects(missing, `${PREFIX} rangeTrain must be a non-empty array for optimizerName="${missing.optimizerName}"`);
});

test("an empty source is rejected, naming the optimizer", () => {
  const schema = validSchema({ source: [] });
  rejects(schema, `${PREFIX} source must be a non-empty array for optimizerName="${schema.optimizerName}"`);
});

test("a getPrompt that is not a function is rejected", () => {
  const schema = validSchema({ getPrompt: "write me a strategy" });
  rejects(schema, `${PREFIX} getPrompt must be a function, got "write me a strategy" for optimizerName="${schema.optimizerName}"`);
});

test("a missing rangeTest is rejected", () => {
  const schema = validSchema({ rangeTest: undefined });
  rejects(schema, `${PREFIX} rangeTest is required for optimizerName="${schema.optimizerName}"`);
});

test("a range whose dates are not valid Dates is rejected, naming the field and value", () => {
  const asString = validSchema({
    rangeTrain: [RANGES.rangeTrain[0], { startDate: "2023-03-01", endDate: new Date("2023-03-02") }],
  });
  rejects(asString, `${PREFIX} rangeTrain[1].startDate must be a valid Date, got "2023-03-01" for optimizerName="${asString.optimizerName}"`);
  const invalid = validSchema({ rangeTest: { startDate: new Date("2023-03-01"), endDate: new Date("not a date") } });
  rejects(invalid, `${PREFIX} rangeTest.endDate must be a valid Date, got Invalid Date for optimizerName="${invalid.optimizerName}"`);
  const notObject = validSchema({ rangeTest: 5 });
  rejects(notObject, `${PREFIX} rangeTest must be an object with startDate and endDate, got 5 for optimizerName="${notObject.optimizerName}"`);
});

test("a range whose startDate is after its endDate is rejected", () => {
  const schema = validSchema({
    rangeTrain: [{ startDate: new Date("2023-03-02T00:00:00Z"), endDate: new Date("2023-03-01T00:00:00Z") }],
  });
  rejects(
    schema,
    `${PREFIX} rangeTrain[0].startDate 2023-03-02T00:00:00.000Z is after rangeTrain[0].endDate 2023-03-01T00:00:00.000Z for optimizerName="${schema.optimizerName}"`
  );
});

test("a source that is neither a function nor an object with fetch is rejected", () => {
  const schema = validSchema({ source: [async () => [], { name: "db" }] });
  rejects(
    schema,
    `${PREFIX} source[1] must be a fetch function or an object with a fetch function, got {"name":"db"} for optimizerName="${schema.optimizerName}"`
  );
  const text = validSchema({ source: ["SELECT *"] });
  rejects(
    text,
    `${PREFIX} source[0] must be a fetch function or an object with a fetch function, got "SELECT *" for optimizerName="${text.optimizerName}"`
  );
  const badFormatter = validSchema({ source: [{ name: "db", fetch: async () => [], user: "hi" }] });
  rejects(badFormatter, `${PREFIX} source[0].user must be a function, got "hi" for optimizerName="${badFormatter.optimizerName}"`);
});

test("unknown template methods and callbacks, and non-function ones, are rejected", () => {
  const typo = validSchema({ template: { getStrategyTemplat: () => "" } });
  assert.throws(() => addOptimizer(typo), {
    message: new RegExp(`^optimizer template validation failed: template\\.getStrategyTemplat is not one of getTopBanner, .*getJsonDumpTemplate(, \\w+)* for optimizerName="${typo.optimizerName}"$`),
  });
  const notFn = validSchema({ callbacks: { onData: true } });
  rejects(notFn, `${PREFIX} callbacks.onData must be a function, got true for optimizerName="${notFn.optimizerName}"`);
});

test("prefix and maxRows are checked", () => {
  const prefix = validSchema({ prefix: "" });
  rejects(prefix, `${PREFIX} prefix must be a non-empty string, got "" for optimizerName="${prefix.optimizerName}"`);
  const maxRows = validSchema({ maxRows: 2.5 });
  rejects(maxRows, `${PREFIX} maxRows must be a positive integer, got 2.5 for optimizerName="${maxRows.optimizerName}"`);
});

test("a registration that fails validation leaves no trace: the name stays free", async () => {
  const name = uniqueName("retry");
  assert.throws(() => addOptimizer(validSchema({ optimizerName: name, source: [] })));
  assert.ok(!(await listOptimizers()).some((schema) => schema.optimizerName === name));
  await assert.rejects(Optimizer.getData("BTCUSDT", { optimizerName: name }), /not found/);
  assert.doesNotThrow(() => addOptimizer(validSchema({ optimizerName: name })));
  const data = await Optimizer.getData("BTCUSDT", { optimizerName: name });
  assert.equal(data.length, 2);
});

test("names that exist on Object.prototype are ordinary names", async () => {
  for (const optimizerName of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
    addOptimizer(validSchema({ optimizerName, getPrompt: async () => `for ${optimizerName}` }));
    const [first] = await Optimizer.getData("BTCUSDT", { optimizerName });
    assert.equal(first.strategy, `for ${optimizerName}`);
  }
});

test("facade arguments are checked, naming the field", async () => {
  const schema = validSchema();
  addOptimizer(schema);
  await assert.rejects(Optimizer.getData("", { optimizerName: schema.optimizerName }), {
    message: 'optimizerGlobalService getData: symbol must be a non-empty string, got ""',
  });
  await assert.rejects(Optimizer.getCode("BTCUSDT", null), {
    message: "Optimizer.getCode: context must be an object { optimizerName }, got null",
  });
  await assert.rejects(Optimizer.dump("BTCUSDT", { optimizerName: schema.optimizerName }, 7), {
    message: "optimizerGlobalService dump: path must be a non-empty string, got 7",
  });
});
