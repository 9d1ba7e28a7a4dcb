import backtest from "../lib/index";
import { StrategyName } from "../interfaces/Strategy.interface";
import { IHeatmapStatistics } from "../interfaces/Portfolio.interface";

/**
 * The portfolio heatmap of a strategy across the symbols it ran on (backtest-kit 1.4):
 * one row per symbol (its latest backtest in this process), best Sharpe ratio first,
 * with the portfolio's total PNL, trade-weighted Sharpe ratio and trades.
 *
 * @example
 * const heat = await Heat.getData("ema-cross");
 * console.log(heat.symbols.map((row) => `${row.symbol} ${row.sharpeRatio}`));
 */
export class HeatUtils {
  /** The strategy's heatmap. */
  public getData = async (strategyName: StrategyName): Promise<IHeatmapStatistics> => {
    backtest.loggerService.info("Heat.getData", { strategyName });
    return backtest.heatMarkdownService.getData(strategyName);
  };

  /** The markdown report ("# Portfolio Heatmap: NAME"). */
  public getReport = async (strategyName: StrategyName): Promise<string> => {
    backtest.loggerService.info("Heat.getReport", { strategyName });
    return backtest.heatMarkdownService.getReport(strategyName);
  };

  /** Writes the report to `dir`/STRATEGY.md (default ./dump/heatmap) and resolves to its path. */
  public dump = async (strategyName: StrategyName, dir?: string): Promise<string> => {
    backtest.loggerService.info("Heat.dump", { strategyName, dir });
    return await backtest.heatMarkdownService.dump(strategyName, dir);
  };
}

/** The portfolio heatmap (backtest-kit 1.4's `Heat`). */
export const Heat = new HeatUtils();
