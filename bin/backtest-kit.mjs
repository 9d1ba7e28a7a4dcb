#!/usr/bin/env node
import { parseArgs } from "node:util";
import { runOptimize } from "./optimize.mjs";
import { UsageError } from "./usageError.mjs";
import { runDemo } from "./demo.mjs";
import { runLeakCheck } from "./leakCheck.mjs";
import { runSeed } from "./seed.mjs";
import { runSweep, runWorker } from "./sweep.mjs";
import { runBaseline } from "./baseline.mjs";
import { runData } from "./data.mjs";
import { runPaper } from "./paper.mjs";
import { collectWarnings, formatError, getLlmConcurrency, getLlmUsage } from "../build/index.mjs";

const HELP = `backtest-kit: LLM-written trading strategies, generated as executable files and backtested

Usage:
  backtest-kit optimize <config.mjs> --symbol <SYMBOL>[,<SYMBOL>...] [--out <dir>] [--optimizer <name>]
      Imports the config (it calls addOptimizer, or export-defaults an optimizer schema),
      collects its data with a progress bar and writes <dir>/<optimizer>_<SYMBOL>.mjs
      (default dir ./generated), one file per symbol, the symbols at once. --optimizer
      picks one when the config registers several.
  backtest-kit leak-check <config.mjs> --symbol <SYMBOL> [--out <dir>] [--optimizer <name>]
      The memorization check: writes the file as optimize does, runs its walker twice,
      blind (no dates, symbol or real prices in the prompts) and plain, and prints both
      side by side per strategy; says so when the plain run does much better, a sign the
      model recognises the period. Each run's reports go to <dir>/leak-check/<mode>/dump/.
  backtest-kit seed <candles.csv[.gz]> --exchange <NAME> --symbol <SYMBOL> [--store <file>]
  backtest-kit seed --bundled [--store <file>]
      Stores the 1m candles of a CSV (header open_time, open, high, low, close, volume)
      and every larger interval in the candle store, checked first: a bad line is named
      and nothing is stored. Prints what it stored per interval. --bundled seeds the real
      BTCUSDT series shipped in the package (binance, 1 to 21 March 2023), from anywhere.
  backtest-kit data [--symbol <SYMBOL>] [--exchange <NAME>] [--store <file>]
      Lists what the candle store holds: exchange, symbol, interval, first and last
      candle, rows. A symbol it does not hold fails naming the symbols it does hold.
  backtest-kit baseline [--port 11435]
      Serves the baseline model (a deterministic rule set, not an LLM) in Ollama's protocol
      on 127.0.0.1 in the foreground until Ctrl+C; run optimize and the generated file in
      another terminal with OLLAMA_HOST=http://127.0.0.1:11435.
  backtest-kit sweep <config.mjs>... --symbols <SYMBOL>,<SYMBOL>... [--out <dir>] [--workers <N> | --queue <redis://HOST:PORT>]
      One job per config, optimizer and symbol: writes the generated file, runs its walker and
      keeps its results in <dir>/<optimizer>_<SYMBOL>/ (default dir ./sweep). One progress bar;
      then the table of every job (best strategy, metric, trades, status) on stdout and in
      <dir>/sweep.md and sweep.json. Jobs run in --workers local processes (default: the cores),
      or, with --queue, on a BullMQ queue that worker commands take. A job whose results exist
      for the same config content and symbol is kept. Exit code 1 when a job failed.
  backtest-kit worker --queue <redis://HOST:PORT> [--concurrency <N>] [--lock-ms <MS>]
      Takes sweep jobs from the queue, N at once (default 1), in this directory (it must hold
      the sweep's configs, byte for byte), until SIGINT or SIGTERM. A job of a worker that died
      goes to another worker after --lock-ms (default 30000).
  backtest-kit paper <generated.mjs> [--strategy <name>|best] [--symbol S] [--out DIR] [--from <ISO> --until <ISO> --speed <N>]
      Paper trades a generated file's pick (its registrations; its walker does not run):
      best (the default) is the best strategy of the file's last walker run. Without --from
      on the wall clock, with a status line; Ctrl-C stops, the same command resumes. With
      --from/--until a rehearsal of that period, --speed times faster (default max), then the
      parity check against the backtest of the period. Writes the report, report.html and
      trades.json to DIR (default ./dump/live).
  backtest-kit demo
      The whole pipeline offline, in the working directory: candle store seeded from the
      bundled BTCUSDT series, the baseline model unless OLLAMA_HOST is set, the demo
      optimizer, the generated file run to completion, reports under ./dump/.
  backtest-kit --help

Environment: OLLAMA_HOST, OLLAMA_MODEL, OLLAMA_API_KEY (the model), BACKTEST_KIT_CANDLE_STORE
(candle store file), BACKTEST_KIT_LLM_CACHE_DIR, BACKTEST_KIT_LLM_CACHE=off (LLM response cache),
BACKTEST_KIT_LLM_CACHE=redis://HOST:PORT[/DB] (the LLM response cache in Redis, shared by machines),
BACKTEST_KIT_VERBOSE=1 (print each failure's whole error chain, not only its one line),
BACKTEST_KIT_BLIND=on|off (a generated file's prompt mode).`;

const OPTIONS = {
  symbol: { type: "string" },
  out: { type: "string" },
  optimizer: { type: "string" },
  exchange: { type: "string" },
  store: { type: "string" },
  symbols: { type: "string" },
  workers: { type: "string" },
  queue: { type: "string" },
  concurrency: { type: "string" },
  "lock-ms": { type: "string" },
  bundled: { type: "boolean" },
  port: { type: "string" },
  strategy: { type: "string" },
  from: { type: "string" },
  until: { type: "string" },
  speed: { type: "string" },
  help: { type: "boolean", short: "h" },
};

const parse = (argv) => {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error.message);
  }
};

/** Throws a usage error naming the first flag given that `command` does not take. */
const assertOnlyFlags = (command, given, allowed) => {
  const extra = Object.keys(given).find((name) => given[name] !== undefined && name !== "help");
  if (extra !== undefined) {
    throw new UsageError(`${command} takes ${allowed}; --${extra} is not one of them`);
  }
};

/** Runs one command; resolves to the exit code. */
const main = async (argv) => {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help") {
    console.log(HELP);
    return 0;
  }
  if (command === "optimize") {
    if (values.exchange !== undefined || values.store !== undefined) {
      throw new UsageError("optimize takes --symbol, --out and --optimizer; --exchange and --store belong to seed");
    }
    if (rest.length > 1) {
      throw new UsageError(`optimize takes one config file, got ${rest.length}: ${rest.join(" ")}`);
    }
    const files = await runOptimize({ config: rest[0], symbol: values.symbol, out: values.out, optimizer: values.optimizer });
    files.forEach((file) => console.log(file));
    printLlmUsage(command);
    return 0;
  }
  if (command === "leak-check") {
    if (values.exchange !== undefined || values.store !== undefined) {
      throw new UsageError("leak-check takes --symbol, --out and --optimizer; --exchange and --store belong to seed");
    }
    if (rest.length > 1) {
      throw new UsageError(`leak-check takes one config file, got ${rest.length}: ${rest.join(" ")}`);
    }
    const report = await runLeakCheck({ config: rest[0], symbol: values.symbol, out: values.out, optimizer: values.optimizer });
    console.log(report.report);
    printLlmUsage(command);
    return 0;
  }
  if (command === "seed") {
    if (rest.length > 1) {
      throw new UsageError(`seed takes one CSV file, got ${rest.length}: ${rest.join(" ")}`);
    }
    const { exchange, symbol, store, bundled, ...other } = values;
    assertOnlyFlags("seed", other, "--exchange, --symbol, --store and --bundled");
    console.log(await runSeed({ file: rest[0], bundled, exchange, symbol, store }));
    return 0;
  }
  if (command === "data") {
    const { exchange, symbol, store, ...other } = values;
    assertOnlyFlags("data", other, "--symbol, --exchange and --store");
    if (rest.length > 0) {
      throw new UsageError(`data takes no files, got ${rest.join(" ")}`);
    }
    console.log(await runData({ exchange, symbol, store }));
    return 0;
  }
  if (command === "baseline") {
    const { port, ...other } = values;
    assertOnlyFlags("baseline", other, "--port");
    if (rest.length > 0) {
      throw new UsageError(`baseline takes no files, got ${rest.join(" ")}`);
    }
    await runBaseline({ port });
    return 0;
  }
  if (command === "sweep") {
    const { symbols, out, workers, queue, ...other } = values;
    assertOnlyFlags("sweep", other, "--symbols, --out, --workers and --queue");
    const result = await runSweep({ configs: rest, symbols, out, workers, queue });
    console.log(result.table);
    console.log(`${result.files.markdown}\n${result.files.json}`);
    return result.failed > 0 ? 1 : 0;
  }
  if (command === "worker") {
    const { queue, concurrency, "lock-ms": lockMs, ...other } = values;
    assertOnlyFlags("worker", other, "--queue, --concurrency and --lock-ms");
    if (rest.length > 0) {
      throw new UsageError(`worker takes no files, got ${rest.join(" ")}`);
    }
    await runWorker({ queue, concurrency, lockMs });
    // The queue's client may still be reconnecting to a Redis that is gone: the worker is done.
    process.exit(0);
  }
  if (command === "paper") {
    const { strategy, symbol, out, from, until, speed, ...other } = values;
    assertOnlyFlags("paper", other, "--strategy, --symbol, --out, --from, --until and --speed");
    if (rest.length > 1) {
      throw new UsageError(`paper takes one generated file, got ${rest.length}: ${rest.join(" ")}`);
    }
    const lines = await runPaper({ file: rest[0], strategy, symbol, out, from, until, speed });
    lines.forEach((line) => console.log(line));
    return 0;
  }
  if (command === "demo") {
    if (rest.length > 0 || values.symbol || values.out || values.optimizer || values.exchange || values.store) {
      throw new UsageError("demo takes no arguments");
    }
    await runDemo();
    printLlmUsage(command);
    return 0;
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)}`);
};

/**
 * What the model calls of this process cost (getLlmUsage's summary), on stderr: the
 * optimizer's prompts; a generated file run as its own process prints its own. Then,
 * once the request pool sent a request, where its limit settled and why it last moved.
 */
const printLlmUsage = (command) => {
  console.error(`backtest-kit ${command}: ${getLlmUsage().text}`);
  const concurrency = getLlmConcurrency();
  if (concurrency !== null) {
    console.error(`backtest-kit ${command}: ${concurrency.text}`);
  }
};

/** Everything the library worked around during the command, summarized on stderr at exit. */
const warnings = collectWarnings();
process.once("exit", () => {
  const { text } = warnings.stop();
  if (text) {
    console.error(text);
  }
});

/**
 * Ends the process with `code` once stdout and stderr are flushed: a command's work is
 * done, whatever a config left open (a model server it started, timers, sockets).
 */
const exitWhenFlushed = (code) => {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    pending -= 1;
    if (pending === 0) {
      process.exit(code);
    }
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
};

main(process.argv.slice(2)).then(exitWhenFlushed, (error) => {
  const usage = error instanceof UsageError;
  console.error(`backtest-kit: ${usage ? `${error.message}\nRun backtest-kit --help for usage.` : formatError(error)}`);
  exitWhenFlushed(usage ? 2 : 1);
});
