// Sweeps on one machine: `backtest-kit sweep` runs one job per config, optimizer and
// symbol in worker processes, against the baseline model and the bundled series seeded
// under three symbols. Concurrency must not change a file: three workers give the same
// table and files as one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deflatedSharpeRatio } from "../../build/index.mjs";
import { makeSweepProject, readTreeResults, readTreeText, runCommand, startBaseline, sweepConfigText, sweepEnv, SWEEP_SYMBOLS, writeConfigs } from "../helpers/sweep.mjs";

const MODEL = "sweep-priced-model";
const PRICE = { input: 0.5, output: 2 };

/**
 * Every job's model calls in sweep.json: generating the file asked the model once (the
 * one training range's getPrompt) on top of what its walker run counted; tokens as the
 * baseline reported them, priced, and the same figures in sweep.md's row.
 */
const assertJobCosts = async (out) => {
  const raw = await readTreeText(out);
  const { jobs } = JSON.parse(raw["sweep.json"]);
  const rows = tableRows(raw["sweep.md"]);
  for (const [index, job] of jobs.entries()) {
    const walker = JSON.parse(raw[`${job.id}/walker-results.json`]).llmUsage;
    const usage = job.llmUsage;
    assert.equal(usage.sent, walker.sent + 1, `${job.id}: the walker's requests and the getPrompt one`);
    assert.ok(usage.promptTokens > walker.promptTokens && walker.promptTokens > 0 && walker.completionTokens > 0, JSON.stringify(usage));
    assert.equal(usage.costUsd, (usage.promptTokens * PRICE.input + usage.completionTokens * PRICE.output) / 1_000_000);
    assert.deepEqual(rows[index].slice(-4), [String(usage.sent), String(usage.cached), `${usage.promptTokens} + ${usage.completionTokens}`, `$${usage.costUsd.toPrecision(3).replace(/\.?0+$/, "")}`]);
  }
  assert.match(raw["sweep.md"], /\nModel calls of the 6 jobs run now: \d+ sent, \d+ answered from the cache, \d+ prompt \+ \d+ completion tokens; cost: \$[0-9.]+ USD at the price table\.\n/);
};

const CONFIGS = { "configs/a.mjs": sweepConfigText("fa"), "configs/b.mjs": sweepConfigText("fb", { day: "2023-03-09" }) };
const SYMBOLS = SWEEP_SYMBOLS.join(",");

/** The table's data rows, cell by cell. */
const tableRows = (markdown) =>
  markdown
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Optimizer") && !line.startsWith("| ---"))
    .map((line) => line.slice(2, -2).split(" | "));

test("a local sweep of 6 jobs over 3 workers writes the same table and files as over 1, and a rerun keeps every job", { timeout: 600_000 }, async (t) => {
  const dir = await makeSweepProject(t, CONFIGS);
  const model = await startBaseline(t);
  // the model is priced (a BACKTEST_KIT_LLM_PRICES file), so every job's cost is in the table
  const prices = join(dir, "prices.json");
  await writeFile(prices, JSON.stringify({ [MODEL]: PRICE }));
  const env = sweepEnv(model.host, { OLLAMA_MODEL: MODEL, BACKTEST_KIT_LLM_PRICES: prices });
  const args = ["sweep", "configs/a.mjs", "configs/b.mjs", "--symbols", SYMBOLS];

  const one = await runCommand([...args, "--workers", "1", "--out", "one"], { cwd: dir, env });
  assert.equal(one.code, 0, one.stderr);
  const three = await runCommand([...args, "--workers", "3", "--out", "three"], { cwd: dir, env });
  assert.equal(three.code, 0, three.stderr);

  const rows = tableRows(await readFile(join(dir, "three", "sweep.md"), "utf8"));
  assert.deepEqual(
    rows.map(([optimizer, symbol, config, , , , , , , , status]) => [optimizer, symbol, config, status]),
    ["fa", "fb"].flatMap((optimizer) =>
      SWEEP_SYMBOLS.map((symbol) => [optimizer, symbol, `configs/${optimizer === "fa" ? "a" : "b"}.mjs`, "done"])
    ),
    "one row per job, in config, optimizer and symbol order"
  );
  for (const optimizer of ["fa", "fb"]) {
    const same = rows.filter((row) => row[0] === optimizer).map((row) => row.slice(3, 7));
    assert.deepEqual(same[1], same[0], "the same series under another symbol gives the same result");
    assert.deepEqual(same[2], same[0]);
  }
  assert.ok(rows.some((row) => row[3] !== "N/A" && Number(row[6]) > 0), "some job traded");
  assert.ok(three.stdout.includes("| Optimizer | Symbol | Config | Best strategy | Metric | Value | Trades | Windows | Deflated Sharpe | PBO | Status |"), "the table is printed");

  const filesOne = await readTreeResults(join(dir, "one"));
  const filesThree = await readTreeResults(join(dir, "three"));
  assert.deepEqual(Object.keys(filesThree), Object.keys(filesOne));
  assert.deepEqual(filesThree, filesOne, "three workers write byte for byte what one does (but the model calls' counts)");
  await assertJobCosts(join(dir, "one"));
  for (const id of ["fa_BTCUSDT", "fb_SOLUSDT"]) {
    for (const file of [`${id}.mjs`, "result.json", "walker-results.json", "dump/report.html"]) {
      assert.ok(`${id}/${file}` in filesThree, `${id}/${file} is written`);
    }
  }
  const json = JSON.parse(filesThree["sweep.json"]);
  assert.equal(json.jobs.length, 6);
  for (const [index, job] of json.jobs.entries()) {
    // the deflated Sharpe ratio of each job's pick counts every strategy the sweep tried on its symbol
    const sameSymbol = json.jobs.filter((other) => other.symbol === job.symbol);
    const sharpes = sameSymbol.flatMap((other) => other.sharpes);
    const mean = sharpes.reduce((a, b) => a + b, 0) / sharpes.length;
    const sharpeVariance = sharpes.reduce((a, v) => a + (v - mean) ** 2, 0) / (sharpes.length - 1);
    const trials = sameSymbol.reduce((sum, other) => sum + other.strategies, 0);
    assert.equal(trials, 2, "a strategy from each config on the symbol");
    const expected =
      job.bestShape === null || sharpes.length < 2 ? "N/A" : deflatedSharpeRatio({ ...job.bestShape, trials, sharpeVariance }).toFixed(3);
    assert.equal(rows[index][8].split(" ")[0], expected, `${job.id} deflated Sharpe`);
    assert.equal(rows[index][9].split(" ")[0], job.pbo === null ? "N/A" : job.pbo.toFixed(3), `${job.id} PBO`);
  }
  assert.equal(json.done, 6);
  assert.ok(json.jobs.every((job) => job.attempts === 1 && job.reused === false && /^[0-9a-f]{64}$/.test(job.configHash)));

  // A rerun with the model gone keeps every job: nothing asks it.
  await model.close();
  const again = await runCommand([...args, "--workers", "3", "--out", "three"], { cwd: dir, env });
  assert.equal(again.code, 0, again.stderr);
  const kept = tableRows(again.stdout);
  assert.equal(kept.length, 6);
  assert.ok(kept.every((row) => row[10] === "done (kept)"), again.stdout);
  assert.deepEqual(kept.map((row) => row.slice(0, 7)), rows.map((row) => row.slice(0, 7)));

  // A config whose content changed runs again; with the model gone its jobs fail, the others stay kept.
  await writeConfigs(dir, { "configs/b.mjs": sweepConfigText("fb", { day: "2023-03-09", note: "edited" }) });
  const edited = await runCommand([...args, "--workers", "3", "--out", "three"], { cwd: dir, env: { ...env, OLLAMA_HOST: model.host } });
  assert.equal(edited.code, 1, "a failed job makes the exit code 1");
  const editedRows = tableRows(edited.stdout);
  assert.deepEqual(
    editedRows.map((row) => `${row[0]} ${row[10]}`),
    [...SWEEP_SYMBOLS.map(() => "fa done (kept)"), ...SWEEP_SYMBOLS.map(() => "fb failed")]
  );
  assert.match(edited.stdout, /## Failed jobs\n\n- fb BTCUSDT: /);
  const failed = JSON.parse(await readFile(join(dir, "three", "fb_BTCUSDT", "result.json"), "utf8"));
  assert.equal(failed.status, "failed");
  assert.equal(failed.attempts, 2, "a model failure is tried CC_SWEEP_ATTEMPTS (2) times");
  assert.match(edited.stderr, /sweep-retry/, "the retry is said");
});

test("a config that does not load fails its rows and the other config's jobs run", { timeout: 300_000 }, async (t) => {
  const dir = await makeSweepProject(t, {
    "good.mjs": sweepConfigText("good"),
    "broken.mjs": `import "backtest-kit";\nthrow new Error("broken on purpose");\n`,
    "empty.mjs": `import "backtest-kit";\n`,
  });
  const model = await startBaseline(t);
  const result = await runCommand(["sweep", "broken.mjs", "good.mjs", "empty.mjs", "--symbols", "BTCUSDT", "--workers", "2"], {
    cwd: dir,
    env: sweepEnv(model.host),
  });
  assert.equal(result.code, 1, result.stderr);
  const rows = tableRows(result.stdout);
  assert.deepEqual(
    rows.map((row) => [row[0], row[2], row[10]]),
    [
      ["N/A", "broken.mjs", "failed"],
      ["good", "good.mjs", "done"],
      ["N/A", "empty.mjs", "failed"],
    ]
  );
  // the file, line and caret of the throw, then the error, in a code block under the job
  assert.match(result.stdout, /- broken\.mjs BTCUSDT: config broken\.mjs failed to load: \/.*\/broken\.mjs:2:7\n\n {2}```text\n {2}throw new Error\("broken on purpose"\);\n {2} {6}\^\n {2}Error: broken on purpose\n {2}```/);
  assert.match(result.stdout, /- empty\.mjs BTCUSDT: empty\.mjs registers no optimizer/);
  const json = JSON.parse(await readFile(join(dir, "sweep", "sweep.json"), "utf8"));
  assert.deepEqual([json.done, json.failed], [1, 2]);
});

test("sweep's usage mistakes are named before any job runs", { timeout: 120_000 }, async (t) => {
  const dir = await makeSweepProject(t, { "a.mjs": sweepConfigText("fa") });
  const env = sweepEnv("http://127.0.0.1:9");
  const cases = [
    [["sweep", "a.mjs"], 2, /sweep needs --symbols/],
    [["sweep", "--symbols", "BTCUSDT"], 2, /sweep needs at least one config file/],
    [["sweep", "missing.mjs", "--symbols", "BTCUSDT"], 2, /config file not found: .*missing\.mjs/],
    [["sweep", "a.mjs", "--symbols", "BTCUSDT,,ETHUSDT"], 2, /--symbols "BTCUSDT,,ETHUSDT" has an empty item at position 2/],
    [["sweep", "a.mjs", "--symbols", "BTC/USDT"], 1, /options\.symbols\[0\] must be a symbol .*got "BTC\/USDT"/],
    [["sweep", "a.mjs", "--symbols", "BTCUSDT", "--workers", "0"], 2, /--workers must be a whole number of at least 1, got "0"/],
    [["sweep", "a.mjs", "--symbols", "BTCUSDT", "--queue", "http://secret:pw@host:1"], 1, /options\.queue must be a redis:\/\/HOST:PORT URL, got "http:\/\/secret:\*\*\*@host:1"/],
    [["sweep", "a.mjs", "--symbols", "BTCUSDT", "--queue", "redis://127.0.0.1:1", "--workers", "2"], 2, /--workers \(local processes\) or --queue/],
    [["sweep", "a.mjs", "--symbols", "BTCUSDT", "--optimizer", "fa"], 2, /sweep takes --symbols, --out, --workers and --queue; --optimizer is not one of them/],
    [["worker"], 2, /worker needs --queue/],
  ];
  for (const [args, code, message] of cases) {
    const result = await runCommand(args, { cwd: dir, env });
    assert.equal(result.code, code, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /pw@/, "a password is never printed");
  }
  await rm(join(dir, "sweep"), { recursive: true, force: true });
});
