// With every concurrency setting at its sequential value the library behaves exactly as
// before concurrency existed: the walker scenario's whole observable sequence equals the
// one recorded with the build of html-report at 95c01c6 (main with the luck test,
// buy-and-hold and the trade metrics in the reports), before the walker and prefetch were
// concurrent (test/fixtures/walker-sequence-95c01c6.json, made by
// test/helpers/walkerScenario.mjs against that build), plus the deliberate report changes
// made since: the "Prompt mode" line of blind mode, the annualised ratios, overfitting odds
// and cost stress test, Expected Yearly Returns compounded (N/A for this range, shorter than
// CC_ANNUALISE_MIN_DAYS), the walker report's verdict sentences at its top (re-recorded
// under the sequential settings; every event and callback line is unchanged) and the
// rejected signals' messages quoting 1.4's rule ("(priceTakeProfit must be < priceOpen)").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import * as lib from "../../build/index.mjs";
import { runWalkerScenario } from "../helpers/walkerScenario.mjs";

const FIXTURE = new URL("../fixtures/walker-sequence-95c01c6.json", import.meta.url);

test("LLM concurrency 1, walker concurrency 1 and prefetch 0 give the events, callbacks and reports of the sequential library, even for strategies that declare prefetch", async (t) => {
  lib.setConfig({ CC_LLM_CONCURRENCY: 1, CC_WALKER_CONCURRENCY: 1, CC_SIGNAL_PREFETCH: 0 });
  t.after(() => lib.setConfig({ CC_LLM_CONCURRENCY: 4, CC_WALKER_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 8 }));
  const expected = (await readFile(FIXTURE, "utf8")).trimEnd();
  const actual = await runWalkerScenario(lib, "seq", { prefetch: true });
  assert.ok(expected.includes('"validation"') && expected.includes('"onStrategyError"'), "the fixture covers failures");
  assert.equal(actual, expected);
});

test("the defaults (walker concurrency 4, prefetch 8) give the same sequence too", async () => {
  const expected = (await readFile(FIXTURE, "utf8")).trimEnd().replaceAll("seq-", "dflt-");
  const actual = await runWalkerScenario(lib, "dflt", { prefetch: true });
  assert.equal(actual, expected);
});
