import backtest from "../lib";
import { IOptimizerSchema } from "../interfaces/Optimizer.interface";

const ADD_OPTIMIZER_METHOD_NAME = "add.addOptimizer";

/**
 * Registers an optimizer: data sources, training ranges (one generated strategy each),
 * a test range for the generated walker, and getPrompt, which turns a range's
 * conversation into a strategy description. A malformed schema or a taken name throws
 * here, naming the field, and leaves nothing registered.
 *
 * @example
 * addOptimizer({
 *   optimizerName: "btc-llm",
 *   rangeTrain: [{ startDate: new Date("2023-03-01"), endDate: new Date("2023-03-07") }],
 *   rangeTest: { startDate: new Date("2023-03-08"), endDate: new Date("2023-03-09") },
 *   source: [async ({ limit, offset }) => rows.slice(offset, offset + limit)],
 *   getPrompt: async (symbol, messages) => "Buy dips to the 1h support",
 * });
 */
export function addOptimizer(optimizerSchema: IOptimizerSchema): void {
  backtest.loggerService.info(ADD_OPTIMIZER_METHOD_NAME, {
    optimizerName: optimizerSchema?.optimizerName,
  });
  backtest.optimizerSchemaService.validateShallow(optimizerSchema);
  backtest.optimizerValidationService.addOptimizer(optimizerSchema.optimizerName, optimizerSchema);
  backtest.optimizerSchemaService.register(optimizerSchema.optimizerName, optimizerSchema);
}
