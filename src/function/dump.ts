import { resolve } from "node:path";
import backtest from "../lib/index";
import { GLOBAL_CONFIG } from "../config/params";
import { IPruneDumpsResult, pruneDumpsIn } from "../utils/report/pruneDumps";
import { registrationOnly } from "../config/registration";

/** Where generated files dump each model conversation (one folder per request). */
const DEFAULT_DUMP_DIR = "./dump/strategy";

/**
 * Called by a generated file when it starts: notes the run beside `dir` (default
 * ./dump/strategy, where its model conversations are dumped; the runs in
 * ./dump/.strategy-runs.json) and removes the folders no
 * run among the last CC_DUMP_KEEP_RUNS (default 3, this one included; 0 keeps all)
 * wrote or reused. Resolves to the absolute directory and what was removed and kept.
 * A file imported for its registrations only (paper trading) is no run: nothing is
 * noted or removed then.
 *
 * @example
 * const { dir, removed } = await pruneDumps();
 * console.log(`model conversations in ${dir} (${removed} old folders removed)`);
 */
export async function pruneDumps(dir: string = DEFAULT_DUMP_DIR): Promise<IPruneDumpsResult> {
  const path = resolve(dir);
  backtest.loggerService.info("dump.pruneDumps", { path });
  if (registrationOnly.active) {
    return { dir: path, keepRuns: GLOBAL_CONFIG.CC_DUMP_KEEP_RUNS, removed: 0, kept: 0 };
  }
  return await pruneDumpsIn(path, GLOBAL_CONFIG.CC_DUMP_KEEP_RUNS, Date.now());
}
