import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import BacktestLogicPrivateService, { NEVER_STOP, StopCheck } from "./BacktestLogicPrivateService";
import { ExecutionContextService } from "../context/ExecutionContextService";
import { MethodContextService } from "../context/MethodContextService";
import { EventContextService } from "../context/EventContextService";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { IEventSink } from "../../../interfaces/EventSink.interface";

/**
 * Runs the private backtest loop inside a fresh method context and a fresh execution
 * context {symbol, when, backtest: true} (one per run, so concurrent runs never share a
 * tick), and inside `events` when given (a walker holds a strategy's events until its
 * turn).
 */
export class BacktestLogicPublicService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly backtestLogicPrivateService = inject<BacktestLogicPrivateService>(TYPES.backtestLogicPrivateService);

  /** Closed trades of `context.strategyName` on `symbol`, in time order. */
  public run = (symbol: string, context: IMethodContext, shouldStop: StopCheck = NEVER_STOP, events?: IEventSink) => {
    this.loggerService.log("backtestLogicPublicService run", { symbol, ...context });
    const closedTrades = this.backtestLogicPrivateService.run(symbol, shouldStop);
    const inContexts = ExecutionContextService.runAsyncIterator(
      MethodContextService.runAsyncIterator(closedTrades, { ...context }),
      { symbol, when: 0, backtest: true }
    );
    return events === undefined ? inContexts : EventContextService.runAsyncIterator(inContexts, events);
  };
}

export default BacktestLogicPublicService;
