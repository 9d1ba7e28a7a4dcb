import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, Optimizer } from "backtest-kit";
import { validSchema, makeRows, arraySource, RANGES } from "../helpers/optimizer.mjs";

test("pagination collects every row in pages of 25, with the range's filter", async () => {
  const rows = makeRows(1234);
  const fetch = arraySource(rows);
  const collected = [];
  const schema = validSchema({
    rangeTrain: [RANGES.rangeTrain[0]],
    source: [fetch],
    callbacks: { onSourceData: (symbol, name, data) => collected.push(data) },
  });
  addOptimizer(schema);
  await Optimizer.getData("ETHUSDT", { optimizerName: schema.optimizerName });
  assert.equal(collected.length, 1);
  assert.deepEqual(collected[0], rows);
  assert.equal(fetch.calls.length, Math.ceil(1234 / 25));
  fetch.calls.forEach((call, page) => {
    assert.deepEqual(call, {
      symbol: "ETHUSDT",
      startDate: RANGES.rangeTrain[0].startDate,
      endDate: RANGES.rangeTrain[0].endDate,
      limit: 25,
      offset: page * 25,
    });
  });
});

test("more than 10,000 rows are all collected: no silent cap", async () => {
  const rows = makeRows(12_345);
  let sourceData;
  const schema = validSchema({
    rangeTrain: [RANGES.rangeTrain[0]],
    source: [arraySource(rows)],
    callbacks: { onSourceData: (symbol, name, data) => (sourceData = data) },
  });
  addOptimizer(schema);
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(sourceData.length, 12_345);
  assert.equal(sourceData.at(-1).id, 12_344);
});

test("an exact multiple of the page size ends on the empty page", async () => {
  const fetch = arraySource(makeRows(50));
  let sourceData;
  const schema = validSchema({
    rangeTrain: [RANGES.rangeTrain[0]],
    source: [fetch],
    callbacks: { onSourceData: (symbol, name, data) => (sourceData = data) },
  });
  addOptimizer(schema);
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(sourceData.length, 50);
  assert.deepEqual(fetch.calls.map((call) => call.offset), [0, 25, 50]);
});

test("rows are de-duplicated by id across pages, first occurrence kept", async () => {
  const pages = [
    [...makeRows(24), { id: 0, value: "duplicate" }],
    [{ id: "a", value: 1 }, { id: 3, value: "duplicate" }],
  ];
  let sourceData;
  const schema = validSchema({
    rangeTrain: [RANGES.rangeTrain[0]],
    source: [async ({ offset }) => pages[offset / 25] ?? []],
    callbacks: { onSourceData: (symbol, name, data) => (sourceData = data) },
  });
  addOptimizer(schema);
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(sourceData, [...makeRows(24), { id: "a", value: 1 }]);
});

test("one user/assistant pair per source; function sources are named unknown; default messages as designed", async () => {
  const fnRows = makeRows(2);
  const objRows = makeRows(2, 100);
  const schema = validSchema({
    rangeTrain: [RANGES.rangeTrain[0]],
    source: [
      arraySource(fnRows),
      {
        name: "news",
        fetch: arraySource(objRows),
        user: (symbol, data, name) => `user ${symbol} ${name} ${data.length}`,
        assistant: async (symbol, data, name) => `assistant ${symbol} ${name} ${data.map((row) => row.id).join(",")}`,
      },
      { name: "", fetch: arraySource(makeRows(1)) },
    ],
  });
  addOptimizer(schema);
  const [strategy] = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(strategy.messages, [
    { role: "user", content: `Прочитай данные и скажи ОК\n\n${JSON.stringify(fnRows)}` },
    { role: "assistant", content: "ОК" },
    { role: "user", content: "user BTCUSDT news 2" },
    { role: "assistant", content: "assistant BTCUSDT news 100,101" },
    { role: "user", content: `Прочитай данные и скажи ОК\n\n${JSON.stringify(makeRows(1))}` },
    { role: "assistant", content: "ОК" },
  ]);
  assert.equal(strategy.name, "unknown, news, unknown");
});

test("getPrompt is called once per training range, after all its sources, with that range's own messages", async () => {
  const promptCalls = [];
  const order = [];
  const perRange = (range) => async ({ startDate }) => {
    order.push(`fetch ${range} ${startDate.toISOString()}`);
    return [{ id: `${range}-${startDate.toISOString()}` }];
  };
  const schema = validSchema({
    source: [perRange("a"), { name: "b", fetch: perRange("b") }],
    getPrompt: async (symbol, messages) => {
      promptCalls.push({ symbol, messages });
      order.push("prompt");
      return `strategy ${promptCalls.length}`;
    },
  });
  addOptimizer(schema);
  const strategies = await Optimizer.getData("SOLUSDT", { optimizerName: schema.optimizerName });

  assert.equal(promptCalls.length, 2);
  assert.deepEqual(order, [
    "fetch a 2023-03-01T00:00:00.000Z",
    "fetch b 2023-03-01T00:00:00.000Z",
    "prompt",
    "fetch a 2023-03-03T00:00:00.000Z",
    "fetch b 2023-03-03T00:00:00.000Z",
    "prompt",
  ]);
  assert.equal(promptCalls[0].messages.length, 4);
  assert.equal(promptCalls[1].messages.length, 4);
  assert.match(promptCalls[0].messages[0].content, /2023-03-01/);
  assert.doesNotMatch(promptCalls[1].messages[0].content, /2023-03-01/);
  assert.deepEqual(
    strategies.map(({ symbol, name, strategy, range }) => ({ symbol, name, strategy, range })),
    [
      { symbol: "SOLUSDT", name: "unknown, b", strategy: "strategy 1", range: RANGES.rangeTrain[0] },
      { symbol: "SOLUSDT", name: "unknown, b", strategy: "strategy 2", range: RANGES.rangeTrain[1] },
    ]
  );
  assert.equal(strategies[0].messages, promptCalls[0].messages);
});

test("callbacks run at the documented moments, in order", async () => {
  const events = [];
  const schema = validSchema({
    source: [{ name: "s", fetch: arraySource(makeRows(2)) }],
    getPrompt: async () => {
      events.push("getPrompt");
      return "p";
    },
    callbacks: {
      onSourceData: (symbol, name, data, startDate, endDate) =>
        events.push(`onSourceData ${symbol} ${name} ${data.length} ${startDate.toISOString()} ${endDate.toISOString()}`),
      onData: (symbol, strategies) => events.push(`onData ${symbol} ${strategies.length}`),
      onCode: (symbol, code) => events.push(`onCode ${symbol} ${code.startsWith("#!/usr/bin/env node")}`),
      onDump: (symbol, filepath) => events.push(`onDump ${symbol}`),
    },
  });
  addOptimizer(schema);
  await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(events, [
    "onSourceData BTCUSDT s 2 2023-03-01T00:00:00.000Z 2023-03-02T00:00:00.000Z",
    "getPrompt",
    "onSourceData BTCUSDT s 2 2023-03-03T00:00:00.000Z 2023-03-04T00:00:00.000Z",
    "getPrompt",
    "onData BTCUSDT 2",
    "onCode BTCUSDT true",
  ]);
});

test("a template override of getUserMessage replaces the default for every source without its own formatter", async () => {
  const schema = validSchema({
    rangeTrain: [RANGES.rangeTrain[0]],
    template: { getUserMessage: (symbol, data, name) => `custom ${name} ${data.length}` },
  });
  addOptimizer(schema);
  const [strategy] = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(strategy.messages, [
    { role: "user", content: "custom unknown 3" },
    { role: "assistant", content: "ОК" },
  ]);
});
