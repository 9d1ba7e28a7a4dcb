import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import LiveLogicPrivateService, { ILiveRunSettings } from "./LiveLogicPrivateService";
import { ExecutionContextService } from "../context/ExecutionContextService";
import { MethodContextService } from "../context/MethodContextService";
import { IMethodContext } from "../../../interfaces/Context.interface";

/**
 * Runs the private live loop inside a fresh method context and a fresh execution
 * context {symbol, when, backtest: false} (one per run; the loop moves `when`). A
 * rehearsal over history (readAhead) runs with backtest: true, so the exchange client
 * reads candles in chunks as a backtest does.
 */
export class LiveLogicPublicService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly liveLogicPrivateService = inject<LiveLogicPrivateService>(TYPES.liveLogicPrivateService);

  /** Every tick's result of `context.strategyName` on `symbol`, until stopped. */
  public run = (symbol: string, context: IMethodContext, settings: ILiveRunSettings) => {
    this.loggerService.log("liveLogicPublicService run", { symbol, ...context });
    return ExecutionContextService.runAsyncIterator(
      MethodContextService.runAsyncIterator(this.liveLogicPrivateService.run(symbol, settings), { ...context }),
      { symbol, when: settings.clock.now(), backtest: settings.readAhead }
    );
  };
}

export default LiveLogicPublicService;
