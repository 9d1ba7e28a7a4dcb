// A generated file whose run did not succeed says so: when every strategy of the walker
// failed it prints no "Walker completed", ends with a summary naming each strategy and
// its reason (said once), and exits 1; when some failed, the others' result is printed
// and the skipped ones are summarized; a walker that never completes exits 1 too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useTemplateRuns } from "../helpers/templateRun.mjs";

const { run } = useTemplateRuns();
const J = JSON.stringify;

/** A strategy template whose getSignal throws "indicator failed" for the strategies `fails` picks. */
const failingStrategies = (fails) => ({
  getStrategyTemplate: (strategyName, interval) => String.raw`addStrategy({
    strategyName: ${J(strategyName)},
    interval: ${J(interval)},
    getSignal: async () => {
        if (${J(fails(strategyName))}) {
            throw new Error("indicator failed");
        }
        return null;
    },
});`,
});

const diagnostics = (outcome) => `stderr:\n${outcome.stderr.slice(-3000)}\nstdout:\n${outcome.stdout.slice(-1500)}`;

test("a walker in which every strategy failed exits 1 with a summary of each strategy and its reason", async (t) => {
  const outcome = await run(t, failingStrategies(() => true), { ranges: 2 });
  assert.equal(outcome.code, 1, diagnostics(outcome));
  assert.doesNotMatch(outcome.stdout, /Walker completed/, diagnostics(outcome));
  assert.match(outcome.stderr, /^Walker run_walker failed: every strategy failed \(2 of 2\), so there is no best strategy:$/m);
  for (const name of ["run_strategy-1", "run_strategy-2"]) {
    assert.match(outcome.stderr, new RegExp(`^  ${name}: backtest of strategy ${name} on BTCUSDT .*: indicator failed$`, "m"), diagnostics(outcome));
  }
  assert.equal(outcome.stderr.split("indicator failed").length - 1, 2, `each failure said once:\n${outcome.stderr}`);
});

test("a walker in which one of two strategies failed completes, names the best, and summarizes the skipped one", async (t) => {
  const outcome = await run(t, failingStrategies((name) => name.endsWith("-2")), { ranges: 2 });
  assert.equal(outcome.code, 0, diagnostics(outcome));
  // run_strategy-1 ran (no trades, so no best metric): the walker completed
  assert.match(outcome.stdout, /^Walker completed, best strategy: /m, diagnostics(outcome));
  assert.match(outcome.stderr, /^Walker run_walker skipped 1 of 2 strategies:\n  run_strategy-2: .*: indicator failed$/m);
  assert.equal(outcome.stderr.split("indicator failed").length - 1, 1, `the failure said once:\n${outcome.stderr}`);
});

test("a walker that never completes (its exchange is not registered) exits 1 and says so", async (t) => {
  const outcome = await run(t, {
    getWalkerTemplate: (walkerName, exchangeName, frameName, strategies) =>
      `addWalker({ walkerName: ${J(walkerName)}, exchangeName: "missing-exchange", frameName: ${J(frameName)}, strategies: ${J(strategies)} });`,
  });
  assert.equal(outcome.code, 1, diagnostics(outcome));
  assert.match(outcome.stderr, /missing-exchange/);
  assert.match(outcome.stderr, /^Walker run_walker did not complete$/m);
  assert.doesNotMatch(outcome.stdout, /Walker completed/);
});
