import { IScheduledEvent, ScheduleStatistics } from "../../interfaces/Portfolio.interface";
import { IStrategyTickResult } from "../../interfaces/Strategy.interface";

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

/**
 * The schedule event of a signal event, or null: a scheduled signal made, activated (an
 * "opened" of a signal that was scheduled) or cancelled.
 */
export const toScheduledEvent = (result: IStrategyTickResult): IScheduledEvent | null => {
  const { signal } = result;
  const base = {
    symbol: result.symbol,
    signalId: signal.id,
    position: signal.position,
    note: signal.note,
    currentPrice: result.currentPrice,
    priceOpen: signal.priceOpen,
    takeProfit: signal.priceTakeProfit,
    stopLoss: signal.priceStopLoss,
  };
  if (result.action === "scheduled") {
    return { ...base, timestamp: signal.scheduledAt, action: "scheduled" };
  }
  const closeTimestamp =
    result.action === "cancelled" ? result.closeTimestamp : result.action === "opened" && signal._isScheduled ? signal.pendingAt : null;
  if (closeTimestamp === null) {
    return null;
  }
  const duration = Math.round((closeTimestamp - signal.scheduledAt) / 60_000);
  return { ...base, timestamp: closeTimestamp, action: result.action as "opened" | "cancelled", closeTimestamp, duration };
};

/** The statistics of a strategy's schedule events. */
export const scheduleStatistics = (eventList: IScheduledEvent[]): ScheduleStatistics => {
  const of = (action: IScheduledEvent["action"]) => eventList.filter((event) => event.action === action);
  const scheduled = of("scheduled").length;
  const opened = of("opened");
  const cancelled = of("cancelled");
  const rate = (count: number) => (scheduled === 0 ? null : (count / scheduled) * 100);
  return {
    eventList,
    totalEvents: eventList.length,
    totalScheduled: scheduled,
    totalOpened: opened.length,
    totalCancelled: cancelled.length,
    cancellationRate: rate(cancelled.length),
    activationRate: rate(opened.length),
    avgWaitTime: mean(cancelled.map((event) => event.duration ?? 0)),
    avgActivationTime: mean(opened.map((event) => event.duration ?? 0)),
  };
};
