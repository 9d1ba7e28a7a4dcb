import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import WalkerSchemaService from "../schema/WalkerSchemaService";
import BacktestLogicPublicService from "./BacktestLogicPublicService";
import BacktestMarkdownService from "../markdown/BacktestMarkdownService";
import WalkerMarkdownService from "../markdown/WalkerMarkdownService";
import { StopCheck } from "./BacktestLogicPrivateService";
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
import { pickBest } from "../../../utils/rankStrategies";
import { combinePromptModes } from "../../../utils/promptMode";
import { awaitCallback } from "../../../utils/settleWithin";
import { GLOBAL_CONFIG } from "../../../config/params";
import { errorLine } from "../../../utils/errorChain";

/**
 * Backtests each strategy of a walker on its exchange and frame, one after another, and
 * ranks them by the walker's metric (sharpeRatio by default; higher is better, null
 * never wins; equal metrics: more trades, then the walker's order, and tieBroken says so). A strategy whose backtest fails is reported (listenError,
 * onStrategyError) and skipped; the others still run. A walker callback that throws is
 * reported and the walk goes on.
 */
export class WalkerLogicService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly walkerSchemaService = inject<WalkerSchemaService>(TYPES.walkerSchemaService);
  private readonly backtestLogicPublicService = inject<BacktestLogicPublicService>(TYPES.backtestLogicPublicService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  private readonly walkerMarkdownService = inject<WalkerMarkdownService>(TYPES.walkerMarkdownService);

  /** One WalkerContract per strategy that completed, in the walker's order. */
  public async *run(symbol: string, walkerName: WalkerName, shouldStop: StopCheck): AsyncGenerator<WalkerContract> {
    const { exchangeName, frameName, strategies, metric = "sharpeRatio", callbacks } =
      this.walkerSchemaService.get(walkerName);
    this.loggerService.info("walkerLogicService run", { symbol, walkerName });
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
    };
    this.walkerMarkdownService.setResults(results);
    const notify = this.createNotifier(walkerName, callbacks);
    for (const [index, strategyName] of strategies.entries()) {
      if (shouldStop()) {
        break;
      }
      await notify("onStrategyStart", strategyName, symbol);
      try {
        const trades = this.backtestLogicPublicService.run(symbol, { strategyName, exchangeName, frameName }, shouldStop);
        for await (const _ of trades) {
          // The trades are collected by the backtest markdown service.
        }
      } catch (error) {
        const failure = toError(`walker ${walkerName} skipped strategy ${strategyName}`, error);
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
        totalStrategies: strategies.length,
      };
      await walkerEmitter.next(contract);
      await this.emitProgress(results, index + 1);
      yield contract;
    }
    await notify("onComplete", results);
    await this.walkerMarkdownService.exportResults(results);
    await walkerCompleteSubject.next(results);
    await doneWalkerSubject.next({ exchangeName, strategyName: walkerName, frameName, backtest: true, symbol, walkerName });
  }

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
