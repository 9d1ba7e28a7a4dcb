import { memoize, sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ExchangeSchemaService from "../schema/ExchangeSchemaService";
import { TExecutionContextService } from "../context/ExecutionContextService";
import ClientExchange from "../../../client/engine/ClientExchange";
import { ExchangeName } from "../../../interfaces/Exchange.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { raiseWarning } from "../../../config/emitters";

/** The exchange settings of the current configuration. */
const GET_EXCHANGE_LIMITS = () => ({
  retryCount: GLOBAL_CONFIG.CC_GET_CANDLES_RETRY_COUNT,
  retryDelayMs: GLOBAL_CONFIG.CC_GET_CANDLES_RETRY_DELAY_MS,
  timeoutMs: GLOBAL_CONFIG.CC_GET_CANDLES_TIMEOUT_MS,
  callbackTimeoutMs: GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS,
});

/**
 * Builds one ClientExchange per exchange name (memoized, so its candle cache serves every
 * run), reading the tick from the caller's execution context.
 */
export class ExchangeConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly exchangeSchemaService = inject<ExchangeSchemaService>(TYPES.exchangeSchemaService);
  private readonly executionContextService = inject<TExecutionContextService>(TYPES.executionContextService);

  /** The client of one exchange, built on first use. */
  public getExchange = memoize(
    ([exchangeName]) => `${exchangeName}`,
    (exchangeName: ExchangeName) => {
      this.loggerService.log("exchangeConnectionService getExchange", { exchangeName });
      return new ClientExchange({
        ...this.exchangeSchemaService.get(exchangeName),
        logger: this.loggerService,
        getExecutionContext: () => this.executionContextService.context,
        getLimits: GET_EXCHANGE_LIMITS,
        sleep,
        warn: raiseWarning,
      });
    }
  );
}

export default ExchangeConnectionService;
