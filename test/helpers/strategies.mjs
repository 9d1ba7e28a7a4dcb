import { getCandles, getDate } from "../../build/index.mjs";
import { INTERVAL_MS, MINUTE, pnlPercent } from "./spec.mjs";

/**
 * Three deterministic strategies and an independent, deliberately naive oracle of the
 * backtest semantics (spec rules 3-9). The decision logic of each strategy is a pure
 * function `decide(candlesByInterval)` shared by the runtime strategy and the oracle, so
 * comparing the engine with the oracle checks the engine, not the strategy.
 */

const STEP = INTERVAL_MS;

export const intervalMs = (interval) => {
  const ms = STEP[interval];
  if (!ms) throw new Error(`unknown interval ${interval}`);
  return ms;
};

// ---------------------------------------------------------------------------------------
// Pure decision functions
// ---------------------------------------------------------------------------------------

/** Exponential moving average series, seeded with the simple average of the first `period` values. */
export const ema = (values, period) => {
  if (values.length < period) return [];
  const k = 2 / (period + 1);
  let e = 0;
  for (let i = 0; i < period; i++) e += values[i];
  e /= period;
  const out = [e];
  for (let i = period; i < values.length; i++) {
    e = values[i] * k + e * (1 - k);
    out.push(e);
  }
  return out;
};

/** a. EMA 9/21 crossover on the last 60 closed 5m candles. */
export const EMA_CROSS = Object.freeze({
  interval: "5m",
  needs: Object.freeze({ "5m": 60 }),
  decide: (candlesByInterval) => {
    const candles = candlesByInterval["5m"];
    if (!candles || candles.length < 23) return null;
    const closes = candles.map((c) => c.close);
    const fast = ema(closes, 9);
    const slow = ema(closes, 21);
    const f1 = fast.at(-1);
    const f0 = fast.at(-2);
    const s1 = slow.at(-1);
    const s0 = slow.at(-2);
    const last = closes.at(-1);
    if (f0 <= s0 && f1 > s1) {
      return {
        position: "long",
        priceTakeProfit: last * 1.01,
        priceStopLoss: last * 0.995,
        minuteEstimatedTime: 240,
        note: "ema cross up",
      };
    }
    if (f0 >= s0 && f1 < s1) {
      return {
        position: "short",
        priceTakeProfit: last * 0.99,
        priceStopLoss: last * 1.005,
        minuteEstimatedTime: 240,
        note: "ema cross down",
      };
    }
    return null;
  },
});

/** b. Breakout of the previous 20 closed 15m candles. */
export const BREAKOUT = Object.freeze({
  interval: "15m",
  needs: Object.freeze({ "15m": 21 }),
  decide: (candlesByInterval) => {
    const candles = candlesByInterval["15m"];
    if (!candles || candles.length < 21) return null;
    const last = candles.at(-1);
    const previous = candles.slice(-21, -1);
    const maxHigh = Math.max(...previous.map((c) => c.high));
    const minLow = Math.min(...previous.map((c) => c.low));
    if (last.close > maxHigh) {
      return {
        position: "long",
        priceTakeProfit: last.close * 1.015,
        priceStopLoss: last.close * 0.9925,
        minuteEstimatedTime: 360,
        note: "breakout up",
      };
    }
    if (last.close < minLow) {
      return {
        position: "short",
        priceTakeProfit: last.close * 0.985,
        priceStopLoss: last.close * 1.0075,
        minuteEstimatedTime: 360,
        note: "breakout down",
      };
    }
    return null;
  },
});

/** c. Every hour a long limit entry 0.3% below the last 1m close (so it is scheduled). */
export const SCHEDULED_LIMIT = Object.freeze({
  interval: "1h",
  needs: Object.freeze({ "1m": 1 }),
  decide: (candlesByInterval) => {
    const candles = candlesByInterval["1m"];
    if (!candles || candles.length < 1) return null;
    const priceOpen = candles.at(-1).close * 0.997;
    return {
      position: "long",
      priceOpen,
      priceTakeProfit: priceOpen * 1.01,
      priceStopLoss: priceOpen * 0.99,
      minuteEstimatedTime: 180,
      note: "limit below market",
    };
  },
});

export const STRATEGY_DEFS = Object.freeze({ emaCross: EMA_CROSS, breakout: BREAKOUT, scheduledLimit: SCHEDULED_LIMIT });

// ---------------------------------------------------------------------------------------
// Runtime strategies (addStrategy schemas)
// ---------------------------------------------------------------------------------------

/**
 * Builds an addStrategy schema running `def` through the library's getCandles.
 * options.record(entry) gets { when, date, candles: {interval: candles}, signal } for
 * every getSignal call; options.callbacks is passed through.
 */
const makeStrategy = (def, strategyName, { record, callbacks } = {}) => {
  const schema = {
    strategyName,
    interval: def.interval,
    getSignal: async (symbol, when) => {
      const candles = {};
      for (const [interval, limit] of Object.entries(def.needs)) {
        candles[interval] = await getCandles(symbol, interval, limit);
      }
      const signal = def.decide(candles);
      if (record) {
        const date = await getDate(); // a Date (or a promise of one)
        record({ when: when instanceof Date ? when.getTime() : when, date: new Date(date).getTime(), candles, signal });
      }
      return signal;
    },
  };
  if (callbacks) schema.callbacks = callbacks;
  return schema;
};

export const createEmaCrossStrategy = (strategyName, options) => makeStrategy(EMA_CROSS, strategyName, options);
export const createBreakoutStrategy = (strategyName, options) => makeStrategy(BREAKOUT, strategyName, options);
export const createScheduledLimitStrategy = (strategyName, options) =>
  makeStrategy(SCHEDULED_LIMIT, strategyName, options);

// ---------------------------------------------------------------------------------------
// The oracle
// ---------------------------------------------------------------------------------------

export const DEFAULT_ORACLE_CONFIG = Object.freeze({
  CC_AVG_PRICE_CANDLES_COUNT: 5,
  CC_SCHEDULE_AWAIT_MINUTES: 120,
  CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: 0.1,
  CC_MAX_STOPLOSS_DISTANCE_PERCENT: 20,
  CC_MAX_SIGNAL_LIFETIME_MINUTES: 1440,
  CC_PERCENT_FEE: 0.1,
  CC_PERCENT_SLIPPAGE: 0.1,
});

export { pnlPercent };

/** Rule 10 (the parts our strategies can trip): returns a reason or null. */
const invalidReason = (dto, priceOpen, config) => {
  const { position, priceTakeProfit: tp, priceStopLoss: sl, minuteEstimatedTime: life } = dto;
  if (position !== "long" && position !== "short") return "position";
  for (const [name, v] of [["priceOpen", priceOpen], ["priceTakeProfit", tp], ["priceStopLoss", sl]]) {
    if (!Number.isFinite(v) || v <= 0) return name;
  }
  if (position === "long" && !(tp > priceOpen)) return "priceTakeProfit";
  if (position === "long" && !(sl < priceOpen)) return "priceStopLoss";
  if (position === "short" && !(tp < priceOpen)) return "priceTakeProfit";
  if (position === "short" && !(sl > priceOpen)) return "priceStopLoss";
  if ((Math.abs(tp - priceOpen) / priceOpen) * 100 < config.CC_MIN_TAKEPROFIT_DISTANCE_PERCENT) return "priceTakeProfit";
  if ((Math.abs(sl - priceOpen) / priceOpen) * 100 > config.CC_MAX_STOPLOSS_DISTANCE_PERCENT) return "priceStopLoss";
  if (!Number.isFinite(life) || life <= 0 || life > config.CC_MAX_SIGNAL_LIFETIME_MINUTES) return "minuteEstimatedTime";
  return null;
};

/**
 * Minute-by-minute reimplementation of rules 3-9 with no caching and linear scans.
 *
 * @param {object} args
 * @param {Array} args.candles1m  the 1m series, oldest first
 * @param {Date|number} args.startDate, args.endDate  frame bounds (inclusive), 1m step
 * @param {{interval, needs, decide}} args.strategy   one of the STRATEGY_DEFS
 * @param {object} [args.config]  overrides of DEFAULT_ORACLE_CONFIG
 * @returns {{ calls: number[], trades: object[], cancellations: object[], invalid: object[] }}
 */
export const simulate = ({ candles1m, startDate, endDate, strategy, config: overrides = {}, frameStep = MINUTE }) => {
  const config = { ...DEFAULT_ORACLE_CONFIG, ...overrides };
  const start = +startDate;
  const end = +endDate;
  const strategyStep = intervalMs(strategy.interval);

  /** The 1m candle opening at ts, by linear scan (undefined when there is none). */
  const minuteAt = (ts) => {
    for (const c of candles1m) {
      if (c.timestamp === ts) return c;
      if (c.timestamp > ts) return undefined;
    }
    return undefined;
  };

  /** Rule 3: the n most recent `interval` candles with T + I <= when, oldest first, aggregated from 1m. */
  const closedCandles = (when, interval, n) => {
    const I = intervalMs(interval);
    const lastOpen = Math.floor(when / I) * I - I;
    const firstOpen = lastOpen - (n - 1) * I;
    const groups = new Map();
    for (const c of candles1m) {
      if (c.timestamp < firstOpen || c.timestamp >= lastOpen + I) continue;
      const T = c.timestamp - (c.timestamp % I);
      if (!groups.has(T)) groups.set(T, []);
      groups.get(T).push(c);
    }
    const out = [];
    for (let T = firstOpen; T <= lastOpen; T += I) {
      const group = groups.get(T);
      if (!group) continue;
      let high = -Infinity;
      let low = Infinity;
      let volume = 0;
      for (const m of group) {
        high = Math.max(high, m.high);
        low = Math.min(low, m.low);
        volume += m.volume;
      }
      out.push({ timestamp: T, open: group[0].open, high, low, close: group.at(-1).close, volume });
    }
    return out;
  };

  /** Rule 3: VWAP of the last CC_AVG_PRICE_CANDLES_COUNT closed 1m candles. */
  const averagePrice = (when) => {
    const candles = closedCandles(when, "1m", config.CC_AVG_PRICE_CANDLES_COUNT);
    let pv = 0;
    let v = 0;
    for (const c of candles) {
      pv += ((c.high + c.low + c.close) / 3) * c.volume;
      v += c.volume;
    }
    if (v === 0) return candles.reduce((sum, c) => sum + c.close, 0) / candles.length;
    return pv / v;
  };

  const ticks = [];
  for (let t = start; t <= end; t += frameStep) ticks.push(t);
  const firstTickAtOrAfter = (ts) => {
    let i = 0;
    while (i < ticks.length && ticks[i] < ts) i++;
    return i;
  };
  // Rule 8 as backtest-kit 1.4 has it: after a signal whose last 1m candle opened at C - 1m,
  // the tick after the first tick at or after C - 1m (never the signal's own tick).
  const tickAfterClose = (from, C) => Math.max(from + 1, firstTickAtOrAfter(C - MINUTE) + 1);

  const calls = [];
  const trades = [];
  const cancellations = [];
  const invalid = [];
  let lastCall = null;
  let i = 0;
  while (i < ticks.length) {
    const when = ticks[i];
    // Rule 4: throttle while idle.
    if (lastCall !== null && when - lastCall < strategyStep) {
      i++;
      continue;
    }
    lastCall = when;
    calls.push(when);
    const input = {};
    for (const [interval, n] of Object.entries(strategy.needs)) input[interval] = closedCandles(when, interval, n);
    const dto = strategy.decide(input);
    if (!dto) {
      i++;
      continue;
    }
    const long = dto.position === "long";
    // Rule 5: entry.
    const avg = averagePrice(when);
    let priceOpen;
    let scheduled;
    if (dto.priceOpen === undefined || dto.priceOpen === null) {
      priceOpen = avg;
      scheduled = false;
    } else if (long ? avg <= dto.priceOpen : avg >= dto.priceOpen) {
      priceOpen = dto.priceOpen;
      scheduled = false;
    } else {
      priceOpen = dto.priceOpen;
      scheduled = true;
    }
    const reason = invalidReason(dto, priceOpen, config);
    if (reason) {
      invalid.push({ when, field: reason, dto });
      i++;
      continue;
    }
    const tp = dto.priceTakeProfit;
    const sl = dto.priceStopLoss;

    // Rule 6: scheduled signal.
    let openedAt = when;
    if (scheduled) {
      let activatedAt = null;
      let cancelledAt = null;
      for (let k = 0; k < config.CC_SCHEDULE_AWAIT_MINUTES; k++) {
        const T = when + k * MINUTE;
        const c = minuteAt(T);
        if (!c) break;
        if (long ? c.low <= sl : c.high >= sl) {
          cancelledAt = T + MINUTE;
          break;
        }
        if (long ? c.low <= priceOpen : c.high >= priceOpen) {
          activatedAt = T + MINUTE;
          break;
        }
      }
      if (activatedAt === null) {
        if (cancelledAt === null) cancelledAt = when + config.CC_SCHEDULE_AWAIT_MINUTES * MINUTE;
        cancellations.push({ position: dto.position, scheduledAt: when, closeTimestamp: cancelledAt, priceOpen, priceTakeProfit: tp, priceStopLoss: sl, hitStopLoss: cancelledAt !== when + config.CC_SCHEDULE_AWAIT_MINUTES * MINUTE });
        i = tickAfterClose(i, cancelledAt);
        continue;
      }
      openedAt = activatedAt;
    }

    // Rule 7: open signal.
    let closeReason = null;
    let priceClose = null;
    let closeTimestamp = null;
    let lastWatched = null;
    for (let k = 0; k < dto.minuteEstimatedTime; k++) {
      const T = openedAt + k * MINUTE;
      const c = minuteAt(T);
      if (!c) break;
      lastWatched = c;
      if (long ? c.low <= sl : c.high >= sl) {
        closeReason = "stop_loss";
        priceClose = sl;
        closeTimestamp = T + MINUTE;
        break;
      }
      if (long ? c.high >= tp : c.low <= tp) {
        closeReason = "take_profit";
        priceClose = tp;
        closeTimestamp = T + MINUTE;
        break;
      }
    }
    if (closeReason === null) {
      closeReason = "time_expired";
      priceClose = lastWatched.close;
      closeTimestamp =
        lastWatched.timestamp === openedAt + (dto.minuteEstimatedTime - 1) * MINUTE
          ? openedAt + dto.minuteEstimatedTime * MINUTE
          : lastWatched.timestamp + MINUTE; // data ran out (not pinned by the spec)
    }
    trades.push({
      position: dto.position,
      scheduled,
      scheduledAt: when,
      pendingAt: openedAt,
      closeTimestamp,
      priceOpen,
      priceClose,
      priceTakeProfit: tp,
      priceStopLoss: sl,
      minuteEstimatedTime: dto.minuteEstimatedTime,
      closeReason,
      pnl: pnlPercent(dto.position, priceOpen, priceClose, { fee: config.CC_PERCENT_FEE, slippage: config.CC_PERCENT_SLIPPAGE }),
    });
    // Rule 8.
    i = tickAfterClose(i, closeTimestamp);
  }
  return { calls, trades, cancellations, invalid };
};

/**
 * Rule 11: statistics of a list of trades ({pnl, pendingAt, closeTimestamp}); `range`
 * ({start, end} in ms) annualises the Sharpe ratio and compounds the expected yearly returns
 * when it spans at least `minDays` (30, CC_ANNUALISE_MIN_DAYS); both are null below.
 */
export const statsOf = (trades, range, minDays = 30) => {
  const n = trades.length;
  if (n === 0) return null;
  const pnls = trades.map((t) => t.pnl);
  const wins = pnls.filter((p) => p > 0);
  const losses = pnls.filter((p) => p < 0);
  const totalPnl = pnls.reduce((a, b) => a + b, 0);
  const avgPnl = totalPnl / n;
  const stdDev = Math.sqrt(pnls.reduce((a, p) => a + (p - avgPnl) ** 2, 0) / n);
  const sharpeRatio = stdDev > 0 ? avgPnl / stdDev : null;
  const avgWin = wins.length ? wins.reduce((a, b) => a + b, 0) / wins.length : 0;
  const avgLoss = losses.length ? losses.reduce((a, b) => a + b, 0) / losses.length : 0;
  const days = range === undefined ? 0 : (range.end - range.start) / 86_400_000;
  const years = range !== undefined && days >= minDays ? days / 365 : null;
  return {
    totalSignals: n,
    winCount: wins.length,
    lossCount: losses.length,
    winRate: (wins.length / n) * 100,
    avgPnl,
    totalPnl,
    stdDev,
    sharpeRatio,
    annualizedSharpeRatio: sharpeRatio === null || years === null ? null : sharpeRatio * Math.sqrt(n / years),
    certaintyRatio: losses.length ? avgWin / Math.abs(avgLoss) : null,
    expectedYearlyReturns:
      years === null ? null : (pnls.reduce((growth, p) => growth * Math.max(0, 1 + p / 100), 1) ** (365 / days) - 1) * 100,
  };
};
