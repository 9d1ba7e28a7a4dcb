// Every error the library wraps says its context and ENDS with the root cause, once
// (`walker wk skipped strategy bad: ... indicator failed`), so loggers, test runners and
// console.log(error.message) show the reason; the chain stays in `.cause`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addExchange,
  addFrame,
  addOptimizer,
  addStrategy,
  addWalker,
  formatError,
  listenError,
  Optimizer,
  Walker,
} from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { uniqueName, validSchema } from "../helpers/optimizer.mjs";

/** The last error of `error`'s cause chain. */
const rootOf = (error) => {
  let item = error;
  while (item instanceof Error && item.cause !== undefined) item = item.cause;
  return item;
};

/** Asserts `message` ends with `reason` and holds it once. */
const assertEndsWithReasonOnce = (message, reason) => {
  assert.ok(message.endsWith(`: ${reason}`), message);
  assert.equal(message.split(reason).length, 2, `the reason once: ${message}`);
};

test("listenError: a walker's skipped strategy ends with the strategy's own reason, chain in .cause", async (t) => {
  const name = uniqueName("wk");
  const original = new Error("indicator failed");
  addExchange(createSeriesExchange(`${name}-exchange`));
  addFrame({ frameName: `${name}-frame`, interval: "1m", startDate: new Date("2023-03-16T00:00:00Z"), endDate: new Date("2023-03-16T01:00:00Z") });
  addStrategy({ strategyName: `${name}-good`, interval: "5m", getSignal: async () => null });
  addStrategy({
    strategyName: `${name}-bad`,
    interval: "5m",
    getSignal: async () => {
      throw original;
    },
  });
  addWalker({
    walkerName: name,
    exchangeName: `${name}-exchange`,
    frameName: `${name}-frame`,
    strategies: [`${name}-good`, `${name}-bad`],
  });
  const errors = [];
  const stop = listenError((error) => errors.push(error));
  t.after(stop);
  for await (const _ of Walker.run("BTCUSDT", { walkerName: name })) {
    // each strategy's backtest
  }
  const skipped = errors.filter((error) => error.message.startsWith(`walker ${name} skipped strategy ${name}-bad: `));
  assert.equal(skipped.length, 1, errors.map((error) => error.message).join("\n"));
  const [error] = skipped;
  assertEndsWithReasonOnce(error.message, "indicator failed");
  assert.equal(rootOf(error), original, "the chain is kept in .cause");
  assert.equal(formatError(error, { verbose: false }), error.message, "formatError adds nothing the message lacks");
});

test("Optimizer.getData: a source that fails ends with the database's reason, chain in .cause", async () => {
  const original = new Error("database gone");
  const schema = validSchema({
    source: [{ name: "db", fetch: async () => { throw original; } }],
  });
  addOptimizer(schema);
  const error = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName }).then(
    () => assert.fail("getData resolved"),
    (error) => error
  );
  assert.match(error.message, new RegExp(`^optimizer ${schema.optimizerName} source db range 1 \\(.*\\) failed at offset 0: database gone$`));
  assertEndsWithReasonOnce(error.message, "database gone");
  assert.equal(error.cause, original);
});

test("a cause that keeps its own reason in .cause (Node's 'fetch failed') is spelled out to its root", async () => {
  const root = new Error("connect ECONNREFUSED 127.0.0.1:9");
  const fetchFailed = new TypeError("fetch failed", { cause: root });
  const schema = validSchema({ source: [{ name: "api", fetch: async () => { throw fetchFailed; } }] });
  addOptimizer(schema);
  const error = await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName }).then(
    () => assert.fail("getData resolved"),
    (error) => error
  );
  assert.ok(error.message.endsWith(": fetch failed: connect ECONNREFUSED 127.0.0.1:9"), error.message);
  assert.equal(error.cause, fetchFailed);
  assert.equal(rootOf(error), root);
  assert.equal(formatError(error, { verbose: false }), error.message, "the one line says it once");
});

test("a callback that throws: the message names the callback once and ends with its reason once", async () => {
  const original = new Error("callback broke");
  const schema = validSchema({ callbacks: { onData: () => { throw original; } } });
  addOptimizer(schema);
  const error = await Optimizer.dump("BTCUSDT", { optimizerName: schema.optimizerName }, "/nonexistent-dir-not-written").then(
    () => assert.fail("dump resolved"),
    (error) => error
  );
  assertEndsWithReasonOnce(error.message, "callback broke");
  assert.equal(error.message.split("callbacks.onData failed").length, 2, error.message);
  assert.equal(rootOf(error), original);
});
