import { PartialLevel } from "./Partial.interface";
import PerformanceContract, { PerformanceMetricType } from "../contract/Performance.contract";

/** One scheduled signal event: made, activated (its entry price reached) or cancelled. */
export interface IScheduledEvent {
  /** When it happened (UTC ms). */
  timestamp: number;
  action: "scheduled" | "opened" | "cancelled";
  symbol: string;
  signalId: string;
  position: string;
  note?: string;
  currentPrice: number;
  priceOpen: number;
  takeProfit: number;
  stopLoss: number;
  /** When it was activated or cancelled (UTC ms); absent for "scheduled". */
  closeTimestamp?: number;
  /** Minutes it waited from being made to being activated or cancelled; absent for "scheduled". */
  duration?: number;
}

/** What `Schedule.getData` returns: the scheduled signals of a strategy and what became of them. */
export interface ScheduleStatistics {
  eventList: IScheduledEvent[];
  totalEvents: number;
  totalScheduled: number;
  /** Scheduled signals that reached their entry price and opened. */
  totalOpened: number;
  totalCancelled: number;
  /** Cancelled over scheduled, in percent; null without scheduled signals. */
  cancellationRate: number | null;
  /** Opened over scheduled, in percent; null without scheduled signals. */
  activationRate: number | null;
  /** Average wait of the cancelled signals, in minutes; null without any. */
  avgWaitTime: number | null;
  /** Average wait of the activated signals, in minutes; null without any. */
  avgActivationTime: number | null;
}

/** One symbol's row of the portfolio heatmap. */
export interface IHeatmapRow {
  symbol: string;
  totalPnl: number | null;
  sharpeRatio: number | null;
  maxDrawdown: number | null;
  totalTrades: number;
  winCount: number;
  lossCount: number;
  winRate: number | null;
  avgPnl: number | null;
  stdDev: number | null;
  profitFactor: number | null;
  avgWin: number | null;
  avgLoss: number | null;
  maxWinStreak: number;
  maxLossStreak: number;
  expectancy: number | null;
}

/** What `Heat.getData` returns: a strategy's rows across symbols, best Sharpe ratio first (nulls last). */
export interface IHeatmapStatistics {
  symbols: IHeatmapRow[];
  totalSymbols: number;
  portfolioTotalPnl: number | null;
  /** The rows' Sharpe ratios weighted by their trades. */
  portfolioSharpeRatio: number | null;
  portfolioTotalTrades: number;
}

/** The timings of one metric type. */
export interface IPerformanceMetricStats {
  metricType: PerformanceMetricType;
  count: number;
  totalDuration: number;
  avgDuration: number;
  minDuration: number;
  maxDuration: number;
  stdDev: number;
  median: number;
  p95: number;
  p99: number;
  /** Milliseconds between consecutive events of the type. */
  avgWaitTime: number;
  minWaitTime: number;
  maxWaitTime: number;
}

/** What `Performance.getData` returns: a strategy's timings by metric type. */
export interface PerformanceStatistics {
  strategyName: string;
  totalEvents: number;
  totalDuration: number;
  metricStats: Record<string, IPerformanceMetricStats>;
  events: PerformanceContract[];
}

/** One partial milestone of an open signal. */
export interface IPartialEvent {
  timestamp: number;
  action: "profit" | "loss";
  symbol: string;
  signalId: string;
  strategyName: string;
  position: string;
  currentPrice: number;
  level: PartialLevel;
  backtest: boolean;
}

/** What `Partial.getData` returns: the milestones reached on a symbol. */
export interface PartialStatistics {
  eventList: IPartialEvent[];
  totalEvents: number;
  totalProfit: number;
  totalLoss: number;
}

