import { test } from "node:test";
import assert from "node:assert/strict";
import { addOptimizer, Optimizer } from "backtest-kit";
import { validSchema } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { loadGenerated, argsOf } from "../helpers/standIn.mjs";

test("the generated file registers exchange, frames, one strategy per range, the walker, then launches it", async (t) => {
  const schema = validSchema({ prefix: "fixed", getPrompt: async (symbol, messages) => `prompt ${messages.length}` });
  addOptimizer(schema);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.ok(code.startsWith("#!/usr/bin/env node\n"));
  assert.match(code, /^    askText,\n    askSignal,\n    fetchFromCcxt,\n    formatError,\n\} from "backtest-kit";$/m);
  assert.doesNotMatch(code, /from "uuid"/);

  const calls = await loadGenerated(await makeTempDir(t), code);
  assert.deepEqual(
    calls.map((call) => call.name).filter((name) => !name.startsWith("listen")),
    ["fetchFromCcxt", "addExchange", "addFrame", "addFrame", "addFrame", "readBlindMode", "addStrategy", "readBlindMode", "addStrategy", "addWalker", "collectWarnings", "showProgress", "Walker.background"]
  );
  assert.deepEqual(argsOf(calls, "readBlindMode"), [[true], [true]], "each strategy: blind unless the schema or BACKTEST_KIT_BLIND says otherwise");
  const [[exchange]] = argsOf(calls, "addExchange");
  assert.equal(exchange.exchangeName, "fixed_exchange");
  assert.equal(typeof exchange.getCandles, "function");
  assert.equal(await exchange.formatPrice("BTCUSDT", 1.23456), "1.23");
  assert.equal(await exchange.formatQuantity("BTCUSDT", 0.5), "0.50000000");
  assert.deepEqual(argsOf(calls, "addFrame").map(([frame]) => frame), [
    { frameName: "fixed_train_frame-1", interval: "1m", startDate: schema.rangeTrain[0].startDate, endDate: schema.rangeTrain[0].endDate },
    { frameName: "fixed_train_frame-2", interval: "1m", startDate: schema.rangeTrain[1].startDate, endDate: schema.rangeTrain[1].endDate },
    { frameName: "fixed_test_frame", interval: "1m", startDate: schema.rangeTest.startDate, endDate: schema.rangeTest.endDate },
  ]);
  assert.deepEqual(
    argsOf(calls, "addStrategy").map(([strategy]) => [strategy.strategyName, strategy.interval, typeof strategy.getSignal]),
    [["fixed_strategy-1", "5m", "function"], ["fixed_strategy-2", "5m", "function"]]
  );
  assert.deepEqual(argsOf(calls, "addWalker"), [[{
    walkerName: "fixed_walker",
    exchangeName: "fixed_exchange",
    frameName: "fixed_test_frame",
    strategies: ["fixed_strategy-1", "fixed_strategy-2"],
  }]]);
  assert.deepEqual(argsOf(calls, "Walker.background"), [["BTCUSDT", { walkerName: "fixed_walker" }]]);
  assert.deepEqual(
    calls.map((call) => call.name).filter((name) => name.startsWith("listen")).sort(),
    ["listenDoneBacktest", "listenDoneWalker", "listenError", "listenWalkerComplete"]
  );
  assert.deepEqual(argsOf(calls, "showProgress"), [[]]);
});

test("with a prefix the code is reproducible", async () => {
  const schema = validSchema({ prefix: "repro" });
  addOptimizer(schema);
  const first = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  const second = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  assert.equal(first, second);
});

test("without a prefix every file gets a fresh random 7-character prefix", async () => {
  const schema = validSchema();
  addOptimizer(schema);
  const prefixes = [];
  for (let i = 0; i < 5; i++) {
    const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
    const [, prefix] = code.match(/exchangeName: "([^"]*)_exchange"/);
    prefixes.push(prefix);
  }
  prefixes.forEach((prefix) => assert.match(prefix, /^[a-z0-9]{7}$/));
  assert.equal(new Set(prefixes).size, prefixes.length);
});

test("a template override replaces one section; the other sections stay the defaults", async () => {
  const received = [];
  const schema = validSchema({
    prefix: "tpl",
    template: {
      getExchangeTemplate: async (symbol, exchangeName) => {
        received.push([symbol, exchangeName]);
        return `// custom exchange ${exchangeName}`;
      },
    },
  });
  addOptimizer(schema);
  const code = await Optimizer.getCode("XRPUSDT", { optimizerName: schema.optimizerName });
  assert.deepEqual(received, [["XRPUSDT", "tpl_exchange"]]);
  assert.match(code, /^\/\/ custom exchange tpl_exchange$/m);
  assert.doesNotMatch(code, /ccxt\.binance/);
  assert.match(code, /^    addWalker\(\{$/m);
  assert.match(code, /^async function json\(messages, \{ blind \} = \{\}\) \{$/m);
});

test("the sections come in the documented order", async () => {
  const schema = validSchema({ prefix: "ord" });
  addOptimizer(schema);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  const markers = [
    "#!/usr/bin/env node",
    "async function dumpJson(",
    "async function text(",
    "async function json(",
    "addExchange({",
    'frameName: "ord_train_frame-1"',
    'frameName: "ord_train_frame-2"',
    'frameName: "ord_test_frame"',
    'strategyName: "ord_strategy-1"',
    'strategyName: "ord_strategy-2"',
    "addWalker({",
    "showProgress(",
    "Walker.background(",
  ];
  const positions = markers.map((marker) => code.indexOf(marker));
  positions.forEach((position, index) => assert.ok(position >= 0, `missing ${markers[index]}`));
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
});

test("the default exchange reads candles through the candle store, under the name binance, with the library's fetchFromCcxt for what it lacks", async (t) => {
  const schema = validSchema({ prefix: "store" });
  addOptimizer(schema);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  const calls = await loadGenerated(await makeTempDir(t), code);
  const [[exchange]] = argsOf(calls, "addExchange");
  const since = new Date("2023-03-10T00:00:00Z");
  assert.deepEqual(await exchange.getCandles("BTCUSDT", "5m", since, 10), []);
  const [[options]] = argsOf(calls, "CandleStore.read");
  assert.deepEqual({ ...options, fetch: typeof options.fetch }, {
    exchangeName: "binance", symbol: "BTCUSDT", interval: "5m", since, limit: 10, fetch: "function",
  });
  assert.deepEqual(argsOf(calls, "fetchFromCcxt"), [["binance"]]);
  assert.doesNotMatch(code, /ccxt\.|import\("ccxt"\)/);
  assert.equal(await exchange.formatPrice("BTCUSDT", 1.23456), "1.23");
});
