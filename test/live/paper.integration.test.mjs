import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { CLI, ROOT, runCli } from "../helpers/cli.mjs";

const FILE = join("generated", "demo_BTCUSDT.mjs");
const DAY = ["--from", "2023-03-19T00:00:00Z", "--until", "2023-03-19T23:59:00Z"];
const UNTIL = Date.parse("2023-03-19T23:59:00Z");

/** A temp project with the demo run in it: the generated file, its walker's reports, the model cache. */
const demoProject = async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-paper-");
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
  const demo = await runCli(["demo"], { cwd: dir });
  assert.equal(demo.code, 0, demo.stderr.slice(-2000));
  const host = /BASELINE model at (http:\/\/\S+)/.exec(demo.stdout)?.[1];
  const best = /^Best strategy: (\S+)$/m.exec(demo.stdout)?.[1];
  assert.ok(host && best, demo.stdout.slice(-2000));
  return { dir, host, best };
};

/**
 * The closed trades of the walker's backtest of `strategyName` (its markdown report),
 * those that close within the day, in trades.json's fields.
 */
const walkerTrades = async (dir, strategyName) => {
  const report = await readFile(join(dir, "dump", "backtest", `${strategyName}.md`), "utf8");
  return report
    .split("\n")
    .filter((line) => /^\| [0-9a-f-]{36} \|/.test(line))
    .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| | \|$/g, "")))
    .map((cells) => ({
      position: cells[2].toLowerCase(),
      priceOpen: cells.at(-9),
      priceClose: cells.at(-8),
      closeReason: cells.at(-4),
      openTime: cells.at(-2),
      closeTime: cells.at(-1),
    }))
    .filter((trade) => Date.parse(trade.closeTime) <= UNTIL);
};

const inReportForm = (trade) => ({
  position: trade.position,
  priceOpen: `${trade.priceOpen.toFixed(8)} USD`,
  priceClose: `${trade.priceClose.toFixed(8)} USD`,
  closeReason: trade.closeReason,
  openTime: trade.openTime,
  closeTime: trade.closeTime,
});

/**
 * Starts the paper rehearsal at 50,000 times real time (the day takes about 1.7 s, tick by
 * tick) and kills it with SIGKILL after `afterMs`; resolves when it is gone.
 */
const killedRehearsal = (cwd, env, out, afterMs) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "paper", FILE, "--out", out, ...DAY, "--speed", "50000"], { cwd, env, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });

test("a rehearsal of the test day killed with SIGKILL several times ends with the walker's trades, every answer from the model cache", async (t) => {
  const { dir, host, best } = await demoProject(t);
  // The model endpoint is closed (the demo stopped it): a prompt that differed would miss the cache and fail.
  const env = { ...process.env, OLLAMA_HOST: host };
  delete env.NODE_TEST_CONTEXT;
  const cacheBefore = await readdir(join(dir, ".backtest-kit", "llm-cache"), { recursive: true });
  const expected = await walkerTrades(dir, best);
  assert.ok(expected.length >= 3, `the walker's backtest of ${best} has trades in the day`);

  let killed = 0;
  for (let run = 0; run < 5; run++) {
    const outcome = await killedRehearsal(dir, env, "paper-out", 300 + Math.floor(Math.random() * 900));
    killed += outcome.signal === "SIGKILL" ? 1 : 0;
  }
  assert.ok(killed >= 3, `the rehearsal was killed mid-way (${killed} times)`);
  // The last run resumes at full speed (history read ahead, quiet ticks skipped).
  const last = await runCli(["paper", FILE, "--out", "paper-out", ...DAY], { cwd: dir, env: { OLLAMA_HOST: host } });
  assert.equal(last.code, 0, last.stderr.slice(-2000));
  assert.match(last.stdout, new RegExp(`parity: ${expected.length} of ${expected.length} trades identical`));
  const trades = JSON.parse(await readFile(join(dir, "paper-out", "trades.json"), "utf8"));
  assert.deepEqual(trades.map(inReportForm), expected);
  assert.ok(trades.every((trade) => trade.strategyName === best));
  const cacheAfter = await readdir(join(dir, ".backtest-kit", "llm-cache"), { recursive: true });
  assert.deepEqual(cacheAfter.sort(), cacheBefore.sort(), "no model answer was added: every prompt was a backtest's");
  const html = await readFile(join(dir, "paper-out", "report.html"), "utf8");
  assert.match(html, /Paper trading of \S+ on BTCUSDT \(paper, (no open position|open position: (long|short) from [0-9.]+ since [0-9TZ:.-]+)\)/);
  assert.match(await readFile(join(dir, "paper-out", `${best}.md`), "utf8"), new RegExp(`^# Paper Trading Report: ${best}`));
});

test("paper names the mistake: not a generated file, unknown strategy, --until before --from, a period without candles, best before a run", async (t) => {
  const { dir, host } = await demoProject(t);
  const run = (args) => runCli(["paper", ...args], { cwd: dir, env: { OLLAMA_HOST: host } });
  await writeFile(join(dir, "plain.mjs"), "export const x = 1;\n");
  const plain = await run(["plain.mjs"]);
  assert.equal(plain.code, 1);
  assert.match(plain.stderr, /plain\.mjs is not a generated file/);
  const unknown = await run([FILE, "--strategy", "nope", ...DAY]);
  assert.match(unknown.stderr, /has no strategy "nope"; its strategies: demo_strategy-1, demo_strategy-2, demo_strategy-3/);
  const backwards = await run([FILE, "--from", "2023-03-19T10:00:00Z", "--until", "2023-03-19T09:00:00Z"]);
  assert.match(backwards.stderr, /--until 2023-03-19T09:00:00Z is before --from 2023-03-19T10:00:00Z/);
  const empty = await run([FILE, "--from", "2030-01-01T00:00:00Z", "--until", "2030-01-02T00:00:00Z"]);
  assert.match(empty.stderr, /has no 1m candle of BTCUSDT from 2030-01-01T00:00:00.000Z to 2030-01-02T00:00:00.000Z/);
  const fresh = await makeTempDir(t, "backtest-kit-paper-fresh-");
  await mkdir(join(fresh, "node_modules"));
  await symlink(ROOT, join(fresh, "node_modules", "backtest-kit"), "dir");
  await mkdir(join(fresh, "generated"));
  await writeFile(join(fresh, FILE), await readFile(join(dir, FILE)));
  const notRun = await runCli(["paper", FILE, ...DAY], { cwd: fresh, env: { OLLAMA_HOST: host } });
  assert.match(notRun.stderr, /--strategy best needs the file's last walker run, and \S+demo_walker\.md does not exist: run the file first/);
});

/** Starts `paper` on the wall clock and sends SIGINT after `afterMs`; resolves with its exit and output. */
const interruptedPaper = (cwd, env, afterMs) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "paper", FILE, "--out", "wall"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGINT"), afterMs);
    const guard = setTimeout(() => child.kill("SIGKILL"), afterMs + 60_000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });

test("paper on the wall clock stops cleanly on Ctrl-C, writes its files, and the same command resumes its state", async (t) => {
  const { dir, host } = await demoProject(t);
  const env = { ...process.env, OLLAMA_HOST: host };
  delete env.NODE_TEST_CONTEXT;
  for (const run of [1, 2]) {
    const outcome = await interruptedPaper(dir, env, 3_000);
    assert.equal(outcome.code, 0, `run ${run}: ${outcome.stderr.slice(-2000)}`);
    assert.match(outcome.stderr, /stopping at the next tick/);
    assert.match(outcome.stdout, /^paper demo_strategy-\d on BTCUSDT: \d+ closed trade\(s\)/m);
    assert.ok(Array.isArray(JSON.parse(await readFile(join(dir, "wall", "trades.json"), "utf8"))));
  }
  const states = await readdir(join(dir, "wall", "state", "live"), { recursive: true });
  assert.ok(states.some((name) => name.endsWith("live-state.json")), `the run's state is stored: ${states.join(", ")}`);
});
