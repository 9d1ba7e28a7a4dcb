import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import ExchangeValidationService from "../validation/ExchangeValidationService";
import { ExecutionContextService, TExecutionContextService } from "../context/ExecutionContextService";
import { MethodContextService, TMethodContextService } from "../context/MethodContextService";
import { CANDLE_INTERVAL_MS, intervalMs } from "../../../utils/intervals";
import { describeValue } from "../../../utils/describeValue";
import { CandleInterval } from "../../../interfaces/Exchange.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { checkSymbolArgument } from "../../../utils/schemaChecks";

/**
 * The exchange of the current run, for the context helpers (getCandles, ...): checks
 * that the caller is inside a run and that its arguments make sense, then delegates.
 */
export class ExchangeGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  private readonly exchangeValidationService = inject<ExchangeValidationService>(TYPES.exchangeValidationService);
  private readonly executionContextService = inject<TExecutionContextService>(TYPES.executionContextService);
  private readonly methodContextService = inject<TMethodContextService>(TYPES.methodContextService);

  /** The `limit` most recent closed candles of `interval` at the current tick. */
  public getCandles = async (symbol: string, interval: CandleInterval, limit: number) => {
    const source = "getCandles";
    checkSymbolArgument(source, symbol);
    if (intervalMs(CANDLE_INTERVAL_MS, interval) === undefined) {
      throw new Error(
        `${source}: interval must be one of ${Object.keys(CANDLE_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`
      );
    }
    if (!Number.isSafeInteger(limit) || limit <= 0) {
      throw new Error(`${source}: limit must be a positive integer, got ${describeValue(limit)}`);
    }
    return await this.getExchange(source).getCandles(symbol, interval, limit);
  };

  /** VWAP of the last CC_AVG_PRICE_CANDLES_COUNT closed 1m candles at the current tick. */
  public getAveragePrice = async (symbol: string) => {
    checkSymbolArgument("getAveragePrice", symbol);
    return await this.getExchange("getAveragePrice").getAveragePrice(symbol, GLOBAL_CONFIG.CC_AVG_PRICE_CANDLES_COUNT);
  };

  /** The exchange's text for a price. */
  public formatPrice = async (symbol: string, price: number) => {
    checkSymbolArgument("formatPrice", symbol);
    return await this.getExchange("formatPrice").formatPrice(symbol, price);
  };

  /** The exchange's text for a quantity. */
  public formatQuantity = async (symbol: string, quantity: number) => {
    checkSymbolArgument("formatQuantity", symbol);
    return await this.getExchange("formatQuantity").formatQuantity(symbol, quantity);
  };

  /** The current tick and mode; throws outside a run. */
  public getExecution = (source: string) => {
    if (!ExecutionContextService.hasContext()) {
      throw new Error(`${source} must be called inside a run (from getSignal or a callback of a running backtest)`);
    }
    return this.executionContextService.context;
  };

  private getExchange = (source: string) => {
    this.getExecution(source);
    if (!MethodContextService.hasContext()) {
      throw new Error(`${source} must be called inside a run (from getSignal or a callback of a running backtest)`);
    }
    const { exchangeName } = this.methodContextService.context;
    this.exchangeValidationService.validate(exchangeName, source);
    this.loggerService.debug("exchangeGlobalService getExchange", { source, exchangeName });
    return this.exchangeConnectionService.getExchange(exchangeName);
  };
}

export default ExchangeGlobalService;
