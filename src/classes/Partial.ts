import backtest from "../lib/index";
import { PartialStatistics } from "../interfaces/Portfolio.interface";

/**
 * The partial profit and loss milestones reached on a symbol (backtest-kit 1.4): each
 * open signal's 10%, 20%, ... 100% of the way to take-profit or to stop-loss, once per
 * signal, for the latest backtest of each strategy and frame on the symbol (and every
 * live milestone), until cleared.
 *
 * @example
 * const stats = await Partial.getData("BTCUSDT");
 * console.log(stats.totalProfit, stats.totalLoss);
 */
export class PartialUtils {
  /** The milestones reached on `symbol`. */
  public getData = async (symbol: string): Promise<PartialStatistics> => {
    backtest.loggerService.info("Partial.getData", { symbol });
    return await backtest.partialMarkdownService.getData(symbol);
  };

  /** The markdown report ("# Partial Profit/Loss Report: SYMBOL"). */
  public getReport = async (symbol: string): Promise<string> => {
    backtest.loggerService.info("Partial.getReport", { symbol });
    return await backtest.partialMarkdownService.getReport(symbol);
  };

  /** Writes the report to `dir`/SYMBOL.md (default ./dump/partial) and resolves to its path. */
  public dump = async (symbol: string, dir?: string): Promise<string> => {
    backtest.loggerService.info("Partial.dump", { symbol, dir });
    return await backtest.partialMarkdownService.dump(symbol, dir);
  };

  /** Forgets the milestones on `symbol` (on every symbol without one). */
  public clear = async (symbol?: string): Promise<void> => {
    backtest.partialMarkdownService.clear(symbol);
  };
}

/** The partial profit/loss report (backtest-kit 1.4's `Partial`). */
export const Partial = new PartialUtils();
