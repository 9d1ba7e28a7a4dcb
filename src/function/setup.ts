import backtest from "../lib";
import { ILogger } from "../interfaces/Logger.interface";

const LOGGER_METHODS: ReadonlyArray<keyof ILogger> = ["log", "debug", "info", "warn"];

/**
 * Sends the library's diagnostics to `logger` (by default nothing is logged). Methods
 * the logger lacks are skipped; one that is present must be a function.
 *
 * @example
 * setLogger({ log: console.log, debug: () => {}, info: console.info, warn: console.warn });
 */
export function setLogger(logger: Partial<ILogger>): void {
  if (typeof logger !== "object" || logger === null) {
    throw new Error(`setLogger: logger must be an object with log, debug, info and warn, got ${logger}`);
  }
  for (const method of LOGGER_METHODS) {
    if (logger[method] !== undefined && typeof logger[method] !== "function") {
      throw new Error(`setLogger: logger.${method} must be a function, got ${typeof logger[method]}`);
    }
  }
  const skip = () => undefined;
  backtest.loggerService.setLogger({
    log: (topic, ...args) => (logger.log ?? skip).call(logger, topic, ...args),
    debug: (topic, ...args) => (logger.debug ?? skip).call(logger, topic, ...args),
    info: (topic, ...args) => (logger.info ?? skip).call(logger, topic, ...args),
    warn: (topic, ...args) => (logger.warn ?? skip).call(logger, topic, ...args),
  });
}
