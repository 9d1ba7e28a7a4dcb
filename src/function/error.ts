import { errorChainText, errorLine } from "../utils/errorChain";

/** How formatError renders a failure. */
export interface IFormatErrorOptions {
  /** The full chain with stacks; default: true when BACKTEST_KIT_VERBOSE=1. */
  verbose?: boolean;
}

/**
 * One readable line for a failure: what failed, where, and the root cause once (each
 * layer of the library adds only its own context and keeps the rest as `cause`). With
 * `verbose` the line is followed by every error of the chain with its stack.
 *
 * @example
 * listenError((error) => console.error(formatError(error)));
 */
export function formatError(
  error: unknown,
  { verbose = process.env.BACKTEST_KIT_VERBOSE === "1" }: IFormatErrorOptions = {}
): string {
  return verbose ? errorChainText(error) : errorLine(error);
}
