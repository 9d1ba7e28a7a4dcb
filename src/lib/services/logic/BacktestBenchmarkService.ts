import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import { GLOBAL_CONFIG } from "../../../config/params";
import { ITimeline } from "../../../interfaces/Frame.interface";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { IStrategyTickResultClosed } from "../../../interfaces/Strategy.interface";
import { BenchmarkStatistics } from "../../../interfaces/Statistics.interface";
import { computeBuyAndHold } from "../../../utils/buyAndHold";
import { computeLuckTest } from "../../../utils/luckTest";
import { MINUTE_MS } from "../../../utils/intervals";

/**
 * The benchmarks of a finished backtest, from the 1m candles of its frame read through
 * the run's exchange (the ones the run already kept, mostly): buy-and-hold over the
 * frame and the luck test of its trades (CC_LUCK_SIMULATIONS runs, seeded by
 * CC_LUCK_SEED), both with the run's fees and slippage.
 */
export class BacktestBenchmarkService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);

  /** Buy-and-hold and the luck test of `trades` on the frame's `timeline`; call inside the run. */
  public compute = async (
    symbol: string,
    context: IMethodContext,
    timeline: ITimeline,
    trades: IStrategyTickResultClosed[]
  ): Promise<BenchmarkStatistics> => {
    this.loggerService.log("backtestBenchmarkService compute", { symbol, ...context });
    const { start, step, count } = timeline;
    const frameEnd = start + count * step;
    const avgPriceCandlesCount = GLOBAL_CONFIG.CC_AVG_PRICE_CANDLES_COUNT;
    const longestLifetime = trades.reduce((most, trade) => Math.max(most, trade.signal.minuteEstimatedTime), 0);
    const from = Math.floor(start / MINUTE_MS) * MINUTE_MS - avgPriceCandlesCount * MINUTE_MS;
    const to = Math.max(frameEnd, start + (count - 1) * step + (longestLifetime + 1) * MINUTE_MS);
    const exchange = this.exchangeConnectionService.getExchange(context.exchangeName);
    const candles = await exchange.getNextCandles(symbol, from, Math.ceil((to - from) / MINUTE_MS));
    const feePercent = GLOBAL_CONFIG.CC_PERCENT_FEE;
    const slippagePercent = GLOBAL_CONFIG.CC_PERCENT_SLIPPAGE;
    return {
      buyAndHold: computeBuyAndHold(candles, start, frameEnd, feePercent, slippagePercent),
      luck: computeLuckTest({
        trades,
        candles,
        startTimestamp: start,
        tickMs: step,
        tickCount: count,
        seed: GLOBAL_CONFIG.CC_LUCK_SEED,
        simulations: GLOBAL_CONFIG.CC_LUCK_SIMULATIONS,
        feePercent,
        slippagePercent,
        avgPriceCandlesCount,
      }),
    };
  };
}

export default BacktestBenchmarkService;
