// backtest-kit leak-check: the memorization check from the command line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { ROOT, linkPackage } from "../helpers/generatedRun.mjs";
import { runCli } from "../helpers/cli.mjs";

/** Runs the command in `cwd` with `env` added. */
const cli = (args, cwd, env = {}) => runCli(args, { cwd, env });

/** A config registering one optimizer over the real series (exchange from the test helper). */
const CONFIG = `import { addOptimizer } from "backtest-kit";
import { seriesExchangeTemplate } from ${JSON.stringify(pathToFileURL(join(ROOT, "test", "helpers", "generatedRun.mjs")).href)};
addOptimizer({
  optimizerName: "cli-leak",
  prefix: "clileak",
  rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
  rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T02:00:00Z") },
  source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
  getPrompt: async () => "BASELINE PARAMETERS: mode=trend; fastEma=5; slowEma=13; takeProfitPercent=0.5; stopLossPercent=0.4; holdMinutes=60",
  template: { getExchangeTemplate: seriesExchangeTemplate },
});
`;

test("leak-check prints both runs side by side per strategy and the verdict", async (t) => {
  const baseline = await serveBaselineModel();
  t.after(baseline.close);
  const dir = await makeTempDir(t, "backtest-kit-cli-leak-");
  await linkPackage(dir);
  await writeFile(join(dir, "config.mjs"), CONFIG);
  const { code, stdout, stderr } = await cli(["leak-check", "config.mjs", "--symbol", "BTCUSDT", "--out", "out"], dir, {
    OLLAMA_HOST: baseline.host,
    BACKTEST_KIT_LLM_CACHE: "off",
  });
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^# Memorization check: cli-leak on BTCUSDT$/m);
  assert.ok(stdout.includes(`**File:** ${join(dir, "out", "cli-leak_BTCUSDT.mjs")}`));
  assert.match(stdout, /^\| clileak_strategy-1 \| (\d+) \| \1 \| ([-+][\d.]+%) \| \2 \| 0\.00 \|/m);
  assert.match(stdout, /\*\*Verdict:\*\* The plain run does not do much better than the blind one/);
});

test("leak-check usage mistakes exit with 2 and name the mistake", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-cli-leak-usage-");
  await writeFile(join(dir, "config.mjs"), CONFIG);
  for (const [args, pattern] of [
    [["leak-check", "config.mjs"], /leak-check needs --symbol/],
    [["leak-check"], /leak-check needs a config file/],
    [["leak-check", "a.mjs", "b.mjs", "--symbol", "BTCUSDT"], /leak-check takes one config file, got 2/],
    [["leak-check", "missing.mjs", "--symbol", "BTCUSDT"], /config file not found: .*missing\.mjs/],
  ]) {
    const { code, stderr } = await cli(args, dir);
    assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
    assert.match(stderr, pattern);
  }
});
