import { Optimizer } from "../build/index.mjs";
import { runWithConfig } from "./optimize.mjs";

/**
 * `backtest-kit leak-check <config> --symbol S [--out DIR] [--optimizer NAME]`: the
 * config's mistakes are found as for optimize; then Optimizer.leakCheck writes the file
 * into DIR (default ./generated) and runs it blind and plain. Resolves to the report.
 */
export const runLeakCheck = async (args) =>
  await runWithConfig("leak-check", args, (optimizerName, dir) =>
    Optimizer.leakCheck(args.symbol, { optimizerName }, { out: dir })
  );
