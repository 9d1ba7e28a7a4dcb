import { randomUUID } from "node:crypto";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import StrategySchemaService from "../schema/StrategySchemaService";
import ExchangeConnectionService from "./ExchangeConnectionService";
import ClientStrategy from "../../../client/engine/ClientStrategy";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { GLOBAL_CONFIG, readSignalLimits } from "../../../config/params";
import { errorEmitter, reportInvalidSignal } from "../../../config/emitters";
import { ExecutionContextService } from "../context/ExecutionContextService";
import { currentEventSink, deliverEvent, deliverWarning, EventContextService } from "../context/EventContextService";
import { IEventSink } from "../../../interfaces/EventSink.interface";
import { ILlmTicket } from "../../../interfaces/LlmTicket.interface";
import { LlmTicketContextService } from "../context/LlmTicketContextService";
import RiskConnectionService from "./RiskConnectionService";
import PartialConnectionService from "./PartialConnectionService";
import RiskValidationService from "../validation/RiskValidationService";
import { IStrategySchema } from "../../../interfaces/Strategy.interface";

/** The strategy settings of the current configuration, read once per run. */
const readStrategyLimits = () => ({
  signalTimeoutMs: GLOBAL_CONFIG.CC_GET_SIGNAL_TIMEOUT_MS,
  maxTimeoutsInARow: GLOBAL_CONFIG.CC_MAX_TIMEOUTS_IN_A_ROW,
  scheduleAwaitMinutes: GLOBAL_CONFIG.CC_SCHEDULE_AWAIT_MINUTES,
  avgPriceCandlesCount: GLOBAL_CONFIG.CC_AVG_PRICE_CANDLES_COUNT,
  ...readSignalLimits(),
  feePercent: GLOBAL_CONFIG.CC_PERCENT_FEE,
  slippagePercent: GLOBAL_CONFIG.CC_PERCENT_SLIPPAGE,
  callbackTimeoutMs: GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS,
  signalPrefetch: GLOBAL_CONFIG.CC_SIGNAL_PREFETCH,
});

/** A timeout that ended a tick: reported to listenError, through the run's event sink. */
/** A live run tracks partial milestones always: its persisted levels must be complete when a listener comes later. */
const ALWAYS_OBSERVED = () => true;

const REPORT_TICK_ERROR = (error: Error) => deliverEvent(() => errorEmitter.next(error));


/** A rejected signal, through the run's event sink. */
const REPORT_INVALID_SIGNAL = (error: Error) => deliverEvent(() => reportInvalidSignal(error));

/**
 * Runs a getSignal asked for ahead in a fresh execution context at its own tick (so its
 * getCandles sees nothing later), with its events held by `sink` and its model requests
 * carrying `ticket`.
 */
const createTickRunner =
  (symbol: string) =>
  <T>(when: number, sink: IEventSink, ticket: ILlmTicket, call: () => T): T =>
    ExecutionContextService.runInContext(
      () => EventContextService.runInContext(() => LlmTicketContextService.runInContext(call, ticket), sink),
      { symbol, when, backtest: true }
    );


/**
 * Builds a ClientStrategy for one run: the strategy's schema on a symbol, bound to the
 * run's exchange client, with ids from node:crypto and errors reported to the emitters.
 * A client holds the run's throttle, so every run gets its own.
 */
export class StrategyConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly strategySchemaService = inject<StrategySchemaService>(TYPES.strategySchemaService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  private readonly riskConnectionService = inject<RiskConnectionService>(TYPES.riskConnectionService);
  private readonly riskValidationService = inject<RiskValidationService>(TYPES.riskValidationService);
  private readonly partialConnectionService = inject<PartialConnectionService>(TYPES.partialConnectionService);

  /**
   * A fresh client of `strategyName` on `symbol` for a run with `context`. A live run's
   * (`live`) keeps its risk positions and partial milestones in the persistence adapters
   * and tracks the milestones whether or not anything listens, so a restarted run neither
   * forgets an open position nor tells a milestone twice.
   */
  public createStrategy = (symbol: string, context: IMethodContext, live = false) => {
    this.loggerService.log("strategyConnectionService createStrategy", { symbol, ...context });
    const schema = this.strategySchemaService.get(context.strategyName);
    return new ClientStrategy({
      ...schema,
      risk: this.riskOf(schema, context, live),
      partial: this.partialConnectionService.createPartial(schema.strategyName, schema.callbacks, live),
      partialObserved: live ? ALWAYS_OBSERVED : this.partialConnectionService.observer(schema.callbacks),
      symbol,
      exchangeName: context.exchangeName,
      frameName: context.frameName,
      exchange: this.exchangeConnectionService.getExchange(context.exchangeName),
      limits: readStrategyLimits(),
      createId: randomUUID,
      onTickError: REPORT_TICK_ERROR,
      onInvalidSignal: REPORT_INVALID_SIGNAL,
      runAtTick: createTickRunner(symbol),
      currentSink: currentEventSink,
      warn: deliverWarning,
      live,
    });
  };

  /**
   * The portfolio of the strategy's risk profile, none without one: the profile's shared
   * one, or in a walker the strategy's own (see RiskConnectionService).
   */
  private riskOf = ({ riskName, strategyName }: IStrategySchema, context: IMethodContext, live: boolean) => {
    if (riskName === undefined) {
      return undefined;
    }
    this.riskValidationService.validate(riskName, `strategy ${strategyName}`);
    const portfolio = context.walkerName === undefined ? "" : `walker ${context.walkerName} strategy ${strategyName}`;
    return this.riskConnectionService.getRisk(riskName, portfolio, live);
  };
}

export default StrategyConnectionService;
