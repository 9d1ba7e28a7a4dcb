import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { withoutLlmUsage } from "../helpers/llmUsage.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLI = join(ROOT, "bin", "backtest-kit.mjs");
const KILL_AFTER_MS = 240_000;

/** `backtest-kit demo` in `cwd`, as a fresh process with no OLLAMA_* and no store or cache settings. */
const runDemo = (cwd) =>
  new Promise((resolve, reject) => {
    const env = { ...process.env };
    for (const name of Object.keys(env)) {
      if (name.startsWith("OLLAMA_") || name.startsWith("BACKTEST_KIT_") || name === "NODE_TEST_CONTEXT") {
        delete env[name];
      }
    }
    const child = spawn(process.execPath, [CLI, "demo"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });

/** Every file under `dir`, relative, sorted. */
const filesUnder = async (dir) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1))
    .sort();

test("the demo runs the whole pipeline offline with the baseline model, and a second run reuses the caches", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-demo-");
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");

  const first = await runDemo(dir);
  const diagnostics = `stdout:\n${first.stdout.slice(-3000)}\nstderr:\n${first.stderr.slice(-3000)}`;
  assert.equal(first.code, 0, diagnostics);
  assert.match(first.stdout, /OLLAMA_HOST is not set: using the BASELINE model/);
  assert.match(first.stdout, /It is NOT an LLM/);
  assert.match(first.stdout, /Candle store: 30240 BTCUSDT 1m candles \(30240 new\)/);
  const best = /^Best strategy: (demo_strategy-[123])$/m.exec(first.stdout)?.[1];
  assert.ok(best, diagnostics);
  assert.match(first.stdout, /\| 1 \| demo_strategy-[123] \|/);
  assert.match(first.stdout, /^- Deflated Sharpe ratio: (N\/A|\d\.\d{3}, .* once all 3 strategies tried are allowed for: \d+%)$/m);
  assert.match(first.stdout, /^- Probability of backtest overfitting: (N\/A|.*the chance that picking the best of these 3 was overfitting: \d+%.*)$/m);
  assert.match(first.stdout, /^- Cost stress test: demo_strategy-[123] /m);

  const generated = await readFile(join(dir, "generated", "demo_BTCUSDT.mjs"), "utf8");
  assert.equal((generated.match(/addStrategy\(/g) ?? []).length, 3);
  assert.match(generated, /BASELINE PARAMETERS: mode=/, "the baseline's strategies are in the file");
  const walkerReport = await readFile(join(dir, "dump", "walker", "demo_walker.md"), "utf8");
  assert.ok(walkerReport.includes(`## Best Strategy: ${best}`), walkerReport.slice(0, 500));
  for (const name of ["demo_strategy-1", "demo_strategy-2", "demo_strategy-3"]) {
    assert.ok(first.stdout.includes(`dump/backtest/${name}.md`));
    const report = await readFile(join(dir, "dump", "backtest", `${name}.md`), "utf8");
    assert.ok(report.includes(`# Backtest Report: ${name}`));
  }
  assert.ok(first.stdout.includes("dump/report.html"), "the demo names its HTML report");
  const htmlReport = await readFile(join(dir, "dump", "report.html"), "utf8");
  assert.match(htmlReport, /"promptMode":"blind \(no dates, symbol as ASSET, prices rebased to the last close\)"/);
  assert.ok(htmlReport.includes(`"best":"${best}"`), "the HTML report names the same best strategy");
  assert.match(first.stderr, /100\.0% walker demo_walker BTCUSDT: 3\/3 strategies done in/);
  const cacheFiles = await filesUnder(join(dir, ".backtest-kit", "llm-cache"));
  assert.ok(cacheFiles.length > 100, `${cacheFiles.length} cached LLM replies`);

  const second = await runDemo(dir);
  assert.equal(second.code, 0, `${second.stdout.slice(-2000)}\n${second.stderr.slice(-2000)}`);
  assert.match(second.stdout, /Candle store: 30240 BTCUSDT 1m candles \(0 new\)/);
  assert.ok(second.stdout.includes(`Best strategy: ${best}`));
  assert.deepEqual(await filesUnder(join(dir, ".backtest-kit", "llm-cache")), cacheFiles, "every LLM reply came from the cache");
  assert.equal(await readFile(join(dir, "dump", "walker", "demo_walker.md"), "utf8"), walkerReport);
  const secondReport = await readFile(join(dir, "dump", "report.html"), "utf8");
  assert.equal(withoutLlmUsage("report.html", secondReport), withoutLlmUsage("report.html", htmlReport), "the HTML report is reproducible but for what it cost");
  // what it cost: the first run asked the baseline, the second nothing (the generated file says so at exit)
  assert.match(first.stderr, /^LLM usage: [1-9]\d* requests sent, /m);
  assert.match(second.stderr, /^LLM usage: 0 requests sent, [1-9]\d* answered from the cache, .*; tokens: 0 prompt \+ 0 completion; /m);
  assert.match(second.stderr, /^backtest-kit demo: LLM usage: 0 requests sent, /m, "generating the files asked nothing either");
  // where the request pool settled: said when it sent requests, not when the cache answered all
  assert.match(first.stderr, /^backtest-kit demo: LLM requests in flight: adaptive, settled at \d+ \(highest \d+, fell \d+ time\(s\)/m);
  assert.doesNotMatch(second.stderr, /^backtest-kit demo: LLM requests in flight/m, "the pool sent nothing");
});
