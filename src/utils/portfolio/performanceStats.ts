import PerformanceContract from "../../contract/Performance.contract";
import { IPerformanceMetricStats, PerformanceStatistics } from "../../interfaces/Portfolio.interface";

/** The value at percentile `p` of ascending `sorted` (nearest rank). */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] ?? 0;

const metricStats = (events: PerformanceContract[]): IPerformanceMetricStats => {
  const durations = events.map((event) => event.duration).sort((a, b) => a - b);
  const totalDuration = durations.reduce((sum, value) => sum + value, 0);
  const avgDuration = totalDuration / durations.length;
  const variance = durations.reduce((sum, value) => sum + (value - avgDuration) ** 2, 0) / durations.length;
  const waits = events
    .filter((event) => event.previousTimestamp !== null)
    .map((event) => event.timestamp - (event.previousTimestamp as number))
    .sort((a, b) => a - b);
  return {
    metricType: events[0].metricType,
    count: events.length,
    totalDuration,
    avgDuration,
    minDuration: durations[0],
    maxDuration: durations[durations.length - 1],
    stdDev: Math.sqrt(variance),
    median: percentile(durations, 50),
    p95: percentile(durations, 95),
    p99: percentile(durations, 99),
    avgWaitTime: waits.length === 0 ? 0 : waits.reduce((sum, value) => sum + value, 0) / waits.length,
    minWaitTime: waits[0] ?? 0,
    maxWaitTime: waits[waits.length - 1] ?? 0,
  };
};

/** A strategy's timings grouped by metric type. */
export const performanceStatistics = (strategyName: string, events: PerformanceContract[]): PerformanceStatistics => {
  const byType = new Map<string, PerformanceContract[]>();
  for (const event of events) {
    const list = byType.get(event.metricType);
    if (list === undefined) {
      byType.set(event.metricType, [event]);
    } else {
      list.push(event);
    }
  }
  return {
    strategyName,
    totalEvents: events.length,
    totalDuration: events.reduce((sum, event) => sum + event.duration, 0),
    metricStats: Object.fromEntries([...byType].map(([type, list]) => [type, metricStats(list)])),
    events,
  };
};
