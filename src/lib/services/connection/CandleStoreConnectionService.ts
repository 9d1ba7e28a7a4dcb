import { memoize } from "functools-kit";
import { resolve } from "node:path";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { raiseWarning } from "../../../config/emitters";
import ClientCandleStore from "../../../client/store/ClientCandleStore";

/** The environment variable naming the default store file. */
export const CANDLE_STORE_ENV = "BACKTEST_KIT_CANDLE_STORE";

/** The store file when neither the caller nor the environment names one. */
const DEFAULT_CANDLE_STORE_PATH = "./.backtest-kit/candles.sqlite";

/**
 * The absolute store file: `path`, else the BACKTEST_KIT_CANDLE_STORE environment
 * variable, else ./.backtest-kit/candles.sqlite, against the working directory now.
 */
export const resolveStorePath = (path: string | undefined) =>
  resolve(path ?? (process.env[CANDLE_STORE_ENV] || DEFAULT_CANDLE_STORE_PATH));

/** Builds one ClientCandleStore per store file (memoized by its absolute path). */
export class CandleStoreConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  /** The store in `path` (default: see resolveStorePath), built on first use. */
  public getStore = (path?: string) => this.getStoreAt(resolveStorePath(path));

  private getStoreAt = memoize(
    ([path]) => path,
    (path: string) => {
      this.loggerService.log("candleStoreConnectionService getStore", { path });
      return new ClientCandleStore({ path, logger: this.loggerService, now: Date.now, warn: raiseWarning });
    }
  );
}

export default CandleStoreConnectionService;
