import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import { GLOBAL_CONFIG } from "../../../config/params";
import { ITimeline } from "../../../interfaces/Frame.interface";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { IStrategyTickResultClosed } from "../../../interfaces/Strategy.interface";
import { computeBuyAndHold } from "../../../utils/stats/buyAndHold";
import { computeLuckTest, ILuckTestInput } from "../../../utils/stats/luckTest";
import { MINUTE_MS } from "../../../utils/candles/intervals";
import { deliverWarning } from "../context/EventContextService";
import { ILuckTest, IRunBenchmarks } from "../../../interfaces/Benchmark.interface";

/** The settings a run's benchmarks use, read when the run starts (as every setting is). */
export interface IBenchmarkSettings {
  seed: number;
  simulations: number;
  feePercent: number;
  slippagePercent: number;
  avgPriceCandlesCount: number;
}

/** A function that computes `compute()` on its first call and returns that result after. */
const computedOnce = <T>(compute: () => T): (() => T) => {
  let done = false;
  let result: T;
  return () => {
    if (!done) {
      result = compute();
      done = true;
    }
    return result;
  };
};

/**
 * The benchmarks of a finished backtest, from the 1m candles of its frame read through
 * the run's exchange (the ones the run already kept, mostly): buy-and-hold over the
 * frame and the luck test of its trades (CC_LUCK_SIMULATIONS runs, seeded by
 * CC_LUCK_SEED), both with the run's fees and slippage, all as set when the run started.
 * The luck test's simulations run when something first reads its result (a report,
 * `getData(...).luck`, the walker's results written out), not after every run: a
 * backtest nobody reads the luck of pays nothing for it. Its "luck-incomplete" warning
 * is said then, once, through the sink of whoever read it first; `Backtest.getData`,
 * `getReport` and `dump` settle it (compute, and deliver the warning) before answering.
 */
export class BacktestBenchmarkService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);

  /** The benchmark settings of the current configuration; a run reads them when it starts. */
  public readSettings = (): IBenchmarkSettings => ({
    seed: GLOBAL_CONFIG.CC_LUCK_SEED,
    simulations: GLOBAL_CONFIG.CC_LUCK_SIMULATIONS,
    feePercent: GLOBAL_CONFIG.CC_PERCENT_FEE,
    slippagePercent: GLOBAL_CONFIG.CC_PERCENT_SLIPPAGE,
    avgPriceCandlesCount: GLOBAL_CONFIG.CC_AVG_PRICE_CANDLES_COUNT,
  });

  /** Buy-and-hold and the luck test of `trades` on the frame's `timeline`; call inside the run. */
  public compute = async (
    symbol: string,
    context: IMethodContext,
    timeline: ITimeline,
    trades: IStrategyTickResultClosed[],
    settings: IBenchmarkSettings
  ): Promise<IRunBenchmarks> => {
    this.loggerService.log("backtestBenchmarkService compute", { symbol, ...context });
    const { start, step, count } = timeline;
    const frameEnd = start + count * step;
    const { avgPriceCandlesCount, feePercent, slippagePercent } = settings;
    const longestLifetime = trades.reduce((most, trade) => Math.max(most, trade.signal.minuteEstimatedTime), 0);
    const from = Math.floor(start / MINUTE_MS) * MINUTE_MS - avgPriceCandlesCount * MINUTE_MS;
    const to = Math.max(frameEnd, start + (count - 1) * step + (longestLifetime + 1) * MINUTE_MS);
    const exchange = this.exchangeConnectionService.getExchange(context.exchangeName);
    const candles = await exchange.getNextCandles(symbol, from, Math.ceil((to - from) / MINUTE_MS));
    const input: ILuckTestInput = {
      trades,
      candles,
      startTimestamp: start,
      tickMs: step,
      tickCount: count,
      seed: settings.seed,
      simulations: settings.simulations,
      feePercent,
      slippagePercent,
      avgPriceCandlesCount,
    };
    let warned = Promise.resolve();
    const luck = computedOnce(() => {
      const result = computeLuckTest(input);
      warned = this.warnIfIncomplete(symbol, context, result);
      return result;
    });
    const settleLuck = async () => {
      luck();
      await warned;
    };
    return { buyAndHold: computeBuyAndHold(candles, start, frameEnd, feePercent, slippagePercent), luck, settleLuck };
  };

  /** Says through listenWarning when simulations could not place every trade (see "luck-incomplete"). */
  private warnIfIncomplete = async (symbol: string, context: IMethodContext, luck: ILuckTest | null) => {
    if (luck === null || luck.incompleteSimulations === 0) {
      return;
    }
    const { strategyName, frameName } = context;
    const { incompleteSimulations, simulations, trades } = luck;
    await deliverWarning(
      "luck-incomplete",
      `luck test of strategy ${strategyName} on ${symbol} (frame ${frameName}): ${incompleteSimulations} of ${simulations} ` +
        `random-entry simulations ran out of frame before placing all ${trades} trades; they count the trades they placed`,
      { strategyName, symbol, frameName, incompleteSimulations, simulations, trades }
    );
  };
}

export default BacktestBenchmarkService;
