// formatError: one line per failure (each layer's context, the root cause once), the full
// chain with BACKTEST_KIT_VERBOSE=1 or { verbose: true }.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatError } from "../../build/index.mjs";

const chain = () => {
  const root = new Error("Cannot find package 'ccxt'");
  const store = new Error("candle store: no candle stored at 2023-03-01T00:00:00.000Z and fetching it failed", { cause: root });
  return new Error("backtest of strategy s1 on ETHUSDT failed", { cause: store });
};

test("one line: every layer's own context, outermost first, then the root cause once", () => {
  assert.equal(
    formatError(chain(), { verbose: false }),
    "backtest of strategy s1 on ETHUSDT failed: candle store: no candle stored at 2023-03-01T00:00:00.000Z and fetching it failed: Cannot find package 'ccxt'"
  );
});

test("a layer that already repeats its cause's message contributes only its own part", () => {
  const root = new Error("disk full");
  const middle = new Error("write failed: disk full", { cause: root });
  const top = new Error("dump failed: write failed: disk full", { cause: middle });
  assert.equal(formatError(top, { verbose: false }), "dump failed: write failed: disk full");
});

test("non-Error values and cycles are described, never looped over", () => {
  assert.equal(formatError("boom", { verbose: false }), 'non-Error value thrown: "boom"');
  const a = new Error("a");
  const b = new Error("b", { cause: a });
  a.cause = b;
  assert.equal(formatError(b, { verbose: false }), "b: a");
});

test("verbose: the line, then each error of the chain with its stack", () => {
  const text = formatError(chain(), { verbose: true });
  const [line, ...rest] = text.split("\n");
  assert.equal(line, formatError(chain(), { verbose: false }));
  assert.match(rest.join("\n"), /^Error: backtest of strategy s1 on ETHUSDT failed\n\s+at /);
  assert.equal(text.match(/^Caused by: Error: /gm).length, 2);
});

test("verbose defaults to BACKTEST_KIT_VERBOSE=1", (t) => {
  const previous = process.env.BACKTEST_KIT_VERBOSE;
  t.after(() => (previous === undefined ? delete process.env.BACKTEST_KIT_VERBOSE : (process.env.BACKTEST_KIT_VERBOSE = previous)));
  process.env.BACKTEST_KIT_VERBOSE = "1";
  assert.match(formatError(chain()), /Caused by: /);
  process.env.BACKTEST_KIT_VERBOSE = "0";
  assert.doesNotMatch(formatError(chain()), /\n/);
});

test("a message that already ends with its causes' whole line (as the library's own errors do) is not repeated", () => {
  const root = new Error("connect ECONNREFUSED 127.0.0.1:9");
  const fetchFailed = new TypeError("fetch failed", { cause: root });
  const wrapped = new Error("source api failed at offset 0: fetch failed: connect ECONNREFUSED 127.0.0.1:9", { cause: fetchFailed });
  const outer = new Error("optimizer o getData failed: source api failed at offset 0: fetch failed: connect ECONNREFUSED 127.0.0.1:9", { cause: wrapped });
  assert.equal(formatError(wrapped, { verbose: false }), wrapped.message);
  assert.equal(formatError(outer, { verbose: false }), outer.message);
});
