import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import WalkerSchemaService from "../schema/WalkerSchemaService";
import BacktestLogicPublicService from "./BacktestLogicPublicService";
import BacktestMarkdownService from "../markdown/BacktestMarkdownService";
import WalkerMarkdownService from "../markdown/WalkerMarkdownService";
import { llmConcurrencyOf, StopCheck } from "./BacktestLogicPrivateService";
import { IWalkerCallbacks, IWalkerResults, WalkerName } from "../../../interfaces/Walker.interface";
import WalkerContract from "../../../contract/Walker.contract";
import {
  doneWalkerSubject,
  errorEmitter,
  progressWalkerEmitter,
  raiseWarning,
  walkerCompleteSubject,
  walkerEmitter,
} from "../../../config/emitters";
import { toError } from "../../../utils/toError";
import { pickBest } from "../../../utils/stats/rankStrategies";
import { computeWalkerOdds } from "../../../utils/stats/overfittingOdds";
import { computeCostStress } from "../../../utils/stats/costStress";
import { combinePromptModes } from "../../../utils/blind/promptMode";
import { awaitCallback } from "../../../utils/settleWithin";
import { GLOBAL_CONFIG } from "../../../config/params";
import { errorLine } from "../../../utils/errorChain";
import { findEndpointUnreachable, LLM_ENDPOINT_UNREACHABLE } from "../../../utils/llm/endpointFailure";
import LlmConnectionService from "../connection/LlmConnectionService";
import { LIVE_EVENT_SINK } from "../context/EventContextService";
import ClientEventRelay from "../../../client/engine/ClientEventRelay";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { ILlmUsageReading } from "../../../interfaces/LlmUsage.interface";

/**
 * Stops the walk when a strategy failed because the model endpoint cannot be reached:
 * every other strategy would fail the same way, so the walker fails once, with the
 * endpoint's message (its code kept, so a launcher can tell it apart).
 */
const throwIfEndpointUnreachable = (walkerName: WalkerName, failure: Error | null) => {
  const unreachable = findEndpointUnreachable(failure);
  if (unreachable !== null) {
    throw Object.assign(toError(`walker ${walkerName} stopped`, unreachable), { code: LLM_ENDPOINT_UNREACHABLE });
  }
};

/** One strategy's backtest in a walker: its held events, and its end (the failure, or null) once started. */
interface IStrategyRun {
  events: ClientEventRelay;
  failure: Promise<Error | null> | null;
}

/** The backtests of one walk (see WalkerLogicService.createRuns). */
interface IStrategyRuns {
  strategyNames: string[];
  follow: (index: number, ahead: number) => Promise<Error | null>;
  abandon: () => Promise<void>;
}

/**
 * Backtests the strategies of a walker on its exchange and frame, up to
 * CC_WALKER_CONCURRENCY at once, and ranks them by the walker's metric (sharpeRatio by
 * default; higher is better, null never wins; equal metrics: more trades, then the
 * walker's order, and tieBroken says so). Everything observable keeps the schema
 * order of a sequential run: each strategy's events are held until the strategies
 * before it are done (the current one streams live), and the walker's own callbacks,
 * events, progress and results follow one strategy at a time. A strategy whose backtest
 * fails is reported (listenError, onStrategyError) and skipped; the others still run,
 * unless it failed because the model endpoint is unreachable: then the walker fails. A
 * walker callback that throws is reported and the walk goes on.
 */
export class WalkerLogicService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly walkerSchemaService = inject<WalkerSchemaService>(TYPES.walkerSchemaService);
  private readonly backtestLogicPublicService = inject<BacktestLogicPublicService>(TYPES.backtestLogicPublicService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  private readonly walkerMarkdownService = inject<WalkerMarkdownService>(TYPES.walkerMarkdownService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);

  /** One WalkerContract per strategy that completed, in the walker's order. */
  public async *run(symbol: string, walkerName: WalkerName, shouldStop: StopCheck): AsyncGenerator<WalkerContract> {
    const { exchangeName, frameName, strategies, metric = "sharpeRatio", callbacks } =
      this.walkerSchemaService.get(walkerName);
    this.loggerService.info("walkerLogicService run", { symbol, walkerName });
    const usageAtStart = this.startUsage();
    const results: IWalkerResults = {
      walkerName,
      symbol,
      exchangeName,
      frameName,
      metric,
      totalStrategies: strategies.length,
      bestStrategy: null,
      bestMetric: null,
      bestStats: null,
      strategyResults: [],
      failedStrategies: [],
      tieBroken: false,
      tiedStrategies: [],
      buyAndHold: null,
      promptMode: null,
      overfitting: null,
      costStress: null,
      llmUsage: this.llmConnectionService.getUsage(usageAtStart),
    };
    this.walkerMarkdownService.setResults(results);
    const notify = this.createNotifier(walkerName, callbacks);
    const runs = this.createRuns(symbol, walkerName, shouldStop);
    try {
      yield* this.collectResults(results, runs, notify, shouldStop, usageAtStart);
    } finally {
      await runs.abandon();
    }
    this.assessPick(results);
    results.llmUsage = this.llmConnectionService.getUsage(usageAtStart);
    await notify("onComplete", results);
    await this.walkerMarkdownService.exportResults(results);
    await walkerCompleteSubject.next(results);
    const llmConcurrency = llmConcurrencyOf(this.llmConnectionService.getConcurrency());
    await doneWalkerSubject.next({ exchangeName, strategyName: walkerName, frameName, backtest: true, symbol, walkerName, ...llmConcurrency });
  }

  /**
   * Takes the strategies in schema order: lets the current one's events through, keeps
   * up to CC_WALKER_CONCURRENCY backtests running from it on, and when it ends records
   * its result (or failure), calls back, emits and yields, as a sequential walk does.
   */
  private async *collectResults(
    results: IWalkerResults,
    runs: IStrategyRuns,
    notify: ReturnType<WalkerLogicService["createNotifier"]>,
    shouldStop: StopCheck,
    usageAtStart: ILlmUsageReading
  ): AsyncGenerator<WalkerContract> {
    const { walkerName, exchangeName, frameName, symbol, metric, totalStrategies } = results;
    const concurrency = GLOBAL_CONFIG.CC_WALKER_CONCURRENCY;
    for (let index = 0; index < totalStrategies; index++) {
      if (shouldStop()) {
        break;
      }
      const strategyName = runs.strategyNames[index];
      await notify("onStrategyStart", strategyName, symbol);
      const failure = await runs.follow(index, concurrency);
      throwIfEndpointUnreachable(walkerName, failure);
      if (failure !== null) {
        results.failedStrategies.push({ strategyName, error: errorLine(failure) });
        await errorEmitter.next(failure);
        await notify("onStrategyError", strategyName, symbol, failure);
        await this.emitProgress(results, index + 1);
        continue;
      }
      const stats = this.backtestMarkdownService.getData(symbol, strategyName, frameName);
      const promptMode = stats.promptMode ?? null;
      const metricValue = stats[metric];
      results.strategyResults.push({ strategyName, stats, metricValue, promptMode });
      results.promptMode = combinePromptModes(results.strategyResults.map((result) => result.promptMode));
      this.updateBest(results);
      results.llmUsage = this.llmConnectionService.getUsage(usageAtStart);
      await notify("onStrategyComplete", strategyName, symbol, stats, metricValue);
      const contract: WalkerContract = {
        walkerName,
        exchangeName,
        frameName,
        symbol,
        strategyName,
        stats,
        metricValue,
        metric,
        bestMetric: results.bestMetric,
        bestStrategy: results.bestStrategy,
        strategiesTested: index + 1,
        totalStrategies,
      };
      await walkerEmitter.next(contract);
      await this.emitProgress(results, index + 1);
      yield contract;
    }
  }

  /** The model-call counters at the walker's start; a bad price table fails here, before any backtest. */
  private startUsage = (): ILlmUsageReading => {
    this.llmConnectionService.getPrices();
    return this.llmConnectionService.readUsage();
  };

  /** The best strategy by the ranking rule (ties: more trades, then walker order) and the benchmark. */
  private updateBest = (results: IWalkerResults) => {
    const { best, tied, tieBroken } = pickBest(results.strategyResults);
    results.bestStrategy = best?.strategyName ?? null;
    results.bestMetric = best?.metricValue ?? null;
    results.bestStats = best?.stats ?? null;
    results.tieBroken = tieBroken;
    results.tiedStrategies = tied.map((result) => result.strategyName);
    results.buyAndHold = results.strategyResults[0]?.stats.buyAndHold ?? null;
  };

  /**
   * Adds the odds that the pick is luck (deflated Sharpe ratio, PBO) and the cost stress
   * test, from the strategies' trades on the walker's frame; nothing without a result.
   */
  private assessPick = (results: IWalkerResults) => {
    const first = results.strategyResults[0];
    if (first === undefined) {
      return;
    }
    const { start, end } = this.backtestMarkdownService.getRun(results.symbol, first.strategyName, results.frameName);
    results.overfitting = computeWalkerOdds(results, { start, end }, GLOBAL_CONFIG.CC_PBO_PERIOD_MINUTES);
    results.costStress = computeCostStress({
      strategies: results.strategyResults.map(({ strategyName, stats }) => ({
        strategyName,
        trades: stats.signalList,
        cancelledCount: stats.cancelledCount,
      })),
      metric: results.metric,
      pick: results.bestStrategy,
      feePercent: GLOBAL_CONFIG.CC_PERCENT_FEE,
      slippagePercent: GLOBAL_CONFIG.CC_PERCENT_SLIPPAGE,
      range: { start, end },
    });
  };

  /**
   * The backtests of a walker's strategies, each started on demand with its events held
   * by its own relay. `follow(index, ahead)` lets strategy `index`'s events through, makes
   * sure the strategies from it up to `ahead` are running and resolves when `index`
   * ends; `abandon` stops the rest at their next tick and waits for them.
   */
  private createRuns = (symbol: string, walkerName: WalkerName, shouldStop: StopCheck): IStrategyRuns => {
    const { exchangeName, frameName, strategies } = this.walkerSchemaService.get(walkerName);
    const runs: IStrategyRun[] = strategies.map(() => ({ events: new ClientEventRelay(), failure: null }));
    let abandoned = false;
    const stopped = () => abandoned || shouldStop();
    const start = (position: number) => {
      const run = runs[position];
      if (run.failure === null) {
        const context = { strategyName: strategies[position], exchangeName, frameName, walkerName };
        run.failure = this.backtestStrategy(walkerName, symbol, context, stopped, run.events);
      }
      return run.failure;
    };
    return {
      strategyNames: strategies,
      follow: async (index, ahead) => {
        await runs[index].events.pipeTo(LIVE_EVENT_SINK);
        for (let position = index; position < Math.min(runs.length, index + ahead); position++) {
          start(position);
        }
        return await start(index);
      },
      abandon: async () => {
        abandoned = true;
        await Promise.all(runs.map(({ failure }) => failure));
      },
    };
  };

  /** Runs one strategy's backtest with its events held by `events`; resolves to its failure or null. */
  private backtestStrategy = async (
    walkerName: WalkerName,
    symbol: string,
    context: IMethodContext,
    shouldStop: StopCheck,
    events: ClientEventRelay
  ): Promise<Error | null> => {
    try {
      for await (const _ of this.backtestLogicPublicService.run(symbol, context, shouldStop, events)) {
        // The trades are collected by the backtest markdown service.
      }
      return null;
    } catch (error) {
      return toError(`walker ${walkerName} skipped strategy ${context.strategyName}`, error);
    }
  };

  /**
   * Calls a walker callback within CC_LISTENER_TIMEOUT_MS (a "listener-timeout" warning
   * past it); a throw is reported to listenError, never rethrown.
   */
  private createNotifier = (walkerName: WalkerName, callbacks: Partial<IWalkerCallbacks> | undefined) =>
    async <K extends keyof IWalkerCallbacks>(name: K, ...args: Parameters<IWalkerCallbacks[K]>) => {
      const callback = callbacks?.[name] as ((...values: unknown[]) => unknown) | undefined;
      if (callback === undefined) {
        return;
      }
      try {
        const listener = `walker ${walkerName} callbacks.${name}`;
        await awaitCallback(callback(...args), GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS, listener, raiseWarning);
      } catch (error) {
        await errorEmitter.next(toError(`walker ${walkerName} callback ${name} threw`, error));
      }
    };

  private emitProgress = async (results: IWalkerResults, processedStrategies: number) => {
    await progressWalkerEmitter.next({
      walkerName: results.walkerName,
      exchangeName: results.exchangeName,
      frameName: results.frameName,
      symbol: results.symbol,
      totalStrategies: results.totalStrategies,
      processedStrategies,
      progress: processedStrategies / results.totalStrategies,
    });
  };
}

export default WalkerLogicService;
