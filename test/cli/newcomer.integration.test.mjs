// A newcomer's first hour, through the command line, in a project of their own where
// backtest-kit is installed from its packed tarball (installed once for this file): the
// commands exit by themselves, config errors point at the line, a sweep of a walk-forward
// config names the file's own pick, the figures are honest, the report says the
// uncomfortable part in words, blind leaks in the training conversation are named, the
// bundled data works from anywhere, and dumps of old runs do not pile up.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { access, mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serveBaselineModel } from "../../build/index.mjs";
import { installPackedProject, runProcess } from "../helpers/userProject.mjs";
import { launchChromium, openReport } from "../helpers/chromium.mjs";
import { freePort } from "../helpers/redis.mjs";

/** A command past this is a hang: the test fails instead of waiting for ever. */
const HANG_MS = 180_000;

let project;
let store;

before(async () => {
  project = await installPackedProject("backtest-kit-newcomer-");
  store = join(project.dir, ".backtest-kit", "candles.sqlite");
  const seeded = await cli(["seed", "--bundled", "--store", store], project.dir);
  assert.equal(seeded.code, 0, seeded.stderr);
});

after(() => project?.remove());

/** The environment of a command: the project's candle store, no model unless given, no test runner context. */
const envWith = (extra = {}) => {
  const env = { ...process.env, BACKTEST_KIT_CANDLE_STORE: store, ...extra };
  for (const name of ["NODE_TEST_CONTEXT", "BACKTEST_KIT_VERBOSE", ...(extra.OLLAMA_HOST ? [] : ["OLLAMA_HOST"])]) {
    delete env[name];
  }
  return env;
};

/** Runs the installed backtest-kit command in `cwd`. */
const cli = (args, cwd, extra = {}) => runProcess(process.execPath, [project.cli, ...args], { cwd, env: envWith(extra), timeoutMs: HANG_MS });

/** Runs a generated file with node in `cwd`. */
const runFile = (file, cwd, extra = {}) => runProcess(process.execPath, [file], { cwd, env: envWith(extra), timeoutMs: HANG_MS });

/** A fresh working directory inside the project (node_modules is found from there). */
const workDir = async (name) => {
  const dir = join(project.dir, name);
  await mkdir(dir, { recursive: true });
  return dir;
};

/** `backtest-kit baseline` as a child; resolves once it said where it listens (or exited), to { child, stdout(), exited }. */
const startBaselineCommand = (args, cwd) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [project.cli, "baseline", ...args], { cwd, env: envWith(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const exited = new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
    const ready = () => resolve({ child, stdout: () => stdout, stderr: () => stderr, exited });
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
      if (/listening on /.test(stdout)) ready();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.once("close", ready);
    child.once("error", reject);
  });

/** Blind hourly candles of the store: the source of the configs below. */
const BLIND_SOURCE = `{
    name: "candles-1h",
    fetch: async ({ symbol, startDate, endDate, offset, limit }) => {
      const rows = await CandleStore.read({ exchangeName: "binance", symbol, interval: "1h", since: startDate, limit: 48 });
      return rows.filter((c) => c.timestamp <= endDate.getTime()).map((c) => ({ id: c.timestamp, ...c })).slice(offset, offset + limit);
    },
    user: (symbol, rows) => "ASSET hourly candles:\\n" + formatCandlesBlind(rows, "1h"),
    assistant: () => "Read.",
  }`;

/** The README's way: the config starts the baseline model itself, and never closes it. */
const README_CONFIG = `import { addOptimizer, askText, CandleStore, formatCandlesBlind, serveBaselineModel } from "backtest-kit";

const model = await serveBaselineModel();

addOptimizer({
  optimizerName: "first",
  prefix: "first",
  rangeTrain: [{ startDate: new Date("2023-03-09T00:00:00Z"), endDate: new Date("2023-03-09T23:59:00Z") }],
  rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T05:59:00Z") },
  source: [${BLIND_SOURCE}],
  getPrompt: (symbol, messages) =>
    askText([...messages, { role: "user", content: "Write a trading strategy for ASSET." }], { host: model.host }),
  llm: { host: model.host, model: model.model },
});
`;

test("seed --bundled works from a project of one's own, and data lists the store; a symbol it lacks names the ones it holds", async () => {
  const dir = await workDir("data");
  await assert.rejects(access(join(dir, "data")), { code: "ENOENT" });
  const seeded = await cli(["seed", "--bundled"], dir, { BACKTEST_KIT_CANDLE_STORE: "" });
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /^Seeded binance BTCUSDT from the bundled series .*node_modules\/backtest-kit\/data\/BTCUSDT-1m-2023-03-01_2023-03-21\.csv\.gz/);
  assert.match(seeded.stdout, /1m {5}30240 candles \(30240 new/);

  const listed = await cli(["data"], dir, { BACKTEST_KIT_CANDLE_STORE: "" });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^exchange +symbol +interval +first candle +last candle +rows$/m);
  assert.match(listed.stdout, /^binance +BTCUSDT +1m +2023-03-01T00:00:00\.000Z +2023-03-21T23:59:00\.000Z +30240$/m);
  assert.match(listed.stdout, /^binance +BTCUSDT +8h +2023-03-01T00:00:00\.000Z +2023-03-21T16:00:00\.000Z +63$/m);
  assert.equal(listed.stdout.trim().split("\n").length, 2 + 10, "a title, a header and one line per interval");

  const missing = await cli(["data", "--symbol", "ETHUSDT"], dir, { BACKTEST_KIT_CANDLE_STORE: "" });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /holds no candles of ETHUSDT; it holds: BTCUSDT \(binance\)$/m);
  const none = await cli(["data"], await workDir("empty"), { BACKTEST_KIT_CANDLE_STORE: "" });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no candle store at .*: fill it with backtest-kit seed --bundled/);
});

test("optimize exits by itself when the config leaves its model running, and the file asks the fixed baseline port; the two-terminal way runs it", { timeout: 900_000 }, async (t) => {
  const dir = await workDir("first");
  await writeFile(join(dir, "first.config.mjs"), README_CONFIG);
  const optimized = await cli(["optimize", "first.config.mjs", "--symbol", "BTCUSDT"], dir);
  assert.equal(optimized.timedOut, false, "optimize hung");
  assert.equal(optimized.code, 0, optimized.stderr);
  const file = join(dir, "generated", "first_BTCUSDT.mjs");
  assert.equal(optimized.stdout.trim(), file);
  const code = await readFile(file, "utf8");
  assert.deepEqual([...new Set(code.match(/http:\/\/127\.0\.0\.1:\d+/g))], ["http://127.0.0.1:11435"], "no random port in the file");
  assert.match(code, /host: process\.env\.OLLAMA_HOST \|\| "http:\/\/127\.0\.0\.1:11435"/);
  assert.match(optimized.stderr, /model-host-replaced/);

  // terminal 1: the model; terminal 2: the file, with OLLAMA_HOST
  const port = await freePort();
  const baseline = await startBaselineCommand(["--port", String(port)], dir);
  t.after(() => baseline.child.kill("SIGKILL"));
  assert.match(baseline.stdout(), new RegExp(`^baseline model listening on http://127\\.0\\.0\\.1:${port} `));
  assert.match(baseline.stdout(), /NOT an LLM/);
  const host = `http://127.0.0.1:${port}`;

  // dumps: a folder of an old run, and a folder of this project's files
  const conversations = join(dir, "dump", "strategy");
  await mkdir(join(conversations, "stale-run-folder"), { recursive: true });
  const old = new Date("2020-01-01T00:00:00Z");
  await utimes(join(conversations, "stale-run-folder"), old, old);

  const runs = [];
  for (let run = 1; run <= 4; run += 1) {
    const result = await runFile(file, dir, { OLLAMA_HOST: host });
    assert.equal(result.timedOut, false, `run ${run} hung`);
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    runs.push(result);
    const folders = await readdir(conversations);
    assert.equal(folders.includes("stale-run-folder"), run < 4, `after run ${run}: the old run's folder is kept only while it is among the last 3 runs`);
    assert.ok(folders.filter((name) => !name.startsWith(".") && name !== "stale-run-folder").length > 0, "this run's conversations are kept");
  }
  const [first] = runs;
  // the summary the demo prints: the verdict in words, then the metrics table
  assert.match(first.stdout, /^The best strategy(, first_strategy-1, (gained|lost|ended flat)| lost money: first_strategy-1 lost)/m);
  assert.match(first.stdout, /^It did (worse|better) than buy-and-hold, which (gained|lost|ended flat)/m);
  assert.match(first.stdout, /^\| Rank \| Strategy \| Metric \| Total Signals \|/m);
  assert.match(first.stdout, /^\| - \| Buy and hold \|/m);
  assert.ok(first.stdout.includes(`Model conversations: ${conversations} (the last 3 runs are kept, CC_DUMP_KEEP_RUNS)`), first.stdout);

  // honest figures: a six-hour test is not annualised
  const backtestReport = await readFile(join(dir, "dump", "backtest", "first_strategy-1.md"), "utf8");
  assert.match(backtestReport, /\*\*Expected Yearly Returns:\*\* N\/A/);
  const walkerReport = await readFile(join(dir, "dump", "walker", "first_walker.md"), "utf8");
  assert.match(walkerReport, /^# Walker Comparison Report: first_walker\n\n\*\*The best strategy/);

  // the HTML report: the verdict on top, the key columns in view at 1280 px
  const browser = await launchChromium();
  t.after(() => browser.close());
  const { page, problems } = await openReport(browser, join(dir, "dump", "report.html"), { viewport: { width: 1280, height: 900 } });
  assert.match(await page.textContent("#verdict"), /The best strategy/);
  assert.match(await page.textContent("#verdict"), /buy-and-hold/);
  const columns = await page.evaluate(() => {
    const table = document.querySelector("table.metrics");
    const wrap = table.closest(".table-wrap").getBoundingClientRect();
    return Array.from(table.querySelectorAll("th")).map((th) => ({ text: th.textContent, visible: th.getBoundingClientRect().right <= wrap.right + 0.5 }));
  });
  for (const name of ["Rank", "Strategy", "Total PnL", "Luck p-value", "Trades"]) {
    assert.ok(columns.find((column) => column.text === name)?.visible, `${name} is visible at 1280 px: ${JSON.stringify(columns)}`);
  }
  assert.deepEqual(problems.pageErrors, []);

  baseline.child.kill("SIGTERM");
  const stopped = await baseline.exited;
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.match(stopped.stdout, /baseline model stopped/);
});

test("backtest-kit baseline says its fixed default port, 11435, at start (or that it is in use)", async (t) => {
  const baseline = await startBaselineCommand([], await workDir("port"));
  t.after(() => baseline.child.kill("SIGKILL"));
  if (/listening on /.test(baseline.stdout())) {
    assert.match(baseline.stdout(), /^baseline model listening on http:\/\/127\.0\.0\.1:11435 \(model baseline:latest\)/);
    baseline.child.kill("SIGTERM");
    assert.equal((await baseline.exited).code, 0);
  } else {
    const ended = await baseline.exited;
    assert.equal(ended.code, 1);
    assert.match(ended.stderr, /port 11435 is in use .*choose another with --port/);
  }
  const bad = await cli(["baseline", "--port", "http"], project.dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port must be a whole number from 1 to 65535, got "http"/);
});

test("a config that does not parse or throws while loading is shown with its file, line and caret, in every command that loads configs", { timeout: 300_000 }, async () => {
  const dir = await workDir("broken");
  const broken = [
    'import { addOptimizer } from "backtest-kit";',
    "",
    "addOptimizer({",
    '  optimizerName: "broken",',
    '  rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T03:59:00Z") }',
    "  source: [async () => []],",
    "  rangeTrain: [],",
    "});",
  ].join("\n");
  await writeFile(join(dir, "broken.config.mjs"), broken);
  await writeFile(join(dir, "throws.config.mjs"), 'const settings = null;\nexport default { optimizerName: settings.name };\n');
  const brokenFile = join(dir, "broken.config.mjs");
  const throwsFile = join(dir, "throws.config.mjs");
  const runs = [
    ["optimize", "broken.config.mjs", "--symbol", "BTCUSDT"],
    ["leak-check", "broken.config.mjs", "--symbol", "BTCUSDT"],
    ["sweep", "broken.config.mjs", "--symbols", "BTCUSDT", "--workers", "1"],
  ];
  // a sweep keeps going past a config that fails: its table says why, the lines kept in a code block
  const shown = (args, result) => (args[0] === "sweep" ? result.stdout.replace(/\n\n {2}```text\n/g, "\n").replace(/^ {2}/gm, "") : result.stderr);
  for (const args of runs) {
    for (const verbose of [{}, { BACKTEST_KIT_VERBOSE: "1" }]) {
      const result = await cli(args, dir, verbose);
      assert.equal(result.code, 1, `${args[0]}: ${result.stderr}`);
      const text = shown(args, result);
      assert.ok(text.includes(`${brokenFile}:6\n  source: [async () => []],\n  ^^^^^^\nSyntaxError: Unexpected identifier 'source'`), `${args[0]} ${JSON.stringify(verbose)}: ${text}`);
    }
  }
  for (const args of [["optimize", "throws.config.mjs", "--symbol", "BTCUSDT"], ["sweep", "throws.config.mjs", "--symbols", "BTCUSDT"]]) {
    const result = await cli(args, dir);
    assert.equal(result.code, 1, result.stderr);
    const text = shown(args, result);
    assert.ok(
      text.includes(`${throwsFile}:2:42\nexport default { optimizerName: settings.name };\n                                         ^\nTypeError: Cannot read properties of null (reading 'name')`),
      `${args[0]}: ${text}`
    );
  }
});

test("a sweep of a walk-forward config names the file's own pick on the out-of-sample total, and sweep.md shows each window's best", { timeout: 900_000 }, async (t) => {
  const dir = await workDir("sweep");
  await writeFile(
    join(dir, "wf.config.mjs"),
    `import { addOptimizer, askText, CandleStore, formatCandlesBlind } from "backtest-kit";

addOptimizer({
  optimizerName: "wf",
  prefix: "wf",
  rangeTrain: [
    { startDate: new Date("2023-03-09T00:00:00Z"), endDate: new Date("2023-03-09T23:59:00Z") },
    { startDate: new Date("2023-03-14T00:00:00Z"), endDate: new Date("2023-03-14T23:59:00Z") },
  ],
  rangeTest: [
    { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T02:59:00Z") },
    { startDate: new Date("2023-03-19T03:00:00Z"), endDate: new Date("2023-03-19T05:59:00Z") },
  ],
  source: [${BLIND_SOURCE}],
  getPrompt: (symbol, messages) => askText([...messages, { role: "user", content: "Write a trading strategy for ASSET." }]),
});
`
  );
  const model = await serveBaselineModel();
  t.after(() => model.close());
  const swept = await cli(["sweep", "wf.config.mjs", "--symbols", "BTCUSDT", "--workers", "1"], dir, { OLLAMA_HOST: model.host });
  assert.equal(swept.timedOut, false, "sweep hung");
  assert.equal(swept.code, 0, swept.stderr);
  const [row] = JSON.parse(await readFile(join(dir, "sweep", "sweep.json"), "utf8")).jobs;
  const jobDir = join(dir, "sweep", "wf_BTCUSDT");
  const walkForward = await readFile(join(jobDir, "dump", "walker", "wf_walker_walk_forward.md"), "utf8");
  const filePick = /^## Best Strategy: (.*)$/m.exec(walkForward)[1];
  assert.equal(row.bestStrategy, filePick, "the row is the file's own walk-forward pick");
  assert.equal(row.metric, "out-of-sample total PNL");
  assert.equal(row.walkerName, null);
  assert.match(walkForward, new RegExp(`\\*\\*Out-of-sample total PNL:\\*\\* ${row.bestMetric === null ? "N/A" : `\\${row.bestMetric > 0 ? "+" : ""}${row.bestMetric.toFixed(2)}%`}`));
  assert.equal(row.windows.length, 2);
  const markdown = await readFile(join(dir, "sweep", "sweep.md"), "utf8");
  assert.match(markdown, /\| Windows \| Deflated Sharpe \| PBO \| Status \|/);
  assert.match(markdown, /\| wf \| BTCUSDT \| wf\.config\.mjs \| .* \| out-of-sample total PNL \| .* \| 2 \| [^|]+ \| [^|]+ \| done \|/);
  assert.match(markdown, /^## Walk-forward windows$/m);
  for (const [index, window] of row.windows.entries()) {
    const windowReport = await readFile(join(jobDir, "dump", "walker", `wf_walker-${index + 1}.md`), "utf8");
    assert.equal(window.walkerName, `wf_walker-${index + 1}`);
    assert.equal(window.bestStrategy ?? "N/A", /^## Best Strategy: (.*)$/m.exec(windowReport)[1]);
    assert.ok(markdown.includes(`window ${index + 1} best ${window.bestStrategy ?? "N/A"} (`), markdown);
  }
  assert.ok(markdown.includes(`chosen on the out-of-sample total: ${filePick}`), markdown);
});

test("leak-check and optimize say when the training conversation carried dates and prices", { timeout: 900_000 }, async (t) => {
  const dir = await workDir("leaky");
  await writeFile(
    join(dir, "leaky.config.mjs"),
    `import { addOptimizer, askText, CandleStore } from "backtest-kit";

addOptimizer({
  optimizerName: "leaky",
  prefix: "leaky",
  rangeTrain: [{ startDate: new Date("2023-03-09T00:00:00Z"), endDate: new Date("2023-03-09T23:59:00Z") }],
  rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T01:59:00Z") },
  source: [{
    name: "candles-1h",
    fetch: async ({ symbol, startDate, endDate, offset, limit }) => {
      const rows = await CandleStore.read({ exchangeName: "binance", symbol, interval: "1h", since: startDate, limit: 24 });
      return rows.map((c) => ({ id: c.timestamp, ...c })).slice(offset, offset + limit);
    },
    user: (symbol, rows) => rows.map((c) => new Date(c.timestamp).toISOString() + "[1h]: O:" + c.open + " H:" + c.high + " L:" + c.low + " C:" + c.close + " V:" + c.volume).join("\\n"),
    assistant: () => "Read.",
  }],
  getPrompt: (symbol, messages) => askText([...messages, { role: "user", content: "Write a trading strategy." }]),
});
`
  );
  const model = await serveBaselineModel();
  t.after(() => model.close());
  const optimized = await cli(["optimize", "leaky.config.mjs", "--symbol", "BTCUSDT"], dir, { OLLAMA_HOST: model.host });
  assert.equal(optimized.code, 0, optimized.stderr);
  assert.match(optimized.stderr, /blind-conversation-leak/);
  assert.match(optimized.stderr, /the training conversation carried 24 date\(s\), 96 price\(s\) and 0 symbol name\(s\)/);

  const checked = await cli(["leak-check", "leaky.config.mjs", "--symbol", "BTCUSDT"], dir, { OLLAMA_HOST: model.host });
  assert.equal(checked.code, 0, checked.stderr);
  assert.match(checked.stdout, /\*\*Verdict:\*\* The training conversation carried 24 date\(s\), 96 price\(s\) and 0 symbol name\(s\): the model saw the period/);
  assert.doesNotMatch(checked.stdout, /no sign that the model recognises the period/);
});
