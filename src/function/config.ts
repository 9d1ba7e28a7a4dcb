import { isAbsolute, resolve } from "node:path";
import backtest from "../lib/index";
import { importWithLocation } from "../utils/config/importWithLocation";
import { addOptimizer } from "./add";

/** True for a value that looks like an optimizer schema (an object with optimizerName). */
const looksLikeOptimizerSchema = (value: unknown): value is Parameters<typeof addOptimizer>[0] =>
  typeof value === "object" && value !== null && "optimizerName" in value;

/**
 * Imports an optimizer config module, as the `backtest-kit` command does: the module calls
 * addOptimizer, or default-exports one optimizer schema (registered here unless its name
 * is already registered). A config that does not parse, or throws while loading, rejects
 * with "config FILE failed to load" and, as its cause, the file and line, the source line
 * with a caret under the place and the error itself: what `node FILE` would show.
 *
 * @example
 * await loadOptimizerConfig("./my.config.mjs");
 * console.log(await listOptimizers());
 */
export async function loadOptimizerConfig(file: string): Promise<void> {
  const path = isAbsolute(file) ? file : resolve(file);
  backtest.loggerService.info("config.loadOptimizerConfig", { path });
  let module: Record<string, unknown>;
  try {
    module = await importWithLocation(path);
  } catch (error) {
    throw new Error(`config ${path} failed to load`, { cause: error });
  }
  const schema = module.default;
  if (looksLikeOptimizerSchema(schema) && !backtest.optimizerValidationService.has(schema.optimizerName)) {
    addOptimizer(schema);
  }
}
