import { inject } from "../../core/di";
import TYPES from "../../core/types";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import { ExecutionContextService, TExecutionContextService } from "../context/ExecutionContextService";
import { MethodContextService, TMethodContextService } from "../context/MethodContextService";
import { CANDLE_INTERVAL_MS, intervalMs } from "../../../utils/candles/intervals";
import { describeValue } from "../../../utils/describeValue";
import { CandleInterval, ICandleData } from "../../../interfaces/Exchange.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { assertNonEmptyString } from "../../../utils/schemaChecks";

/** Throws unless the caller runs inside a run's contexts. */
const requireRun = (source: string, inRun: boolean) => {
  if (!inRun) {
    throw new Error(`${source} must be called inside a run (from getSignal or a callback of a running backtest)`);
  }
};

/**
 * The exchange of the current run, for the context helpers (getCandles, ...): checks
 * that the caller is inside a run and that its arguments make sense, then delegates.
 * The run's exchange name was validated when the run started.
 */
export class ExchangeGlobalService {
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  private readonly executionContextService = inject<TExecutionContextService>(TYPES.executionContextService);
  private readonly methodContextService = inject<TMethodContextService>(TYPES.methodContextService);

  /**
   * The `limit` most recent closed candles of `interval` at the current tick. Not an
   * async function: on the hot path a cached reply costs one promise, and a bad argument
   * still arrives as a rejection.
   */
  public getCandles = (symbol: string, interval: CandleInterval, limit: number): Promise<ICandleData[]> => {
    const source = "getCandles";
    try {
      assertNonEmptyString(symbol, "symbol", source);
      if (intervalMs(CANDLE_INTERVAL_MS, interval) === undefined) {
        throw new Error(
          `${source}: interval must be one of ${Object.keys(CANDLE_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`
        );
      }
      if (!Number.isSafeInteger(limit) || limit <= 0) {
        throw new Error(`${source}: limit must be a positive integer, got ${describeValue(limit)}`);
      }
      return this.getExchange(source).getCandles(symbol, interval, limit);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  /** VWAP of the last CC_AVG_PRICE_CANDLES_COUNT closed 1m candles at the current tick. */
  public getAveragePrice = async (symbol: string) => {
    assertNonEmptyString(symbol, "symbol", "getAveragePrice");
    return await this.getExchange("getAveragePrice").getAveragePrice(symbol, GLOBAL_CONFIG.CC_AVG_PRICE_CANDLES_COUNT);
  };

  /** The exchange's text for a price. */
  public formatPrice = async (symbol: string, price: number) => {
    assertNonEmptyString(symbol, "symbol", "formatPrice");
    return await this.getExchange("formatPrice").formatPrice(symbol, price);
  };

  /** The exchange's text for a quantity. */
  public formatQuantity = async (symbol: string, quantity: number) => {
    assertNonEmptyString(symbol, "symbol", "formatQuantity");
    return await this.getExchange("formatQuantity").formatQuantity(symbol, quantity);
  };

  /** The current tick and mode; throws outside a run. */
  public getExecution = (source: string) => {
    requireRun(source, ExecutionContextService.hasContext());
    return this.executionContextService.context;
  };

  /** The run's exchange client; the method and execution contexts are always entered together. */
  private getExchange = (source: string) => {
    requireRun(source, MethodContextService.hasContext());
    return this.exchangeConnectionService.getExchange(this.methodContextService.context.exchangeName);
  };
}

export default ExchangeGlobalService;
