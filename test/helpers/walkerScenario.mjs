import { createSeriesExchange } from "./series.mjs";
import { STRATEGY_DEFS } from "./strategies.mjs";
import { errorText, normalizeIds } from "./eventLog.mjs";

const SYMBOL = "BTCUSDT";

/** A strategy of `def` (see STRATEGY_DEFS) reading candles through `lib`. */
const strategyOf = (lib, def, strategyName, extra) => ({
  strategyName,
  interval: def.interval,
  getSignal: async (symbol) => {
    const candles = {};
    for (const [interval, limit] of Object.entries(def.needs)) {
      candles[interval] = await lib.getCandles(symbol, interval, limit);
    }
    return def.decide(candles);
  },
  ...extra,
});

/**
 * A walker of five strategies on two days of the real series, run through `lib` (the
 * package under test, or an older build of it): three trading strategies, one that fails
 * on the second day and one that sometimes answers an invalid signal. Resolves to the
 * whole observable sequence as text: every event and callback in order, the yielded
 * steps, and the walker and backtest reports, signal ids normalized. `extra` is spread
 * into every strategy schema (e.g. `{ prefetch: true }`).
 */
export const runWalkerScenario = async (lib, prefix, extra = {}) => {
  const log = [];
  const push = (kind, toEntry) => (event) => log.push([kind, toEntry(event)]);
  const signal = (e) => [e.action, e.strategyName, e.signal.id, e.signal.pendingAt, e.currentPrice, e.closeTimestamp ?? null];
  const unsubscribe = [
    lib.listenSignal(push("signal", signal)),
    lib.listenSignalBacktest(push("signalBacktest", signal)),
    lib.listenBacktestProgress(push("backtestProgress", (e) => [e.strategyName, e.processedFrames, e.totalFrames])),
    lib.listenDoneBacktest(push("doneBacktest", (e) => [e.strategyName, e.frameName, e.symbol])),
    lib.listenDoneWalker(push("doneWalker", (e) => e)),
    lib.listenError(push("error", errorText)),
    lib.listenValidation(push("validation", errorText)),
    lib.listenWalker(push("walker", (e) => [e.strategyName, e.metricValue, e.bestStrategy, e.strategiesTested])),
    lib.listenWalkerProgress(push("walkerProgress", (e) => [e.processedStrategies, e.progress])),
    lib.listenWalkerComplete(push("walkerComplete", (e) => [e.bestStrategy, e.bestMetric, e.failedStrategies])),
  ];
  const names = ["ema", "breakout", "fails", "limit", "invalid"].map((name) => `${prefix}-${name}`);
  lib.addExchange(createSeriesExchange(`${prefix}-exchange`));
  lib.addFrame({ frameName: `${prefix}-frame`, interval: "1m", startDate: new Date("2023-03-16T00:00:00Z"), endDate: new Date("2023-03-17T23:59:00Z") });
  lib.addStrategy(strategyOf(lib, STRATEGY_DEFS.emaCross, names[0], extra));
  lib.addStrategy(strategyOf(lib, STRATEGY_DEFS.breakout, names[1], extra));
  lib.addStrategy({
    ...strategyOf(lib, STRATEGY_DEFS.breakout, names[2], extra),
    getSignal: async (symbol, when) => {
      if (when >= new Date("2023-03-17T00:00:00Z")) throw new Error("gives up on the second day");
      return null;
    },
  });
  lib.addStrategy(strategyOf(lib, STRATEGY_DEFS.scheduledLimit, names[3], extra));
  const invalid = strategyOf(lib, STRATEGY_DEFS.emaCross, names[4], extra);
  lib.addStrategy({
    ...invalid,
    getSignal: async (symbol, when) =>
      when.getUTCMinutes() === 0 && when.getUTCHours() % 5 === 2
        ? { position: "short", priceTakeProfit: 1e9, priceStopLoss: 1, minuteEstimatedTime: 30 }
        : await invalid.getSignal(symbol, when),
  });
  lib.addWalker({
    walkerName: `${prefix}-walker`,
    exchangeName: `${prefix}-exchange`,
    frameName: `${prefix}-frame`,
    strategies: names,
    callbacks: {
      onStrategyStart: (name) => log.push(["onStrategyStart", name]),
      onStrategyComplete: (name, symbol, stats, metric) => log.push(["onStrategyComplete", name, stats.totalSignals, metric]),
      onStrategyError: (name, symbol, error) => log.push(["onStrategyError", name, errorText(error)]),
      onComplete: (results) => log.push(["onComplete", results.bestStrategy]),
    },
  });
  try {
    for await (const step of lib.Walker.run(SYMBOL, { walkerName: `${prefix}-walker` })) {
      log.push(["step", step.strategyName, step.metricValue, step.bestStrategy]);
    }
  } finally {
    unsubscribe.forEach((stop) => stop());
  }
  log.push(["walkerReport", await lib.Walker.getReport(SYMBOL, `${prefix}-walker`)]);
  for (const name of names.filter((name) => !name.endsWith("-fails"))) {
    log.push(["backtestReport", await lib.Backtest.getReport(SYMBOL, name)]);
  }
  return normalizeIds(log.map((entry) => JSON.stringify(entry)).join("\n"));
};
