import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import LlmConnectionService from "../connection/LlmConnectionService";
import { ILlmConcurrencySnapshot } from "../../../interfaces/LlmLimiter.interface";
import StrategyConnectionService from "../connection/StrategyConnectionService";
import FrameConnectionService from "../connection/FrameConnectionService";
import ExchangeConnectionService from "../connection/ExchangeConnectionService";
import BacktestMarkdownService from "../markdown/BacktestMarkdownService";
import BacktestBenchmarkService, { IBenchmarkSettings } from "./BacktestBenchmarkService";
import { TExecutionContextService } from "../context/ExecutionContextService";
import { TMethodContextService } from "../context/MethodContextService";
import {
  IStrategyBacktestResult,
  IStrategyTickResult,
  IStrategyTickResultClosed,
  IStrategyTickResultOpened,
  IStrategyTickResultScheduled,
} from "../../../interfaces/Strategy.interface";
import { IStrategy } from "../../../interfaces/Strategy.interface";
import { ITimeline } from "../../../interfaces/Frame.interface";
import { IMethodContext } from "../../../interfaces/Context.interface";
import {
  doneBacktestSubject,
  isListened,
  performanceEmitter,
  progressBacktestEmitter,
  signalBacktestEmitter,
  signalEmitter,
} from "../../../config/emitters";
import { toError } from "../../../utils/toError";
import { MINUTE_MS } from "../../../utils/candles/intervals";
import { upcomingDueTicks } from "../../../utils/engine/upcomingDueTicks";
import { firstTickAtOrAfter, tickAfterClose } from "../../../utils/engine/frameTicks";
import { deliverEvent, deliverWarning } from "../context/EventContextService";
import PerformanceContract, { PerformanceMetricType } from "../../../contract/Performance.contract";
import PerformanceMarkdownService from "../markdown/PerformanceMarkdownService";
import ScheduleMarkdownService from "../markdown/ScheduleMarkdownService";

/** Asks whether the caller has cancelled the run. */
export type StopCheck = () => boolean;

/** The StopCheck of a run nobody can cancel. */
export const NEVER_STOP: StopCheck = () => false;

/**
 * Records one timing of a run (Performance reads them) and, while anyone listens, sends it
 * to listenPerformance through the run's event sink; returns that delivery, or undefined
 * when there was none to wait for.
 */
type TimingFn = (metricType: PerformanceMetricType, startedAt: number) => Promise<void> | undefined;

/** Whether the run times its ticks and signals: only while a listenPerformance listener follows (the whole run is always timed). */
const timesTicks = () => isListened(performanceEmitter);

/** The timing function of one run of `context.strategyName` on `symbol`, recording into `record`. */
const createTiming = (symbol: string, context: IMethodContext, record: (event: PerformanceContract) => void): TimingFn => {
  let previousTimestamp: number | null = null;
  return (metricType, startedAt) => {
    const timestamp = Date.now();
    const event: PerformanceContract = {
      timestamp,
      previousTimestamp,
      metricType,
      duration: performance.now() - startedAt,
      strategyName: context.strategyName,
      exchangeName: context.exchangeName,
      symbol,
      backtest: true,
    };
    previousTimestamp = timestamp;
    record(event);
    return isListened(performanceEmitter) ? deliverEvent(() => performanceEmitter.next(event)) : undefined;
  };
};

/** The prefetch counts of the done event: only for a strategy that asks ahead. */
const prefetchCountsOf = (strategy: IStrategy) =>
  strategy.prefetchDepth > 0 ? { signalPrefetch: strategy.getPrefetchCounts() } : {};

/** The request pool's state for the done event: only once it has sent a request. */
export const llmConcurrencyOf = (snapshot: ILlmConcurrencySnapshot | null) => (snapshot === null ? {} : { llmConcurrency: snapshot });

/**
 * The backtest loop of one strategy on one frame, inside the method and execution
 * contexts set by the public service. It visits only the ticks where the strategy is due
 * (the throttle), asks for a signal, and resolves each signal on the following 1m
 * candles in one step (fast-forward); the next tick it visits is the first at or after
 * the close. It yields every closed trade, emits signal events, progress (once per whole
 * percent) and done, through the run's event sink. For a strategy that declares prefetch
 * it first starts the signals of the next due ticks (as if every answer were "no
 * signal"); the strategy uses an answer only when its tick is reached.
 */
export class BacktestLogicPrivateService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly strategyConnectionService = inject<StrategyConnectionService>(TYPES.strategyConnectionService);
  private readonly frameConnectionService = inject<FrameConnectionService>(TYPES.frameConnectionService);
  private readonly exchangeConnectionService = inject<ExchangeConnectionService>(TYPES.exchangeConnectionService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  private readonly backtestBenchmarkService = inject<BacktestBenchmarkService>(TYPES.backtestBenchmarkService);
  private readonly performanceMarkdownService = inject<PerformanceMarkdownService>(TYPES.performanceMarkdownService);
  private readonly scheduleMarkdownService = inject<ScheduleMarkdownService>(TYPES.scheduleMarkdownService);
  private readonly executionContextService = inject<TExecutionContextService>(TYPES.executionContextService);
  private readonly methodContextService = inject<TMethodContextService>(TYPES.methodContextService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);

  /** Closed trades of the run, in time order. */
  public async *run(symbol: string, shouldStop: StopCheck): AsyncGenerator<IStrategyTickResultClosed> {
    const context: IMethodContext = this.methodContextService.context;
    this.loggerService.info("backtestLogicPrivateService run", { symbol, ...context });
    let strategy: IStrategy;
    try {
      const timeline = await this.frameConnectionService.getFrame(context.frameName).getTimeline(symbol);
      strategy = this.strategyConnectionService.createStrategy(symbol, context);
      const benchmarkSettings = this.backtestBenchmarkService.readSettings();
      this.scheduleMarkdownService.clear(context.strategyName);
      this.backtestMarkdownService.clear(symbol, context.strategyName, context.frameName, {
        exchangeName: context.exchangeName,
        start: timeline.start,
        end: timeline.start + timeline.count * timeline.step,
      });
      const trades: IStrategyTickResultClosed[] = [];
      const timing = createTiming(symbol, context, this.performanceMarkdownService.record);
      const startedAt = performance.now();
      try {
        for await (const trade of this.walkTimeline(symbol, context, timeline, strategy, shouldStop, timing)) {
          trades.push(trade);
          yield trade;
        }
      } finally {
        strategy.endPrefetch();
      }
      await timing("backtest_total", startedAt);
      if (!shouldStop()) {
        await this.checkDataEnd(symbol, context, timeline);
        await this.addBenchmarks(symbol, context, timeline, trades, benchmarkSettings);
      }
    } catch (error) {
      throw toError(
        `backtest of strategy ${context.strategyName} on ${symbol} (exchange ${context.exchangeName}, frame ${context.frameName}) failed`,
        error
      );
    }
    const done = {
      exchangeName: context.exchangeName,
      strategyName: context.strategyName,
      frameName: context.frameName,
      backtest: true,
      symbol,
      ...prefetchCountsOf(strategy),
      ...llmConcurrencyOf(this.llmConnectionService.getConcurrency()),
    };
    await deliverEvent(() => doneBacktestSubject.next(done));
  }

  /**
   * Buy-and-hold and the luck test of the finished run, kept beside its trades. The trades
   * are the run's own (those on complete data), not the report's: in a concurrent walker
   * the run's events, and so the report's trades, are still held until its turn.
   */
  private addBenchmarks = async (
    symbol: string,
    context: IMethodContext,
    timeline: ITimeline,
    trades: IStrategyTickResultClosed[],
    settings: IBenchmarkSettings
  ) => {
    const signalList = trades.filter((trade) => !trade.dataEnded);
    const benchmarks = await this.backtestBenchmarkService.compute(symbol, context, timeline, signalList, settings);
    this.backtestMarkdownService.setBenchmarks(symbol, context.strategyName, context.frameName, benchmarks);
  };

  private async *walkTimeline(
    symbol: string,
    context: IMethodContext,
    timeline: ITimeline,
    strategy: IStrategy,
    shouldStop: StopCheck,
    timing: TimingFn
  ): AsyncGenerator<IStrategyTickResultClosed> {
    const execution = this.executionContextService.context;
    const { start, step, count } = timeline;
    let reportedPercent = -1;
    let index = 0;
    while (index < count && !shouldStop()) {
      const when = start + index * step;
      if (!strategy.isDue(when)) {
        index = Math.max(index + 1, firstTickAtOrAfter(start, step, strategy.dueAt()));
      } else {
        execution.when = when;
        const tickStartedAt = timesTicks() ? performance.now() : -1;
        if (strategy.prefetchDepth > 0) {
          strategy.prefetch(upcomingDueTicks(timeline, index, strategy.intervalMs, strategy.prefetchWindow()));
        }
        const entered = await strategy.getSignal(when);
        if (entered === null) {
          index += 1;
          if (tickStartedAt >= 0) {
            await timing("backtest_timeframe", tickStartedAt);
          }
        } else {
          const signalStartedAt = tickStartedAt >= 0 ? performance.now() : -1;
          const last = await this.resolve(strategy, entered);
          if (signalStartedAt >= 0) {
            await timing("backtest_signal", signalStartedAt);
            await timing("backtest_timeframe", tickStartedAt);
          }
          index = tickAfterClose(start, step, index, last.closeTimestamp);
          strategy.skipPrefetchedBefore(start + index * step);
          if (last.action === "closed") {
            yield last;
          }
        }
      }
      const percent = Math.floor((Math.min(index, count) * 100) / count);
      if (percent > reportedPercent) {
        reportedPercent = percent;
        await this.emitProgress(symbol, context, count, Math.min(index, count));
      }
    }
  }

  /**
   * Raises "data-ended" when the 1m candles stop before the frame's last tick (the
   * strategy's last ticks saw no new data): once per run, naming the last candle in the
   * frame (null when it has none) and the frame's end; through the run's event sink.
   */
  private checkDataEnd = async (symbol: string, context: IMethodContext, { start, step, count, end }: ITimeline) => {
    const lastTick = start + (count - 1) * step;
    const exchange = this.exchangeConnectionService.getExchange(context.exchangeName);
    const last = await exchange.findLastCandle(symbol, lastTick, start - MINUTE_MS);
    if (last !== null && last.timestamp + MINUTE_MS >= lastTick) {
      return;
    }
    const lastText =
      last === null ? "the frame has no 1m candle" : `the last 1m candle opens at ${new Date(last.timestamp).toISOString()}`;
    await deliverWarning(
      "data-ended",
      `backtest of strategy ${context.strategyName} on ${symbol} (exchange ${context.exchangeName}, frame ${context.frameName}): ${lastText}, before the frame's end ${new Date(end).toISOString()}; the ticks after it saw no new data`,
      { ...context, symbol, lastCandle: last?.timestamp ?? null, frameEnd: end }
    );
  };

  /** Emits the signal's events from entry to close or cancel; returns how it ended. */
  private resolve = async (
    strategy: IStrategy,
    entered: IStrategyTickResultOpened | IStrategyTickResultScheduled
  ): Promise<IStrategyBacktestResult> => {
    await this.emitSignal(entered);
    const opened = entered.action === "scheduled" ? await strategy.resolveScheduled(entered) : entered;
    if (opened !== entered) {
      await this.emitSignal(opened);
    }
    if (opened.action === "cancelled") {
      return opened;
    }
    const closed = await strategy.resolveOpened(opened);
    await this.emitSignal(closed);
    return closed;
  };

  private emitSignal = (result: IStrategyTickResult) =>
    deliverEvent(async () => {
      this.scheduleMarkdownService.record(result);
      await signalEmitter.next(result);
      await signalBacktestEmitter.next(result);
    });

  private emitProgress = (symbol: string, context: IMethodContext, totalFrames: number, processedFrames: number) => {
    const progress = {
      exchangeName: context.exchangeName,
      strategyName: context.strategyName,
      frameName: context.frameName,
      symbol,
      totalFrames,
      processedFrames,
      progress: processedFrames / totalFrames,
    };
    return deliverEvent(() => progressBacktestEmitter.next(progress));
  };
}

export default BacktestLogicPrivateService;
