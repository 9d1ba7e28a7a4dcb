import { Optimizer, showProgress } from "../build/index.mjs";
import { prepareConfig } from "./optimize.mjs";

/**
 * `backtest-kit leak-check <config> --symbol S [--out DIR] [--optimizer NAME]`: the
 * config's mistakes are found as for optimize; then Optimizer.leakCheck writes the file
 * into DIR (default ./generated) and runs it blind and plain. Resolves to the report.
 */
export const runLeakCheck = async ({ config, symbol, out, optimizer, stderr = process.stderr }) => {
  const { dir, optimizerName } = await prepareConfig("leak-check", { config, symbol, out, optimizer });
  const stop = showProgress({ stream: stderr });
  try {
    return await Optimizer.leakCheck(symbol, { optimizerName }, { out: dir });
  } finally {
    stop();
  }
};
