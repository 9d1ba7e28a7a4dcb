import { resolve } from "node:path";
import { Sweep, showProgress } from "../build/index.mjs";
import { assertFileArgument, UsageError } from "./usageError.mjs";
import { parseSymbolList } from "./optimize.mjs";

/** A whole number of at least `min` from a flag's text, or a usage error naming the flag. */
const parseWhole = (flag, text, min) => {
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} must be a whole number of at least ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
};

/**
 * `backtest-kit sweep <config.mjs>... --symbols S1,S2 [--out DIR] [--workers N | --queue URL]`:
 * one progress bar for the whole sweep on `stderr`, then the table on stdout. Resolves
 * to the sweep's result.
 */
export const runSweep = async ({ configs, symbols, out, workers, queue, stderr = process.stderr }) => {
  if (configs.length === 0) {
    throw new UsageError("sweep needs at least one config file: backtest-kit sweep a.mjs b.mjs --symbols BTCUSDT,ETHUSDT");
  }
  for (const config of configs) {
    await assertFileArgument(resolve(config), "config");
  }
  if (workers !== undefined && queue !== undefined) {
    throw new UsageError("sweep takes --workers (local processes) or --queue (workers elsewhere), not both");
  }
  const options = { symbols: parseSymbolList(symbols, "--symbols", "sweep needs --symbols, e.g. --symbols BTCUSDT,ETHUSDT"), out, workers: parseWhole("--workers", workers, 1), queue };
  const stop = showProgress({ stream: stderr });
  try {
    return await Sweep.run(configs, options);
  } finally {
    stop();
  }
};

/**
 * `backtest-kit worker --queue URL [--concurrency N] [--lock-ms MS]`: takes sweep jobs
 * until SIGINT or SIGTERM, then lets its running jobs finish (at most a minute) and
 * exits. Resolves when it has stopped.
 */
export const runWorker = async ({ queue, concurrency, lockMs }) => {
  if (queue === undefined) {
    throw new UsageError("worker needs --queue, e.g. --queue redis://127.0.0.1:6379");
  }
  const worker = await Sweep.worker(
    { queue, concurrency: parseWhole("--concurrency", concurrency, 1), lockMs: parseWhole("--lock-ms", lockMs, 1000) },
    (line) => console.log(line)
  );
  console.log(`sweep worker: taking jobs (pid ${process.pid})`);
  await new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("sweep worker: stopping");
  await worker.close();
  console.log("sweep worker: stopped");
};
