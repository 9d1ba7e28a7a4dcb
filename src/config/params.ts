import { LlmPrices } from "../interfaces/LlmUsage.interface";

/** The runtime's settings, changed with `setConfig`. Every value is read when it is used. */
export const GLOBAL_CONFIG = {
  /** Closed 1m candles in the VWAP of getAveragePrice. */
  CC_AVG_PRICE_CANDLES_COUNT: 5,
  /** Minutes a scheduled signal waits for its entry price. */
  CC_SCHEDULE_AWAIT_MINUTES: 120,
  /** Smallest distance of take-profit from entry, in percent. */
  CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: 0.1,
  /** Largest distance of stop-loss from entry, in percent. */
  CC_MAX_STOPLOSS_DISTANCE_PERCENT: 20,
  /** Longest allowed minuteEstimatedTime. */
  CC_MAX_SIGNAL_LIFETIME_MINUTES: 1_440,
  /** Attempts of an exchange getCandles call before it fails. */
  CC_GET_CANDLES_RETRY_COUNT: 3,
  /** Pause between those attempts. */
  CC_GET_CANDLES_RETRY_DELAY_MS: 5_000,
  /** Bound of one exchange getCandles attempt. */
  CC_GET_CANDLES_TIMEOUT_MS: 30_000,
  /** Bound of one getSignal call. */
  CC_GET_SIGNAL_TIMEOUT_MS: 300_000,
  /** Timed-out ticks in a row after which a strategy counts as hung and its run fails. */
  CC_MAX_TIMEOUTS_IN_A_ROW: 3,
  /** Fee per leg of a trade, in percent. */
  CC_PERCENT_FEE: 0.1,
  /** Slippage against the trader per leg, in percent. */
  CC_PERCENT_SLIPPAGE: 0.1,
  /** Bound of one LLM request (connect, answer and body), in ms. */
  CC_LLM_TIMEOUT_MS: 60_000,
  /** Retries of an LLM request after a transient failure (429, 5xx, network, timeout). */
  CC_LLM_RETRY_COUNT: 2,
  /** Pause before the first retry; it doubles for each further retry. */
  CC_LLM_RETRY_DELAY_MS: 1_000,
  /**
   * Bound of one event listener, strategy/exchange/frame/walker callback, and of an
   * exchange's formatPrice/formatQuantity, in ms. A listener or callback past it raises
   * a "listener-timeout" warning and the run goes on; formatPrice/formatQuantity fail.
   */
  CC_LISTENER_TIMEOUT_MS: 30_000,
  /**
   * Most LLM requests in flight at once, process-wide (the request pool's limit). 0 (the
   * default): unset, the pool finds the endpoint's capacity itself, between
   * CC_LLM_CONCURRENCY_MIN and CC_LLM_CONCURRENCY_MAX; a number fixes it.
   */
  CC_LLM_CONCURRENCY: 0,
  /** Lowest limit the adaptive request pool goes down to. */
  CC_LLM_CONCURRENCY_MIN: 1,
  /** Highest limit the adaptive request pool goes up to. */
  CC_LLM_CONCURRENCY_MAX: 64,
  /** Attempts in a row that fail to reach an LLM endpoint (refused, DNS, TLS, 401/403) before the pool stops sending to it. */
  CC_LLM_BREAKER_FAILURES: 3,
  /** Most LLM requests waiting for a pool slot; one more is rejected with an error. */
  CC_LLM_QUEUE_LIMIT: 10_000,
  /** Bound of one lookup or store of the Redis response cache (and of connecting to it), in ms; past it, a miss. */
  CC_LLM_CACHE_TIMEOUT_MS: 2_000,
  /**
   * Prices by model name, `{ input, output }` in USD per million tokens: they turn the
   * tokens of getLlmUsage into money. Entries win over the BACKTEST_KIT_LLM_PRICES file's.
   */
  CC_LLM_PRICES: {} as LlmPrices,
  /** Most candles the HTML report's price chart shows; past it the chart uses a coarser interval. */
  CC_REPORT_MAX_CANDLES: 3_000,
  /** Random-entry simulations of each backtest's luck test; 0 turns the luck test off. */
  CC_LUCK_SIMULATIONS: 1_000,
  /** Seed of the luck test's random generator: the same seed gives the same simulations. */
  CC_LUCK_SEED: 1,
  /** Strategies of one walker backtested at once (1: one after another). */
  CC_WALKER_CONCURRENCY: 4,
  /** Due ticks whose signals a strategy that declares `prefetch` asks for ahead (0: off). */
  CC_SIGNAL_PREFETCH: 8,
  /** Attempts a sweep job gets (the first included) before it ends failed. */
  CC_SWEEP_ATTEMPTS: 2,
  /** Bound of one sweep job (generating its file and running it), in ms. */
  CC_SWEEP_JOB_TIMEOUT_MS: 3_600_000,
  /** How long a sweep waits for an unreachable queue (Redis) before it fails, in ms. */
  CC_SWEEP_QUEUE_TIMEOUT_MS: 60_000,
  /** How often a sweep on a queue looks at its jobs, in ms. */
  CC_SWEEP_POLL_MS: 250,
  /**
   * Shortest test range, in days, whose figures are scaled to a year (Expected Yearly
   * Returns, compounded; the annualised Sharpe, Sortino and Calmar ratios); a shorter range
   * shows N/A.
   */
  CC_ANNUALISE_MIN_DAYS: 30,
  /** Length of one period of the grid the probability of backtest overfitting compares strategies on, in minutes. */
  CC_PBO_PERIOD_MINUTES: 60,
  /** Runs whose LLM conversation dumps (./dump/strategy/) are kept; older runs' are removed (0: keep all). */
  CC_DUMP_KEEP_RUNS: 3,
  /** How long a live run waits for a 1m candle past its close before it counts as missing (a "live-gap"), in ms. */
  CC_LIVE_CANDLE_WAIT_MS: 120_000,
  /** How often a live run asks the exchange again for a candle that is late, in ms. */
  CC_LIVE_CANDLE_POLL_MS: 1_000,
};

/** The shape of the runtime's settings. */
export type GlobalConfig = typeof GLOBAL_CONFIG;

/** The settings that hold a number (all but the price table). */
export type NumericSettingKey = Exclude<keyof GlobalConfig, "CC_LLM_PRICES">;

/** What each numeric setting may hold. */
export const CONFIG_RULES: Record<NumericSettingKey, { integer: boolean; min: number; max: number; note?: string }> = {
  CC_AVG_PRICE_CANDLES_COUNT: { integer: true, min: 1, max: 1_000 },
  CC_SCHEDULE_AWAIT_MINUTES: { integer: true, min: 1, max: 525_600 },
  CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: { integer: false, min: 0, max: 100 },
  CC_MAX_STOPLOSS_DISTANCE_PERCENT: { integer: false, min: 0, max: 100 },
  CC_MAX_SIGNAL_LIFETIME_MINUTES: { integer: true, min: 1, max: 525_600 },
  CC_GET_CANDLES_RETRY_COUNT: { integer: true, min: 1, max: 100 },
  CC_GET_CANDLES_RETRY_DELAY_MS: { integer: true, min: 0, max: 3_600_000 },
  CC_GET_CANDLES_TIMEOUT_MS: { integer: true, min: 1, max: 2_147_483_647 },
  CC_GET_SIGNAL_TIMEOUT_MS: { integer: true, min: 1, max: 2_147_483_647 },
  CC_MAX_TIMEOUTS_IN_A_ROW: { integer: true, min: 1, max: 1_000_000 },
  CC_PERCENT_FEE: { integer: false, min: 0, max: 100 },
  CC_PERCENT_SLIPPAGE: { integer: false, min: 0, max: 100 },
  CC_LLM_TIMEOUT_MS: { integer: true, min: 1, max: 2_147_483_647 },
  CC_LLM_RETRY_COUNT: { integer: true, min: 0, max: 100 },
  CC_LLM_RETRY_DELAY_MS: { integer: true, min: 0, max: 3_600_000 },
  CC_LISTENER_TIMEOUT_MS: { integer: true, min: 1, max: 2_147_483_647 },
  CC_LLM_CONCURRENCY: { integer: true, min: 0, max: 1_000, note: "0: the pool finds the limit itself" },
  CC_LLM_CONCURRENCY_MIN: { integer: true, min: 1, max: 1_000 },
  CC_LLM_CONCURRENCY_MAX: { integer: true, min: 1, max: 1_000 },
  CC_LLM_BREAKER_FAILURES: { integer: true, min: 1, max: 1_000 },
  CC_LLM_QUEUE_LIMIT: { integer: true, min: 1, max: 1_000_000 },
  CC_LLM_CACHE_TIMEOUT_MS: { integer: true, min: 1, max: 2_147_483_647 },
  CC_REPORT_MAX_CANDLES: { integer: true, min: 100, max: 1_000_000 },
  CC_LUCK_SIMULATIONS: { integer: true, min: 0, max: 1_000_000 },
  CC_LUCK_SEED: { integer: true, min: 0, max: 4_294_967_295 },
  CC_WALKER_CONCURRENCY: { integer: true, min: 1, max: 256 },
  CC_SIGNAL_PREFETCH: { integer: true, min: 0, max: 256 },
  CC_SWEEP_ATTEMPTS: { integer: true, min: 1, max: 100 },
  CC_SWEEP_JOB_TIMEOUT_MS: { integer: true, min: 1_000, max: 604_800_000 },
  CC_SWEEP_QUEUE_TIMEOUT_MS: { integer: true, min: 1_000, max: 86_400_000 },
  CC_SWEEP_POLL_MS: { integer: true, min: 10, max: 60_000 },
  CC_ANNUALISE_MIN_DAYS: { integer: false, min: 0, max: 36_500 },
  CC_PBO_PERIOD_MINUTES: { integer: true, min: 1, max: 525_600 },
  CC_DUMP_KEEP_RUNS: { integer: true, min: 0, max: 1_000_000 },
  CC_LIVE_CANDLE_WAIT_MS: { integer: true, min: 0, max: 86_400_000 },
  CC_LIVE_CANDLE_POLL_MS: { integer: true, min: 1, max: 600_000 },
};

/** The signal limits of the current configuration, as the signal check takes them. */
export const readSignalLimits = () => ({
  minTakeProfitDistancePercent: GLOBAL_CONFIG.CC_MIN_TAKEPROFIT_DISTANCE_PERCENT,
  maxStopLossDistancePercent: GLOBAL_CONFIG.CC_MAX_STOPLOSS_DISTANCE_PERCENT,
  maxSignalLifetimeMinutes: GLOBAL_CONFIG.CC_MAX_SIGNAL_LIFETIME_MINUTES,
});
