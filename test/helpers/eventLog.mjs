import {
  listenBacktestProgress,
  listenDoneBacktest,
  listenDoneWalker,
  listenError,
  listenSignal,
  listenSignalBacktest,
  listenValidation,
  listenWalker,
  listenWalkerComplete,
  listenWalkerProgress,
} from "../../build/index.mjs";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Replaces every UUID (signal ids are random) by its rank of first appearance, so two
 * runs that made the same signals in the same order give the same text.
 */
export const normalizeIds = (text) => {
  const seen = new Map();
  return text.replace(UUID, (id) => {
    if (!seen.has(id)) seen.set(id, `id#${seen.size + 1}`);
    return seen.get(id);
  });
};

/**
 * Each layer of an error's chain with its own context only (a message ends with its
 * cause's message, which is taken off), outermost first, joined by " <- ".
 */
export const errorText = (error) => {
  const messages = [];
  for (let item = error; item instanceof Error && messages.length < 16; item = item.cause) messages.push(item.message);
  return messages
    .map((message, index) => {
      const next = messages[index + 1];
      return next !== undefined && message.endsWith(`: ${next}`) ? message.slice(0, -next.length - 2) : message;
    })
    .join(" <- ");
};

const signalEntry = (kind) => (event) => [
  kind,
  event.action,
  event.strategyName,
  event.symbol,
  event.signal.id,
  event.signal.pendingAt,
  event.currentPrice,
  event.closeTimestamp ?? null,
];

/**
 * Records every public run event in one sequence (only while `log.active`): signals,
 * backtest signals, progress, done, errors, validation, walker events. `drop` lists
 * done-event fields left out (e.g. signalPrefetch when comparing prefetch on and off).
 */
export const recordEvents = ({ drop = [] } = {}) => {
  const log = { active: false, entries: [] };
  const push = (toEntry) => (event) => {
    if (log.active) log.entries.push(toEntry(event));
  };
  const withoutDropped = (event) => Object.fromEntries(Object.entries(event).filter(([key]) => !drop.includes(key)));
  listenSignal(push(signalEntry("signal")));
  listenSignalBacktest(push(signalEntry("signalBacktest")));
  listenBacktestProgress(push((e) => ["backtestProgress", e.strategyName, e.symbol, e.processedFrames, e.totalFrames]));
  listenDoneBacktest(push((e) => ["doneBacktest", withoutDropped(e)]));
  listenDoneWalker(push((e) => ["doneWalker", e]));
  listenError(push((e) => ["error", errorText(e)]));
  listenValidation(push((e) => ["validation", errorText(e)]));
  listenWalker(push((e) => ["walker", e.strategyName, e.symbol, e.metricValue, e.bestStrategy, e.strategiesTested]));
  listenWalkerProgress(push((e) => ["walkerProgress", e.symbol, e.processedStrategies, e.totalStrategies]));
  listenWalkerComplete(push((e) => ["walkerComplete", e.symbol, e.bestStrategy, e.bestMetric, e.failedStrategies]));
  return log;
};
