import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { ROOT, runCli } from "../helpers/cli.mjs";

/** Runs the CLI with `args` in `cwd`; resolves to { code, stdout, stderr }. */
const cli = (args, cwd = ROOT) => runCli(args, { cwd });

/** A config that default-exports one optimizer schema. */
const SCHEMA_CONFIG = `export default {
  optimizerName: "cli-schema",
  rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
  rangeTest: { startDate: new Date("2023-03-05T00:00:00Z"), endDate: new Date("2023-03-06T00:00:00Z") },
  source: [async ({ offset }) => (offset === 0 ? [{ id: 1, close: 22000 }] : [])],
  getPrompt: async (symbol) => "Buy " + symbol + " low, sell high.",
};
`;

/** A config that registers two optimizers itself. */
const TWO_CONFIG = `import { addOptimizer } from "backtest-kit";
const base = {
  rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
  rangeTest: { startDate: new Date("2023-03-05T00:00:00Z"), endDate: new Date("2023-03-06T00:00:00Z") },
  source: [async ({ offset }) => (offset === 0 ? [{ id: 1, close: 22000 }] : [])],
  getPrompt: async () => "hold",
};
addOptimizer({ ...base, optimizerName: "first" });
addOptimizer({ ...base, optimizerName: "second" });
`;

test("--help and no command print the usage and exit 0", async () => {
  for (const args of [["--help"], []]) {
    const { code, stdout } = await cli(args);
    assert.equal(code, 0);
    assert.match(stdout, /backtest-kit optimize <config\.mjs> --symbol <SYMBOL>/);
    assert.match(stdout, /backtest-kit demo/);
  }
});

test("optimize writes the generated file of a config's default-exported schema and prints its path", async (t) => {
  const dir = await makeTempDir(t);
  await writeFile(join(dir, "config.mjs"), SCHEMA_CONFIG);
  const { code, stdout, stderr } = await cli(["optimize", "config.mjs", "--symbol", "BTCUSDT", "--out", "out"], dir);
  assert.equal(code, 0, stderr);
  const file = join(dir, "out", "cli-schema_BTCUSDT.mjs");
  assert.equal(stdout.trim(), file);
  const code_ = await readFile(file, "utf8");
  // blind by default: the symbol is taken out of the strategy text, and the file says so
  assert.ok(code_.includes('"Buy ASSET low, sell high."'));
  assert.match(code_, /Blind mode: .* 0 date\(s\), 0 price\(s\), 1 symbol name\(s\) taken out/);
  assert.match(stderr, /100\.0% optimizer cli-schema BTCUSDT: 1\/1 sources done in/);
  assert.doesNotMatch(stderr, /LLM requests in flight/, "no model request, no line about the pool");
});

/** A config whose prompt asks the baseline model (started by the config, uncached). */
const ASKING_CONFIG = `import { askText, serveBaselineModel } from "backtest-kit";
const model = await serveBaselineModel();
export default {
  optimizerName: "cli-asking",
  rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") }],
  rangeTest: { startDate: new Date("2023-03-05T00:00:00Z"), endDate: new Date("2023-03-06T00:00:00Z") },
  source: [async ({ offset }) => (offset === 0 ? [{ id: 1, close: 22000 }] : [])],
  getPrompt: (symbol, messages) =>
    askText([...messages, { role: "user", content: "Write a trading strategy for ASSET." }], { host: model.host, cache: false }),
  llm: { host: model.host, model: model.model },
};
`;

test("optimize says where the model request pool's limit settled once it sent requests", async (t) => {
  const dir = await makeTempDir(t);
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  await writeFile(join(dir, "config.mjs"), ASKING_CONFIG);
  const { code, stderr } = await cli(["optimize", "config.mjs", "--symbol", "BTCUSDT", "--out", "out"], dir);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /^backtest-kit optimize: LLM usage: [1-9]\d* requests sent, /m);
  assert.match(stderr, /^backtest-kit optimize: LLM requests in flight: adaptive, settled at \d+ \(highest \d+, fell \d+ time\(s\)(, last moved from \d+ to \d+ \([a-z-]+\))?\)$/m);
});

test("optimize picks an optimizer with --optimizer when the config registers several", async (t) => {
  const dir = await makeTempDir(t);
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  const config = join(dir, "two.mjs");
  await writeFile(config, TWO_CONFIG);
  const several = await cli(["optimize", config, "--symbol", "BTCUSDT", "--out", dir]);
  assert.equal(several.code, 2);
  assert.match(several.stderr, /registered several optimizers \(first, second\): choose one with --optimizer/);
  const picked = await cli(["optimize", config, "--symbol", "BTCUSDT", "--out", dir, "--optimizer", "second"]);
  assert.equal(picked.code, 0, picked.stderr);
  assert.equal(picked.stdout.trim(), join(dir, "second_BTCUSDT.mjs"));
});

test("clear errors: missing config, unknown optimizer, unwritable output, missing symbol, unknown command or flag", async (t) => {
  const dir = await makeTempDir(t);
  await writeFile(join(dir, "config.mjs"), SCHEMA_CONFIG);
  await writeFile(join(dir, "a-file"), "not a directory");
  const cases = [
    [["optimize", "nope.mjs", "--symbol", "BTCUSDT"], 2, /config file not found: .*nope\.mjs/],
    [["optimize", "config.mjs", "--symbol", "BTCUSDT", "--optimizer", "ghost"], 2, /unknown optimizer "ghost"; .*config\.mjs registered: cli-schema/],
    [["optimize", "config.mjs", "--symbol", "BTCUSDT", "--out", "a-file/out"], 1, /output directory .*a-file\/out is not writable: /],
    [["optimize", "config.mjs"], 2, /optimize needs --symbol/],
    [["optimize"], 2, /optimize needs a config file/],
    [["launch"], 2, /unknown command "launch"/],
    [["optimize", "config.mjs", "--symbl", "BTCUSDT"], 2, /Unknown option '--symbl'/],
    [["demo", "extra"], 2, /demo takes no arguments/],
  ];
  for (const [args, expectedCode, message] of cases) {
    const { code, stderr } = await cli(args, dir);
    assert.equal(code, expectedCode, `${args.join(" ")}: ${stderr}`);
    assert.match(stderr, message, args.join(" "));
    assert.match(stderr, /^backtest-kit: /);
  }
});
