import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

test("the CommonJS build loads with require and runs an optimizer", async () => {
  const { addOptimizer, Optimizer, listOptimizers } = require("backtest-kit");
  assert.match(require.resolve("backtest-kit"), /build[\\/]index\.cjs$/);
  addOptimizer({
    optimizerName: "cjs",
    prefix: "cjs",
    rangeTrain: [{ startDate: new Date("2023-03-01"), endDate: new Date("2023-03-02") }],
    rangeTest: { startDate: new Date("2023-03-03"), endDate: new Date("2023-03-04") },
    source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
    getPrompt: async () => "cjs strategy",
  });
  assert.equal((await listOptimizers()).length, 1);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: "cjs" });
  assert.match(code, /const strategyPrompt = "cjs strategy";/);
});
