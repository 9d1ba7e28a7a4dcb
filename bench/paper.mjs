// Paper trading benchmark: the demo's test day (2023-03-19, 1440 ticks) rehearsed at full
// speed through the live loop (`backtest-kit paper --from --until`), against the backtest
// of the same day with the same model answers, each in a fresh process. Then a rehearsal killed with SIGKILL after its first closed trade is resumed: the time from the
// start of the resumed run to its first tick (import of the file, stored state, first tick).
// Setup (not timed): `backtest-kit demo` in a temp project, so every model answer is in
// the cache. Figures are medians of RUNS fresh processes.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = 3;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(ROOT, "bin", "backtest-kit.mjs");
const FILE = join("generated", "demo_BTCUSDT.mjs");
const DAY = { from: "2023-03-19T00:00:00Z", until: "2023-03-19T23:59:00Z" };

/**
 * The child: "rehearse" runs one rehearsal of the day and prints its timings; "backtest"
 * rehearses a single tick (to load the file's registrations), then times a cold backtest
 * of the day, as the parity check runs it. Each runs in a fresh process.
 */
const CHILD = `import { addFrame, Backtest, Paper, setConfig } from "backtest-kit";
const [mode, file, out] = process.argv.slice(2);
const day = { from: ${JSON.stringify(DAY.from)}, until: ${JSON.stringify(DAY.until)} };
if (mode === "rehearse") {
  const result = await Paper.run(file, { out, ...day });
  console.log(JSON.stringify({ ...result.timings, parity: result.parity.text.split("\\n")[0] }));
} else {
  const { strategyName, symbol } = await Paper.run(file, { out, from: day.from, until: day.from });
  // The trades only, as the parity check runs it (no luck test after them).
  setConfig({ CC_LUCK_SIMULATIONS: 0 });
  const context = { strategyName, exchangeName: "demo_exchange", frameName: "bench-day" };
  addFrame({ frameName: "bench-day", interval: "1m", startDate: new Date(day.from), endDate: new Date(day.until) });
  const began = performance.now();
  let trades = 0;
  for await (const _ of Backtest.run(symbol, context)) {
    trades += 1;
  }
  console.log(JSON.stringify({ backtestMs: performance.now() - began, trades }));
}
`;

const median = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const env = (host) => {
  const copy = { ...process.env, OLLAMA_HOST: host };
  delete copy.NODE_TEST_CONTEXT;
  return copy;
};

/** One child run in a fresh process ("rehearse" or "backtest"); what it printed. */
const runChild = (dir, host, mode, out) => {
  const child = spawnSync(process.execPath, ["paper-bench-child.mjs", mode, FILE, out], { cwd: dir, env: env(host), encoding: "utf8" });
  if (child.status !== 0) {
    throw new Error(`the ${mode} run failed: ${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(child.stdout.trim().split("\n").pop());
};

/** A rehearsal through the command, killed with SIGKILL once it has closed its first trade (trades.json exists). */
const killMidway = (dir, host, out) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, "paper", FILE, "--out", out, "--from", DAY.from, "--until", DAY.until], {
      cwd: dir,
      env: env(host),
      stdio: "ignore",
    });
    const poll = setInterval(() => {
      if (existsSync(join(dir, out, "trades.json"))) {
        child.kill("SIGKILL");
      }
    }, 5);
    child.on("exit", (code, signal) => {
      clearInterval(poll);
      resolve(signal);
    });
  });

const main = async () => {
  const dir = await mkdtemp(join(tmpdir(), "backtest-kit-bench-paper-"));
  try {
    await mkdir(join(dir, "node_modules"));
    await symlink(ROOT, join(dir, "node_modules", "backtest-kit"), "dir");
    const demoEnv = { ...process.env };
    delete demoEnv.OLLAMA_HOST;
    const demo = spawnSync(process.execPath, [CLI, "demo"], { cwd: dir, env: demoEnv, encoding: "utf8" });
    const host = /BASELINE model at (http:\/\/\S+)/.exec(demo.stdout)?.[1];
    if (demo.status !== 0 || host === undefined) {
      throw new Error(`the demo failed: ${demo.stderr.slice(-2000)}`);
    }
    await writeFile(join(dir, "paper-bench-child.mjs"), CHILD);
    const fresh = [];
    const backtests = [];
    for (let run = 0; run < RUNS; run++) {
      backtests.push(runChild(dir, host, "backtest", `backtest-${run}`));
      fresh.push(runChild(dir, host, "rehearse", `fresh-${run}`));
    }
    const tradeMs = median(fresh.map((timing) => timing.tradeMs));
    const parityMs = median(backtests.map((timing) => timing.backtestMs));
    const resumed = [];
    for (let run = 0; run < RUNS; run++) {
      const signal = await killMidway(dir, host, `killed-${run}`);
      if (signal !== "SIGKILL") {
        throw new Error(`the rehearsal to kill ended by itself (${signal}) before its first trade closed`);
      }
      resumed.push(runChild(dir, host, "rehearse", `killed-${run}`));
    }
    console.log(`Paper rehearsal of one day (1440 ticks, ${fresh[0].parity}), ${cpus().length} cores, medians of ${RUNS}:`);
    console.log(`  live loop at full speed: ${tradeMs.toFixed(0)} ms; backtest of the same day: ${parityMs.toFixed(0)} ms; ratio ${(tradeMs / parityMs).toFixed(2)}x (target: within 2x)`);
    const resumeMs = median(resumed.map((timing) => timing.loadMs + timing.firstTickMs));
    console.log(`  resume after SIGKILL: ${resumeMs.toFixed(0)} ms from the run's start to its first tick (import ${median(resumed.map((t) => t.loadMs)).toFixed(0)} ms + stored state and first tick ${median(resumed.map((t) => t.firstTickMs)).toFixed(0)} ms; target under 1000 ms), then the catch-up: ${median(resumed.map((t) => t.tradeMs)).toFixed(0)} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

await main();
