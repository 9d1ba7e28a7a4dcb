import {
  ILiveParams,
  ILiveState,
  ILiveTickResult,
  IStrategyTickResultActive,
  IStrategyTickResultIdle,
} from "../../interfaces/Live.interface";
import { ISignalRow, IStrategyTickResultCancelled, IStrategyTickResultClosed } from "../../interfaces/Strategy.interface";
import { MINUTE_MS } from "../../utils/candles/intervals";
import { withTimeout } from "../../utils/withTimeout";
import { upcomingDueTicks } from "../../utils/engine/upcomingDueTicks";

/** Candles asked for at once when a run checks which candles have arrived. */
const CANDLE_CHUNK = 1_000;

/** Real time between two saves of a run's progress over idle ticks (a change is saved at once). */
const IDLE_SAVE_EVERY_MS = 1_000;

const floorMinute = (time: number) => Math.floor(time / MINUTE_MS) * MINUTE_MS;
const ceilMinute = (time: number) => Math.ceil(time / MINUTE_MS) * MINUTE_MS;
const iso = (time: number) => new Date(time).toISOString();

/**
 * The tick after a signal ended: the first whole minute at or after it closed (or was
 * cancelled), never the signal's own tick: where the backtest goes on after it.
 */
const tickAfter = (signal: ISignalRow, result: IStrategyTickResultClosed | IStrategyTickResultCancelled) =>
  Math.max(signal.scheduledAt + MINUTE_MS, ceilMinute(result.closeTimestamp));

/**
 * One strategy on one symbol, forward in time: one tick per whole minute of its clock,
 * each processed once the 1m candle before it has closed and arrived (a late candle is
 * waited for, with a bound, and said). At a tick the strategy decides as in a backtest
 * (ClientStrategy: the throttle, the signal check, the entry), and an open position or
 * a scheduled signal is checked against the candles closed by then with the backtest's
 * own rules, so a run over a past period gives the backtest's trades. Every change is
 * stored (one atomic record) before it is yielded; a run that was killed resumes from
 * the stored state and catches up on the ticks it missed, in order.
 */
export class ClientLive {
  /** Every 1m candle opening before this time has arrived (or was given up on). */
  private confirmedUntil = -Infinity;
  private lastIdleSave = -Infinity;
  /**
   * A rehearsal over history on a clock at full speed: nothing waits for time, so the
   * loop skips the ticks where nothing can happen (a flat strategy not due yet) and
   * checks an open or scheduled signal on every candle up to the period's end at once.
   * The outcome is the one tick by tick would give: the same rule on the same candles,
   * its first hit wins.
   */
  private readonly fastForward: boolean;

  constructor(readonly params: ILiveParams) {
    this.fastForward = params.readAhead && params.clock.fullSpeed === true && params.until < Infinity;
  }

  /** How far a tick may look: the tick itself, or the period's end when fast-forwarding. */
  private horizon = (when: number) => (this.fastForward ? Math.max(when, this.params.until) : when);

  /** Every tick's result until `signal` aborts or the tick passes `until`. */
  public async *run(signal: AbortSignal): AsyncGenerator<ILiveTickResult> {
    const { clock, strategy, until } = this.params;
    const state = await this.restore();
    strategy.setLastCall(state.lastCall);
    if (state.open !== null) {
      await strategy.resumeOpened(state.open);
    }
    try {
      while (!signal.aborted && state.nextTick <= until) {
        const when = state.nextTick;
        await clock.waitUntil(when, signal);
        if (signal.aborted) {
          break;
        }
        await this.awaitCandle(when, signal);
        if (signal.aborted) {
          break;
        }
        this.params.setTick(when);
        yield* await this.tick(state, when);
      }
    } finally {
      strategy.endPrefetch();
      await this.params.persistence.save(state);
    }
  }

  /**
   * The stored state, or a fresh one starting at the clock's start (a replay's first
   * instant: never later, however long the run took to get going), else its current minute.
   */
  private restore = async (): Promise<ILiveState> => {
    const saved = await this.params.persistence.load();
    if (saved !== null) {
      return saved;
    }
    const { clock } = this.params;
    return { nextTick: floorMinute(clock.start ?? clock.now()), lastCall: null, open: null, scheduled: null, trades: [] };
  };

  /** Processes tick `when`: the scheduled signal, then the open position, else asks for a signal. */
  private tick = async (state: ILiveState, when: number): Promise<ILiveTickResult[]> => {
    const { strategy } = this.params;
    if (state.scheduled !== null) {
      const scheduled = state.scheduled;
      const outcome = await strategy.checkScheduled(scheduled, this.horizon(when));
      if (outcome === null) {
        state.nextTick = this.horizon(when) + MINUTE_MS;
        return [await this.active(scheduled.signal, this.horizon(when))];
      }
      state.scheduled = null;
      if (outcome.action === "cancelled") {
        state.nextTick = tickAfter(scheduled.signal, outcome);
        await this.save(state);
        return [outcome];
      }
      state.open = outcome;
      await this.save(state);
      const closed = await this.checkOpen(state, when);
      return closed.action === "closed" ? [outcome, closed] : [outcome];
    }
    if (state.open !== null) {
      return [await this.checkOpen(state, when)];
    }
    state.nextTick = when + MINUTE_MS;
    if (!strategy.isDue(when)) {
      if (this.fastForward) {
        state.nextTick = Math.max(state.nextTick, ceilMinute(strategy.dueAt()));
        return [];
      }
      return [await this.idle(when)];
    }
    this.prefetchAfter(when);
    const entered = await strategy.getSignal(when);
    state.lastCall = strategy.getLastCall();
    if (entered === null) {
      await this.saveIdle(state);
      return [await this.idle(when)];
    }
    if (entered.action === "scheduled") {
      state.scheduled = entered;
    } else {
      state.open = entered;
    }
    await this.save(state);
    return [entered];
  };

  /**
   * In a rehearsal over history, for a strategy that declares prefetch: starts the
   * signals of its next due ticks (as if every answer were "no signal"), as a backtest
   * does; each answer is used only when its tick is reached. Never on live data: those
   * ticks' candles do not exist yet.
   */
  private prefetchAfter = (when: number) => {
    const { strategy, readAhead, until } = this.params;
    if (!readAhead || strategy.prefetchDepth === 0) {
      return;
    }
    const timeline = { start: when, step: MINUTE_MS, count: Math.floor((until - when) / MINUTE_MS) + 1, end: until };
    strategy.prefetch(upcomingDueTicks(timeline, 0, strategy.intervalMs, strategy.prefetchDepth));
  };

  /** Checks the open position at `when`: closed (stored with the trades), or still open. */
  private checkOpen = async (state: ILiveState, when: number): Promise<IStrategyTickResultClosed | IStrategyTickResultActive> => {
    const opened = state.open!;
    const closed = await this.params.strategy.checkOpened(opened, this.horizon(when));
    if (closed === null) {
      state.nextTick = this.horizon(when) + MINUTE_MS;
      return await this.active(opened.signal, this.horizon(when));
    }
    state.open = null;
    state.trades.push(closed);
    state.nextTick = tickAfter(opened.signal, closed);
    await this.save(state);
    return closed;
  };

  private save = async (state: ILiveState) => {
    await this.params.persistence.save(state);
    this.lastIdleSave = this.params.realNow();
  };

  /** Stores the progress over idle ticks at most once a second of real time (replaying idle ticks changes nothing). */
  private saveIdle = async (state: ILiveState) => {
    if (this.params.realNow() - this.lastIdleSave >= IDLE_SAVE_EVERY_MS) {
      await this.save(state);
    }
  };

  private idle = async (when: number): Promise<IStrategyTickResultIdle> => {
    const result: IStrategyTickResultIdle = { action: "idle", signal: null, ...this.base(), currentPrice: await this.currentPrice(), when };
    await this.params.strategy.notifyLive(result);
    return result;
  };

  private active = async (signal: ISignalRow, when: number): Promise<IStrategyTickResultActive> => {
    const result: IStrategyTickResultActive = { action: "active", signal, ...this.base(), currentPrice: await this.currentPrice(), when };
    await this.params.strategy.notifyLive(result);
    return result;
  };

  private base = () => ({
    strategyName: this.params.strategyName,
    exchangeName: this.params.exchangeName,
    frameName: "",
    symbol: this.params.symbol,
  });

  /** The average price at the tick; NaN when the exchange has no candle for it. */
  private currentPrice = () => this.params.getAveragePrice().catch(() => NaN);

  /**
   * Waits until the 1m candle before tick `when` has arrived. A late one is said once
   * ("live-candle-late") and asked for again every candlePollMs; past candleWaitMs it is
   * said missing ("live-gap") and the tick goes on with the candles there are. A stop
   * ends the wait (the tick is then not processed).
   */
  private awaitCandle = async (when: number, signal: AbortSignal) => {
    const candle = when - MINUTE_MS;
    if (candle < this.confirmedUntil) {
      return;
    }
    const { candleWaitMs, candlePollMs } = this.params.limits;
    let waited = 0;
    while (!(await this.hasArrived(candle))) {
      if (signal.aborted) {
        return;
      }
      if (waited >= candleWaitMs) {
        await this.sayCandle("live-gap", candle, waited);
        this.confirmedUntil = when;
        return;
      }
      if (waited === 0) {
        await this.sayCandle("live-candle-late", candle, candleWaitMs);
      }
      await this.params.sleep(candlePollMs);
      waited += candlePollMs;
    }
  };

  /**
   * Asks the exchange for the closed candles from `candle` on (for a rehearsal over
   * history: up to its last tick, a chunk at a time); true when `candle` is among them
   * (in any order, repeats allowed). Moves confirmedUntil past every candle that follows
   * it without a hole. A failed or timed-out call counts as not arrived.
   */
  private hasArrived = async (candle: number) => {
    const { clock, fetchCandles, limits, readAhead, until: lastTick } = this.params;
    const closedEnd = readAhead ? lastTick : floorMinute(clock.now());
    const limit = Math.min(CANDLE_CHUNK, Math.max(1, (closedEnd - candle) / MINUTE_MS));
    const what = `live ${this.params.strategyName} on ${this.params.symbol}: exchange ${this.params.exchangeName} getCandles(1m, since ${iso(candle)}, limit ${limit})`;
    const candles = await withTimeout(fetchCandles(candle, limit), limits.candleTimeoutMs, what).catch(() => []);
    const present = new Set(candles.filter((item) => item.timestamp < closedEnd).map((item) => item.timestamp));
    if (!present.has(candle)) {
      return false;
    }
    let until = candle;
    while (present.has(until)) {
      until += MINUTE_MS;
    }
    this.confirmedUntil = Math.max(this.confirmedUntil, until);
    return true;
  };

  private sayCandle = async (kind: "live-candle-late" | "live-gap", candle: number, ms: number) => {
    const { strategyName, exchangeName, symbol, warn } = this.params;
    const head = `live ${strategyName} on ${symbol} (exchange ${exchangeName}): the 1m candle of ${iso(candle)}`;
    if (kind === "live-candle-late") {
      await warn(kind, `${head} has not arrived after its close; waiting for it up to ${ms} ms`, {
        strategyName,
        exchangeName,
        symbol,
        candle,
        waitMs: ms,
      });
      return;
    }
    await warn(kind, `${head} did not arrive within ${ms} ms; the tick goes on with the candles the exchange has`, {
      strategyName,
      exchangeName,
      symbol,
      candle,
      waitedMs: ms,
    });
  };
}

export default ClientLive;
