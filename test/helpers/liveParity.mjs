import { join } from "node:path";
import {
  addExchange,
  addFrame,
  addStrategy,
  Backtest,
  Live,
  PersistBase,
  PersistPartialAdapter,
  PersistRiskAdapter,
  PersistScheduleAdapter,
  PersistSignalAdapter,
  ReplayClock,
} from "../../build/index.mjs";
import { createSeriesExchange } from "./series.mjs";
import { createBreakoutStrategy, createEmaCrossStrategy, createScheduledLimitStrategy } from "./strategies.mjs";
import { uniqueName } from "./optimizer.mjs";

/** The deterministic strategies of the engine's spec, by label. */
export const LIVE_STRATEGIES = Object.freeze({
  emaCross: createEmaCrossStrategy,
  breakout: createBreakoutStrategy,
  scheduledLimit: createScheduledLimitStrategy,
});

/** The fields of a closed trade that a paper run and a backtest must agree on (no ids). */
export const tradeFacts = (trade) => ({
  position: trade.signal.position,
  scheduledAt: trade.signal.scheduledAt,
  pendingAt: trade.signal.pendingAt,
  priceOpen: trade.signal.priceOpen,
  priceClose: trade.pnl.priceClose,
  closeTimestamp: trade.closeTimestamp,
  closeReason: trade.closeReason,
  pnlPercentage: trade.pnl.pnlPercentage,
});

/** Stores every persistence adapter's values under `dir` (a test's temp dir). */
export const persistUnder = (dir) =>
  class extends PersistBase {
    constructor(entityName, baseDir) {
      super(entityName, join(dir, baseDir));
    }
  };

/** Plugs every persistence adapter of live runs (signal, schedule, risk, partial) into stores under `dir`. */
export const usePersistUnder = (dir) => {
  PersistSignalAdapter.usePersistSignalAdapter(persistUnder(dir));
  PersistScheduleAdapter.usePersistScheduleAdapter(persistUnder(dir));
  PersistRiskAdapter.usePersistRiskAdapter(persistUnder(dir));
  PersistPartialAdapter.usePersistPartialAdapter(persistUnder(dir));
};

/**
 * Registers the series exchange (or `exchange`), a 1m frame [start, end] and one strategy
 * per label under fresh names; returns the names.
 */
export const addParityRun = (label, start, end, strategyKey, exchange) => {
  const names = {
    exchangeName: uniqueName(`${label}-ex`),
    frameName: uniqueName(`${label}-frame`),
    strategyName: uniqueName(`${label}-${strategyKey}`),
  };
  addExchange(exchange ? { ...exchange, exchangeName: names.exchangeName } : createSeriesExchange(names.exchangeName));
  addFrame({ frameName: names.frameName, interval: "1m", startDate: new Date(start), endDate: new Date(end) });
  addStrategy(LIVE_STRATEGIES[strategyKey](names.strategyName));
  return names;
};

/** Closed trades of the backtest of `names`. */
export const backtestTrades = async (symbol, names) => {
  const trades = [];
  for await (const trade of Backtest.run(symbol, names)) {
    trades.push(trade);
  }
  return trades;
};

/**
 * Every result of a live rehearsal of `names` over [start, end] at full speed (`stopAfter`
 * results: stops early); `history` reads the period's candles ahead and skips quiet ticks.
 */
export const rehearse = async (symbol, names, start, end, stopAfter = Infinity, history = false) => {
  const results = [];
  const run = Live.run(
    symbol,
    { strategyName: names.strategyName, exchangeName: names.exchangeName },
    { clock: new ReplayClock(Date.parse(start), Infinity), until: new Date(end), history }
  );
  for await (const result of run) {
    results.push(result);
    if (results.length >= stopAfter) {
      break;
    }
  }
  return results;
};

/**
 * A long signal row as 1.4 stored it (entry 20,200, levels far away, 30 minutes) for
 * `names`' strategy and exchange on BTCUSDT; `times` gives its time fields.
 */
export const storedLongRow = (id, { exchangeName, strategyName }, times) => ({
  id,
  position: "long",
  priceOpen: 20_200,
  priceTakeProfit: 30_000,
  priceStopLoss: 10_000,
  minuteEstimatedTime: 30,
  exchangeName,
  strategyName,
  ...times,
  symbol: "BTCUSDT",
});
