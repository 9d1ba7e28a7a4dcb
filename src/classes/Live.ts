import backtest from "../lib/index";
import { reportFailures } from "../utils/report/reportFailures";
import { ILiveTickResult } from "../interfaces/Live.interface";
import { StrategyName } from "../interfaces/Strategy.interface";
import { LiveStatistics } from "../interfaces/Statistics.interface";
import { ILiveContext, ILiveRunOptions } from "../lib/services/global/LiveGlobalService";

/**
 * Live (paper) trading of one strategy on one exchange: one tick per minute of the
 * clock, each decided by the backtest's own rules on the candles closed by then. State
 * is stored after every change (PersistSignalAdapter & co), so a run that was killed
 * resumes where it stopped and catches up on the minutes it missed. Orders are not sent
 * anywhere: fills are paper fills.
 *
 * @example
 * const stop = Live.background("BTCUSDT", { strategyName: "ema-cross", exchangeName: "binance" });
 * listenSignalLive((result) => result.action === "closed" && console.log(result.pnl.pnlPercentage));
 */
export class LiveUtils {
  /**
   * Runs live and yields every tick's result: idle, active, scheduled, opened, closed,
   * cancelled. Endless on the wall clock: stop it by leaving the loop. `options.clock`
   * replaces the clock (a ReplayClock rehearses a past period) and `options.until` ends
   * the run after that tick. Unknown names throw at once; a failure reaches listenError
   * and rejects.
   */
  public run = (symbol: string, context: ILiveContext, options?: ILiveRunOptions): AsyncGenerator<ILiveTickResult> => {
    const results = backtest.liveGlobalService.run(symbol, context, options);
    return reportFailures(() => results);
  };

  /**
   * Runs live without waiting for it: follow it with listeners (listenSignalLive,
   * listenDoneLive, listenError). Returns a function that stops it at its next tick (its
   * state stays stored: the next run resumes it); listenDoneLive then fires.
   */
  public background = (symbol: string, context: ILiveContext, options?: ILiveRunOptions): (() => void) => {
    const controller = new AbortController();
    const results = backtest.liveGlobalService.run(symbol, context, options, controller.signal);
    const drain = async () => {
      for await (const _ of reportFailures(() => results)) {
        // Each result has gone to the listeners.
      }
    };
    drain().catch(() => undefined);
    return () => controller.abort();
  };

  /** Statistics of the strategy's live run; also the 1.4 form `getData(strategyName)`. */
  public getData: {
    (symbol: string, strategyName: StrategyName): Promise<LiveStatistics>;
    (strategyName: StrategyName): Promise<LiveStatistics>;
  } = async (first: string, second?: StrategyName) =>
    backtest.liveGlobalService.getData(...backtest.liveGlobalService.resolveTarget("Live.getData", first, second));

  /** Markdown report ("# Live Trading Report: NAME"); also the 1.4 form `getReport(strategyName)`. */
  public getReport: {
    (symbol: string, strategyName: StrategyName): Promise<string>;
    (strategyName: StrategyName): Promise<string>;
  } = async (first: string, second?: StrategyName) =>
    backtest.liveGlobalService.getReport(...backtest.liveGlobalService.resolveTarget("Live.getReport", first, second));

  /**
   * Writes the report to `dir`/STRATEGY.md (default ./dump/live) and resolves to its
   * path; also the 1.4 form `dump(strategyName, dir?)`.
   */
  public dump: {
    (symbol: string, strategyName: StrategyName, dir?: string): Promise<string>;
    (strategyName: StrategyName, dir?: string): Promise<string>;
  } = async (first: string, second?: string, third?: string) =>
    await backtest.liveGlobalService.dump(...backtest.liveGlobalService.resolveDumpTarget(first, second, third));

  /**
   * Writes one self-contained HTML report of the strategy's live run (chart, equity,
   * metrics, trades; titled paper, naming the position still open) to `dir`/report.html
   * (default ./dump/live) atomically and resolves to its path.
   */
  public dumpHtml = async (symbol: string, strategyName: StrategyName, dir?: string): Promise<string> =>
    await backtest.liveGlobalService.dumpHtml(symbol, strategyName, dir);
}

/** The Live facade. */
export const Live = new LiveUtils();

export default Live;
