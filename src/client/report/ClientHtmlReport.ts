import { createHash } from "node:crypto";
import { CandleInterval, ICandleData } from "../../interfaces/Exchange.interface";
import {
  IHtmlReportParams,
  IReportInput,
  IReportSectionInput,
  IReportStrategyInput,
} from "../../interfaces/Report.interface";
import { IWalkForwardResults } from "../../interfaces/WalkForward.interface";
import { BacktestStatistics } from "../../interfaces/Statistics.interface";
import { IStrategyTickResultClosed } from "../../interfaces/Strategy.interface";
import { IBuyAndHold, ILuckTest } from "../../interfaces/Benchmark.interface";
import { aggregateCandles } from "../../utils/candles/aggregateCandles";
import { describeLuck } from "../../utils/stats/describeLuck";
import { IRankingKeys, WALK_FORWARD_TOTAL_KEYS, rankBy } from "../../utils/stats/rankStrategies";
import { lowerBound } from "../../utils/lowerBound";
import { computeEquityCurve } from "../../utils/stats/computeStatistics";
import { computePnl } from "../../utils/engine/computePnl";
import { CANDLE_INTERVAL_MS, MINUTE_MS } from "../../utils/candles/intervals";
import { toScriptJson } from "../../utils/report/toScriptJson";
import { ILlmUsage, ILlmUsageCounts } from "../../interfaces/LlmUsage.interface";
import { formatUsd } from "../../utils/llm/llmUsage";
import { findPartialCrossings, levelsBetween } from "../../utils/engine/partialMilestones";
import { IRiskRefusal } from "../../interfaces/Risk.interface";
import { combinePromptModes, describePromptMode } from "../../utils/blind/promptMode";
import { describeOverfittingOdds } from "../../utils/stats/overfittingOdds";
import { describeCostStress } from "../../utils/report/costStressTable";
import { ICostStress, IOverfittingOdds } from "../../interfaces/Overfitting.interface";
import { judgeBest } from "../../utils/report/verdict";

/** Line colors of the strategies, in walker order (repeating past the last). */
const PALETTE = ["#2962ff", "#e8590c", "#2f9e44", "#9c36b5", "#c2255c", "#0c8599", "#5c940d", "#862e9c"];

/** A point of a line series: [UTC seconds, value]. */
type Point = [number, number];

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Points with strictly increasing times (a later value for the same second wins), as the charts require. */
const increasing = (points: Point[]): Point[] =>
  points.reduce<Point[]>((kept, point) => {
    const last = kept[kept.length - 1];
    if (last !== undefined && last[0] >= point[0]) {
      last[1] = point[1];
    } else {
      kept.push(point);
    }
    return kept;
  }, []);

/** The finest interval whose candles over `minutes` 1m candles number at most `maxCandles` (else the coarsest). */
const chooseInterval = (minutes: number, maxCandles: number): CandleInterval => {
  const intervals = Object.keys(CANDLE_INTERVAL_MS) as CandleInterval[];
  return (
    intervals.find((interval) => Math.ceil(minutes / (CANDLE_INTERVAL_MS[interval] / MINUTE_MS)) <= maxCandles) ??
    intervals[intervals.length - 1]
  );
};

/** Index of the chart candle that holds `time` (the first or last one for times outside the chart). */
const candleIndexAt = (candles: ICandleData[], time: number) => Math.max(0, lowerBound(candles, time + 1) - 1);

/** The partial milestones the HTML report marks: Constant's levels. */
const MARKED_LEVELS = { profit: [30, 60, 90], loss: [40, 80] };

/** A trade's milestones at the marked levels, found on the 1m candles it stayed open through. */
const milestonesOf = (trade: IStrategyTickResultClosed, candles1m: ICandleData[]) => {
  const open = candles1m.slice(lowerBound(candles1m, trade.signal.pendingAt), lowerBound(candles1m, trade.closeTimestamp));
  const reached = { profit: 0, loss: 0 };
  return findPartialCrossings(trade.signal, open, trade.closeTimestamp).flatMap(({ action, percent, timestamp }) => {
    const levels = levelsBetween(reached[action], percent);
    reached[action] = levels.at(-1) ?? reached[action];
    return levels.filter((level) => MARKED_LEVELS[action].includes(level)).map((level) => ({ action, level, timestamp }));
  });
};

/** Each entry's competition rank (equal metrics share one) and whether another entry shares it. */
const ranksOf = <T>(items: T[], keys: IRankingKeys<T>) => {
  const ranked = rankBy(items, keys);
  const rankOf = (item: T) => ranked.find((entry) => entry.item === item)?.rank ?? items.length;
  return items.map((item) => ({
    rank: rankOf(item),
    tied: ranked.filter(({ rank }) => rank === rankOf(item)).length > 1,
  }));
};

const STRATEGY_KEYS: IRankingKeys<IReportStrategyInput> = {
  metric: (strategy) => strategy.metricValue,
  trades: (strategy) => strategy.stats.totalSignals,
};

/** The statistics fields the metrics table shows. */
const EMPTY_STATS = Object.freeze({
  totalPnl: null,
  avgPnl: null,
  winRate: null,
  sharpeRatio: null,
  annualizedSharpeRatio: null,
  annualizedSortinoRatio: null,
  calmarRatio: null,
  maxDrawdown: null,
  profitFactor: null,
  expectancy: null,
  exposure: null,
  totalSignals: 0,
  avgHoldMinutes: null,
});

/** The figures of the metrics table, exactly as the statistics hold them. */
const tableStats = (stats: Pick<BacktestStatistics, keyof typeof EMPTY_STATS>) => ({
  totalPnl: stats.totalPnl,
  avgPnl: stats.avgPnl,
  winRate: stats.winRate,
  sharpeRatio: stats.sharpeRatio,
  annualizedSharpeRatio: stats.annualizedSharpeRatio,
  annualizedSortinoRatio: stats.annualizedSortinoRatio,
  calmarRatio: stats.calmarRatio,
  maxDrawdown: stats.maxDrawdown,
  profitFactor: stats.profitFactor,
  expectancy: stats.expectancy,
  exposure: stats.exposure,
  totalSignals: stats.totalSignals,
  avgHoldMinutes: stats.avgHoldMinutes,
});

/** The sentence that says the tie-break rule chose the best strategy, or null. */
const describeTieBreak = (tieBreak: IReportSectionInput["tieBreak"], metric: string, best: string | null) =>
  tieBreak === null || !tieBreak.tieBroken
    ? null
    : `Tie broken: ${tieBreak.tiedStrategies.join(", ")} share the best ${metric}; ` +
      `${best} was chosen by the tie-break rule: more closed trades, then the strategy order.`;

/** The out-of-sample totals of a walk-forward report as the page shows them. */
const walkForwardOf = (walkForward: IWalkForwardResults, sections: IReportSectionInput[]) => {
  const ranks = ranksOf(walkForward.totals, WALK_FORWARD_TOTAL_KEYS);
  return {
    windows: sections.map((section) => ({ heading: section.heading, range: section.range })),
    totals: walkForward.totals.map((total, index) => ({
      name: total.strategyName,
      windowPnl: total.windowPnl,
      totalPnl: total.totalPnl,
      totalSignals: total.totalSignals,
      ...ranks[index],
    })),
    buyAndHold: { windowPnl: walkForward.buyAndHoldPnl, totalPnl: walkForward.buyAndHoldTotalPnl },
    best: walkForward.bestStrategy,
    tieBroken: describeTieBreak(walkForward, "out-of-sample total PnL", walkForward.bestStrategy),
    odds: oddsOf(walkForward.overfitting),
  };
};

/** The overfitting odds as the page shows them: the figures and their lines in words. */
const oddsOf = (odds: IOverfittingOdds | null) =>
  odds === null
    ? null
    : { pbo: odds.pbo, deflatedSharpeRatio: odds.deflatedSharpeRatio, trials: odds.trials, lines: describeOverfittingOdds(odds) };

/** The cost stress test as the page shows it: its verdict, the scenarios and every strategy's figures. */
const costStressOf = (stress: ICostStress | null) =>
  stress === null ? null : { verdict: describeCostStress(stress), pick: stress.pick, scenarios: stress.scenarios, strategies: stress.strategies };

/**
 * The plain-words verdict at the top of a walker or walk-forward report: the pick's total
 * PnL (out-of-sample total for walk-forward) against buy-and-hold; none for one backtest.
 */
const verdictOfReport = (input: IReportInput) => {
  if (input.walkForward !== null) {
    const { bestStrategy, bestTotalPnl, buyAndHoldTotalPnl } = input.walkForward;
    return judgeBest({ bestStrategy, bestPnl: bestTotalPnl, buyAndHoldPnl: buyAndHoldTotalPnl });
  }
  const [section] = input.sections;
  if (input.kind === "backtest" || section === undefined) {
    return [];
  }
  const best = section.strategies.find((strategy) => strategy.strategyName === section.best);
  return judgeBest({
    bestStrategy: section.best,
    bestPnl: best?.stats.totalPnl ?? null,
    buyAndHoldPnl: section.buyAndHold?.pnlPercentage ?? null,
  });
};

/** The buy-and-hold row of the metrics table: one long trade over the range. */
const buyAndHoldStats = (buyAndHold: IBuyAndHold | null) =>
  buyAndHold === null
    ? null
    : {
        ...Object.fromEntries(Object.keys(tableStats(EMPTY_STATS)).map((key) => [key, null])),
        totalPnl: buyAndHold.pnlPercentage,
        avgPnl: buyAndHold.pnlPercentage,
        totalSignals: 1,
      };

/** The luck test as the page shows it: the figures and the plain sentence of the markdown report. */
const luckOf = (luck: ILuckTest | null) =>
  luck === null
    ? null
    : { pValue: luck.pValue, percentile: luck.percentile, beatsLuck: luck.beatsLuck, verdict: describeLuck(luck) };

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** A usage row of the report's cost table: a model, or the total. */
const llmUsageRow = (name: string, counts: ILlmUsageCounts, costUsd: number | null) => ({
  name,
  sent: counts.sent,
  retries: counts.retries,
  cached: counts.cached,
  shared: counts.shared,
  speculative: counts.speculative,
  wasted: counts.wasted,
  promptTokens: counts.promptTokens,
  completionTokens: counts.completionTokens,
  cost: costUsd === null ? "no price set" : formatUsd(costUsd),
});

/** The "What it cost" data: one row per model and the total, the wait, and the summary sentence. */
const llmUsageOf = (usage: ILlmUsage) => ({
  summary: usage.text,
  waitMs: usage.waitMs,
  rows: [...usage.models.map((model) => llmUsageRow(model.model, model, model.costUsd)), llmUsageRow("Total", usage, usage.costUsd)],
});

/**
 * Builds the self-contained HTML report: the page template with lightweight-charts, the
 * page script and the report data inlined. The data goes in as JSON through the one
 * escaping helper (toScriptJson); the page puts text into the DOM with textContent, and
 * its Content-Security-Policy lets only its own two scripts run (by hash).
 */
export class ClientHtmlReport {
  private readonly scriptHashes: string;

  constructor(readonly params: IHtmlReportParams) {
    this.scriptHashes = `${sha256(params.chartsScript)} ${sha256(params.pageScript)}`;
  }

  /** The whole page for `input`, linking conversations relative to `reportDir`. */
  public render = async (input: IReportInput, reportDir: string): Promise<string> => {
    const data = await this.buildData(input, reportDir);
    const parts: Record<string, string> = {
      "@@SCRIPT_HASHES@@": this.scriptHashes,
      "@@REPORT_DATA@@": toScriptJson(data),
      "@@LIGHTWEIGHT_CHARTS@@": this.params.chartsScript,
      "@@PAGE_SCRIPT@@": this.params.pageScript,
    };
    return this.params.template.replace(/@@[A-Z_]+@@/g, (name) => parts[name] ?? name);
  };

  /** The JSON the page renders. */
  private buildData = async (input: IReportInput, reportDir: string) => {
    const names = [...new Set(input.sections.flatMap((section) => section.strategies.map((strategy) => strategy.strategyName)))];
    const colorOf = (name: string) => PALETTE[names.indexOf(name) % PALETTE.length];
    const sections = [];
    for (const section of input.sections) {
      sections.push(await this.buildSection(section, reportDir, colorOf));
    }
    return {
      kind: input.kind,
      title: input.title,
      symbol: input.symbol,
      verdict: verdictOfReport(input),
      strategies: names.map((name) => ({ name, color: colorOf(name) })),
      walkForward: input.walkForward === null ? null : walkForwardOf(input.walkForward, input.sections),
      llmUsage: input.llmUsage === null ? null : llmUsageOf(input.llmUsage),
      heat: input.heat ?? null,
      sections,
    };
  };

  /** One test range: its chart, curves, metrics and trades. */
  private buildSection = async (section: IReportSectionInput, reportDir: string, colorOf: (name: string) => string) => {
    const chart = this.buildChart(section.candles);
    const ranks = ranksOf(section.strategies, STRATEGY_KEYS);
    const strategies = await Promise.all(
      section.strategies.map(async (strategy, index) => ({
        name: strategy.strategyName,
        note: strategy.note,
        color: colorOf(strategy.strategyName),
        metricValue: strategy.metricValue,
        ...ranks[index],
        stats: tableStats(strategy.stats),
        luck: luckOf(strategy.stats.luck),
        ...this.buildCurves(strategy.stats.signalList, section.range.start),
        markers: this.buildMarkers(strategy.stats.signalList, strategy.refusals, section.candles, chart.source),
        trades: await this.buildTrades(strategy.stats.signalList, reportDir),
      }))
    );
    return {
      heading: section.heading,
      exchangeName: section.exchangeName,
      frameName: section.frameName,
      metric: section.metric,
      promptMode: describePromptMode(combinePromptModes(section.strategies.map((strategy) => strategy.stats.promptMode ?? null))),
      best: section.best,
      tieBroken: describeTieBreak(section.tieBreak, section.metric, section.best),
      range: section.range,
      chart: chart.page,
      buyAndHold: {
        curve: this.buildBuyAndHold(chart.source, section.range),
        stats: buyAndHoldStats(section.buyAndHold),
      },
      strategies,
      odds: oddsOf(section.overfitting),
      costStress: costStressOf(section.costStress),
      failed: section.failed.map((failure) => ({ name: failure.strategyName, error: failure.error })),
    };
  };

  /** The price chart's candles: the 1m candles, or a coarser interval when there are more than the setting allows. */
  private buildChart = (candles1m: ICandleData[]) => {
    const maxCandles = this.params.getMaxCandles();
    const interval = chooseInterval(candles1m.length, maxCandles);
    const aggregated = interval !== "1m";
    const source = aggregated ? aggregateCandles(candles1m, interval) : candles1m;
    return {
      source,
      page: {
        interval,
        aggregated,
        maxCandles,
        sourceCandles: candles1m.length,
        candles: source.map((c) => [seconds(c.timestamp), c.open, c.high, c.low, c.close]),
      },
    };
  };

  /** Equity and drawdown lines from the same curve as the statistics' maxDrawdown, starting at 0. */
  private buildCurves = (signalList: IStrategyTickResultClosed[], start: number) => {
    const curve = computeEquityCurve(signalList);
    const origin: Point = [seconds(start), 0];
    return {
      equity: increasing([origin, ...curve.map((point): Point => [seconds(point.time), point.equity])]),
      drawdown: increasing([origin, ...curve.map((point): Point => [seconds(point.time), -point.drawdown])]),
    };
  };

  /**
   * Buy-and-hold as a curve: bought at the open of the range's first chart candle, worth
   * each candle's close with the trades' costs; its last point is the statistics' buyAndHold.
   */
  private buildBuyAndHold = (chartCandles: ICandleData[], range: IReportSectionInput["range"]): Point[] => {
    const candles = chartCandles.filter((candle) => candle.timestamp >= range.start && candle.timestamp < range.end);
    if (candles.length === 0) {
      return [];
    }
    const { feePercent, slippagePercent } = this.params.getCosts();
    const entry = candles[0].open;
    return candles.map((candle): Point => [
      seconds(candle.timestamp),
      computePnl("long", entry, candle.close, feePercent, slippagePercent).pnlPercentage,
    ]);
  };

  /** One entry and one exit marker per trade, on the chart candle that holds each, sorted by time. */
  /**
   * The price chart's markers of a strategy, in time order: each trade's entry and exit,
   * each signal its risk profile refused (with the reason), and the partial milestones of
   * Constant's levels (30, 60, 90% of the way to take-profit; 40, 80% to stop-loss), found
   * on the 1m candles by the engine's rule.
   */
  private buildMarkers = (
    signalList: IStrategyTickResultClosed[],
    refusals: IRiskRefusal[],
    candles1m: ICandleData[],
    candles: ICandleData[]
  ) => {
    if (candles.length === 0) {
      return [];
    }
    const at = (time: number) => seconds(candles[candleIndexAt(candles, time)].timestamp);
    const trades = signalList.flatMap((result, trade) => [
      { time: at(result.signal.pendingAt), kind: "entry", trade },
      { time: at(result.closeTimestamp - 1), kind: "exit", trade },
      ...milestonesOf(result, candles1m).map((milestone) => ({ time: at(milestone.timestamp - 1), kind: "milestone", trade, ...milestone })),
    ]);
    const refused = refusals.map((refusal) => ({ time: at(refusal.timestamp), kind: "refused", reason: refusal.reason }));
    return [...trades, ...refused].sort((a, b) => a.time - b.time);
  };

  /** The trade list, each trade with the link to its LLM conversation where there is one. */
  private buildTrades = (signalList: IStrategyTickResultClosed[], reportDir: string) =>
    Promise.all(
      signalList.map(async (result) => ({
        id: result.signal.id,
        position: result.signal.position,
        note: result.signal.note ?? null,
        openTime: result.signal.pendingAt,
        closeTime: result.closeTimestamp,
        priceOpen: result.signal.priceOpen,
        priceClose: result.currentPrice,
        pnl: result.pnl.pnlPercentage,
        closeReason: result.closeReason,
        holdMinutes: (result.closeTimestamp - result.signal.pendingAt) / MINUTE_MS,
        link: await this.params.conversationLink(result.signal.id, reportDir),
      }))
    );
}

export default ClientHtmlReport;
