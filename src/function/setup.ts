import backtest from "../lib/index";
import { ILogger } from "../interfaces/Logger.interface";
import { GLOBAL_CONFIG, GlobalConfig } from "../config/params";
import { describeValue } from "../utils/describeValue";
import { isPlainObject } from "../utils/schemaChecks";
import { LEGACY_CONFIG_KEYS } from "../utils/engine/legacyApi";
import { describeSettingProblem, findConcurrencyBoundsProblem } from "../utils/checkSetting";

const LOGGER_METHODS: ReadonlyArray<keyof ILogger> = ["log", "debug", "info", "warn"];

/**
 * Sends the library's diagnostics to `logger` (by default nothing is logged). Methods
 * the logger lacks are skipped; one that is present must be a function.
 *
 * Takes effect at once; the returned promise (already resolved) is there for code
 * written for backtest-kit 1.4, where it was `await setLogger(...)`.
 *
 * @example
 * setLogger({ log: console.log, debug: () => {}, info: console.info, warn: console.warn });
 */
export function setLogger(logger: Partial<ILogger>): Promise<void> {
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
  return Promise.resolve();
}

/** A copy of a checked price table, so later changes to the caller's object do not bypass the check. */
const copyPrices = (config: Partial<GlobalConfig>): Partial<GlobalConfig> =>
  config.CC_LLM_PRICES === undefined ? {} : { CC_LLM_PRICES: JSON.parse(JSON.stringify(config.CC_LLM_PRICES)) };

/**
 * Changes runtime settings (see GLOBAL_CONFIG for the keys and defaults). Every key and
 * value is checked before any is applied: an unknown key, or a value that is not a
 * finite number in the key's range (whole where it counts minutes, candles, attempts or
 * ms), throws naming both, and nothing changes.
 *
 * Takes effect at once; the returned promise (already resolved) is there for code
 * written for backtest-kit 1.4, where it was `await setConfig(...)`.
 *
 * @example
 * setConfig({ CC_SCHEDULE_AWAIT_MINUTES: 60, CC_PERCENT_FEE: 0.075 });
 */
export function setConfig(config: Partial<GlobalConfig>): Promise<void> {
  if (!isPlainObject(config)) {
    throw new Error(`setConfig: config must be an object, got ${describeValue(config)}`);
  }
  for (const [key, value] of Object.entries(config)) {
    if (Object.prototype.hasOwnProperty.call(LEGACY_CONFIG_KEYS, key)) {
      throw new Error(`setConfig: ${key} is a backtest-kit 1.4 setting: ${LEGACY_CONFIG_KEYS[key]}`);
    }
    if (!Object.prototype.hasOwnProperty.call(GLOBAL_CONFIG, key)) {
      throw new Error(`setConfig: unknown key ${describeValue(key)}; known keys: ${Object.keys(GLOBAL_CONFIG).join(", ")}`);
    }
    const problem = describeSettingProblem(key as keyof GlobalConfig, value);
    if (problem !== null) {
      throw new Error(`setConfig: ${problem}`);
    }
  }
  const boundsProblem = findConcurrencyBoundsProblem({ ...GLOBAL_CONFIG, ...config });
  if (boundsProblem !== null) {
    throw new Error(`setConfig: ${boundsProblem}`);
  }
  backtest.loggerService.info("setup.setConfig", { config });
  Object.assign(GLOBAL_CONFIG, config, copyPrices(config));
  return Promise.resolve();
}
