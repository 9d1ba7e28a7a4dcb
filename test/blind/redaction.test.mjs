// Blind mode: what getPrompt wrote must not carry dates, prices or the symbol into the
// generated file. They are taken out, the warning event says how many, and the file's
// comment says the text was checked; the text itself still goes in byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, listenWarning, Optimizer } from "../../build/index.mjs";
import { uniqueName } from "../helpers/optimizer.mjs";

/** Candle rows of a source: the price band the check tells prices by (about 20,000 to 21,000). */
const CANDLE_ROWS = [
  { id: 1, timestamp: Date.UTC(2023, 2, 10), open: 20150.31, high: 20999.5, low: 20001.25, close: 20500 },
  { id: 2, timestamp: Date.UTC(2023, 2, 11), open: 20500, high: 20700, low: 20300.75, close: 20650.1 },
];

const schemaWith = (strategy, extra = {}) => ({
  optimizerName: uniqueName("redact"),
  prefix: "redact",
  rangeTrain: [{ startDate: new Date("2023-03-10T00:00:00Z"), endDate: new Date("2023-03-11T23:59:00Z") }],
  rangeTest: { startDate: new Date("2023-03-12T00:00:00Z"), endDate: new Date("2023-03-12T01:00:00Z") },
  source: [async ({ offset }) => (offset === 0 ? CANDLE_ROWS : [])],
  getPrompt: async () => strategy,
  ...extra,
});

/** The strategy prompt literal of the generated file, parsed back to its string. */
const strategyPromptOf = (code) => JSON.parse(/const strategyPrompt = (".*");/.exec(code)[1]);

test("dates, prices and the symbol leave a blind strategy text; a warning counts them and the file says so", async (t) => {
  const text =
    "On 2023-03-10 and March 11, 2023 BTCUSDT (BTC) bounced at 20,150.31 and 20500; buy BTC dips of 1.5% " +
    "with a 0.8% stop, EMA 9/21, hold 240 minutes. Epoch 1678406400000.";
  const schema = schemaWith(text);
  addOptimizer(schema);
  const warnings = [];
  const conversationWarnings = [];
  const stop = listenWarning((warning) => warning.kind === "blind-strategy-redacted" && warnings.push(warning));
  const stopConversation = listenWarning((warning) => warning.kind === "blind-conversation-leak" && conversationWarnings.push(warning));
  t.after(stop);
  t.after(stopConversation);
  const [strategy] = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(
    strategy.strategy,
    "On [date] and [date] ASSET (ASSET) bounced at [price] and [price]; buy ASSET dips of 1.5% " +
      "with a 0.8% stop, EMA 9/21, hold 240 minutes. Epoch [date]."
  );
  // the default user message is the rows as JSON: two epoch timestamps and eight real prices the model read
  const conversation = { dates: 2, prices: 8, symbols: 0 };
  assert.deepEqual(strategy.blindCheck, { dates: 3, prices: 2, symbols: 3, pricesChecked: true, conversation });
  assert.deepEqual(conversationWarnings.map((w) => w.details), [
    { optimizerName: schema.optimizerName, symbol: "BTCUSDT", range: 1, ...conversation },
  ]);
  assert.match(conversationWarnings[0].message, /the training conversation carried 2 date\(s\), 8 price\(s\) and 0 symbol name\(s\).*formatCandlesBlind$/);
  assert.deepEqual(warnings.map((w) => w.details), [
    { optimizerName: schema.optimizerName, symbol: "BTCUSDT", range: 1, dates: 3, prices: 2, symbols: 3 },
  ]);
  assert.match(warnings[0].message, /blind mode took 3 date\(s\), 2 price\(s\) and 3 symbol name\(s\) out of the strategy text/);

  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.match(code, /^\/\/ Blind mode: this strategy's text was checked for dates, prices and the symbol before it was written here: 3 date\(s\), 2 price\(s\), 3 symbol name\(s\) taken out\.\n\{\n    const \{ addStrategy, .*\n    const blind = readBlindMode\(true\);\n\n    addStrategy\(\{$/m);
  assert.equal(strategyPromptOf(code), strategy.strategy);
});

test("with blind: false the strategy text goes into the file untouched, with no comment and no warning", async (t) => {
  const text = "Buy BTCUSDT on 2023-03-10 at 20500.";
  const schema = schemaWith(text, { blind: false });
  addOptimizer(schema);
  const warnings = [];
  const stop = listenWarning((warning) => warnings.push(warning));
  t.after(stop);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(strategyPromptOf(code), text);
  assert.doesNotMatch(code, /Blind mode/);
  assert.match(code, /const blind = readBlindMode\(false\);/, "the strategy's own mode");
  assert.match(code, /blind: blind \?\? readBlindMode\(false\)/, "json()'s mode when not told");
  assert.deepEqual(warnings, []);
});

test("hostile strategy text stays a string: the comment holds counts only, the prompt comes out byte for byte", async () => {
  const hostile = "*/ globalThis.pwned = 1; /* \u2028 `${globalThis.pwned = 2}` \\ \" ' </script>\n// end";
  const schema = schemaWith(hostile);
  addOptimizer(schema);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.match(code, /^\/\/ Blind mode: .*: none found\.$/m);
  assert.equal(strategyPromptOf(code), hostile);
  assert.equal(globalThis.pwned, undefined);
});

test("without candle rows the comment says prices could not be told apart", async () => {
  const schema = schemaWith("Buy dips of 2%.", { source: [async ({ offset }) => (offset === 0 ? [{ id: 1, value: 3 }] : [])] });
  addOptimizer(schema);
  const [strategy] = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(strategy.blindCheck, { dates: 0, prices: 0, symbols: 0, pricesChecked: false, conversation: { dates: 0, prices: 0, symbols: 0 } });
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.match(code, /checked for dates, prices \(not told apart: no candle rows\) and the symbol/);
});
