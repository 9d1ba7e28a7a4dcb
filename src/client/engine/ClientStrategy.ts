import {
  ISignalDto,
  ISignalRow,
  IStrategy,
  IStrategyCallbacks,
  IStrategyTickResult,
  IStrategyTickResultActive,
  IStrategyTickResultIdle,
  IStrategyTickResultCancelled,
  IStrategyTickResultClosed,
  IStrategyTickResultOpened,
  IStrategyTickResultScheduled,
  ISignalPrefetchCounts,
  StrategyCloseReason,
} from "../../interfaces/Strategy.interface";
import { ICandleData } from "../../interfaces/Exchange.interface";
import { IStrategyParams } from "../../interfaces/StrategyParams.interface";
import { MINUTE_MS, SIGNAL_INTERVAL_MS } from "../../utils/candles/intervals";
import { TimeoutError, TimeoutGuard } from "../../utils/withTimeout";
import ClientEventRelay from "./ClientEventRelay";
import ClientLlmTicket from "../llm/ClientLlmTicket";
import { toError } from "../../utils/toError";
import { errorLine } from "../../utils/errorChain";
import { findSignalProblem } from "../../utils/engine/checkSignal";
import { computePnl } from "../../utils/engine/computePnl";
import { awaitCallback } from "../../utils/settleWithin";
import { lifetimeEnd, resolveOpenSignal } from "../../utils/engine/resolveOpenSignal";
import { findPartialCrossings } from "../../utils/engine/partialMilestones";

const iso = (time: number) => new Date(time).toISOString();

/**
 * Whether a candle went against a long (+1: down to `price`) or a short (-1: up to it):
 * how a stop-loss is hit and how a limit entry is reached.
 */
const reachesAdverse = (sign: number, candle: ICandleData, price: number) =>
  sign > 0 ? candle.low <= price : candle.high >= price;

const positionSign = (signal: ISignalDto) => (signal.position === "long" ? 1 : -1);

/** How a getSignal call asked for ahead ended: its value or its error, kept until its tick. */
type TickOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A getSignal call started ahead of its tick, with the events it sent, held until the
 * tick, and the ticket its model requests carry (awaited at the tick, skipped if passed by).
 */
interface IPrefetchedTick {
  outcome: Promise<TickOutcome>;
  events: ClientEventRelay;
  ticket: ClientLlmTicket;
}

const settleOutcome = (call: Promise<unknown>): Promise<TickOutcome> =>
  call.then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, error })
  );

/** The most speculative requests a prefetch window may cost, as a share of the useful ones. */
const PREFETCH_WASTE_SHARE = 0.25;

/** Ticks the window assumes reached before the run starts: a window of 5 until the run says otherwise. */
const PREFETCH_PRIOR_TICKS = 20;

/**
 * One strategy on one symbol: asks getSignal at most once per interval while flat,
 * checks what it returns, decides the entry, and resolves scheduled and open signals on
 * the 1m candles that follow (fast-forward, no tick by tick). Errors that end only the
 * tick (timeouts) and rejected signals go to the callbacks of its params; anything else
 * thrown by the strategy is rethrown with its context.
 */
export class ClientStrategy implements IStrategy {
  private lastCall = -Infinity;
  private timeoutsInARow = 0;
  private usefulPrefetches = 0;
  private speculativePrefetches = 0;
  private droppedRequests = 0;
  /** Ticks getSignal was asked at (prefetched or not), and signals that entered (each skips the ticks of its trade). */
  private ticksReached = 0;
  private entries = 0;
  private readonly prefetched = new Map<number, IPrefetchedTick>();
  /** Milliseconds between two calls of getSignal. */
  public readonly intervalMs: number;
  /** Due ticks asked for ahead: 0 unless the schema declares prefetch and CC_SIGNAL_PREFETCH allows it. */
  public readonly prefetchDepth: number;
  private readonly signalTimeout = new TimeoutGuard((when) => this.describeSignalCall(when));

  constructor(readonly params: IStrategyParams) {
    this.intervalMs = SIGNAL_INTERVAL_MS[params.interval];
    this.prefetchDepth = params.prefetch === true ? params.limits.signalPrefetch : 0;
  }

  /** Whether getSignal may be called at `when`: never called yet, or an interval has passed. */
  public isDue = (when: number) => when - this.lastCall >= this.intervalMs;

  /** The earliest time getSignal may be called again. */
  public dueAt = () => this.lastCall + this.intervalMs;

  /**
   * Asks for a signal at `when`; null when there is none, it timed out or was rejected.
   * The hot path of a backtest: one await of getSignal, nothing allocated for a null.
   */
  public getSignal = async (when: number) => {
    this.lastCall = when;
    this.ticksReached += 1;
    const { symbol, getSignal, limits } = this.params;
    const ahead = this.prefetched.size === 0 ? undefined : this.takePrefetched(when);
    let dto: unknown;
    let marketPrice: number;
    try {
      dto =
        ahead === undefined
          ? await this.signalTimeout.run(getSignal(symbol, new Date(when)), limits.signalTimeoutMs, when)
          : await this.reachPrefetched(ahead, when);
      this.timeoutsInARow = 0;
      if (dto === null || dto === undefined) {
        return null;
      }
      marketPrice = await this.params.exchange.getAveragePrice(symbol, limits.avgPriceCandlesCount);
    } catch (error) {
      return await this.failTick(when, error);
    }
    const problem = findSignalProblem(dto, marketPrice, limits);
    if (problem !== null) {
      await this.params.onInvalidSignal(
        new Error(`strategy ${this.params.strategyName} returned an invalid signal for ${symbol} at ${iso(when)}: ${problem}`)
      );
      return null;
    }
    const entered = await this.enter(when, dto as ISignalDto, marketPrice);
    if (entered !== null) {
      this.entries += 1;
    }
    return entered;
  };

  /**
   * The prefetch window: a quarter of the ticks reached per signal entered so far (the
   * mean run of ticks between two trades; PREFETCH_PRIOR_TICKS more at the start, so a
   * run begins with a window of 5), at most prefetchDepth. Each signal wastes at most the
   * window's sent requests, so speculative requests stay near or under a quarter of the
   * useful ones: a strategy that keeps trading gets few or none, one that mostly waits
   * gets the whole depth.
   */
  public prefetchWindow = () =>
    Math.min(
      this.prefetchDepth,
      Math.floor((PREFETCH_WASTE_SHARE * (this.ticksReached + PREFETCH_PRIOR_TICKS)) / (this.entries + 1))
    );

  /** Skips the ticks asked for ahead before `when`: speculative, their unsent requests dropped now. */
  public skipPrefetchedBefore = (when: number) => {
    for (const [tick, skipped] of this.prefetched) {
      if (tick < when) {
        this.prefetched.delete(tick);
        this.speculativePrefetches += 1;
        skipped.ticket.skip();
      }
    }
  };

  /**
   * Starts getSignal for each of these future ticks not asked for yet, each in its own
   * tick's execution context, its events held and its model requests speculative until
   * the tick is reached (then bounded by the getSignal timeout). Nothing it produces is
   * used or reported before then.
   */
  public prefetch = (ticks: readonly number[]) => {
    for (const when of ticks) {
      if (!this.prefetched.has(when)) {
        this.prefetched.set(when, this.askAhead(when));
      }
    }
  };

  /** Skips every tick still asked for ahead (the run ended): the pool drops their unsent model requests. */
  public endPrefetch = () => {
    for (const ahead of this.prefetched.values()) {
      ahead.ticket.skip();
    }
    this.speculativePrefetches += this.prefetched.size;
    this.prefetched.clear();
  };

  /** Useful and speculative prefetched answers (those not used yet count as speculative), and dropped requests. */
  public getPrefetchCounts = (): ISignalPrefetchCounts => ({
    useful: this.usefulPrefetches,
    speculative: this.speculativePrefetches + this.prefetched.size,
    dropped: this.droppedRequests,
  });

  /**
   * What became of a scheduled signal: cancelled, or opened (resolve it with
   * resolveOpened). Reaching its entry price, it must pass the risk profile again; a
   * refusal cancels it there.
   */
  public resolveScheduled = async (
    scheduled: IStrategyTickResultScheduled
  ): Promise<IStrategyTickResultCancelled | IStrategyTickResultOpened> => {
    const { signal } = scheduled;
    const awaitMinutes = this.params.limits.scheduleAwaitMinutes;
    const candles = await this.params.exchange.getNextCandles(this.params.symbol, signal.scheduledAt, awaitMinutes);
    const settled = await this.settleScheduledOn(signal, candles);
    if (settled !== null) {
      return settled;
    }
    const start = Math.ceil(signal.scheduledAt / MINUTE_MS) * MINUTE_MS;
    return await this.expireScheduled(scheduled, candles, start + awaitMinutes * MINUTE_MS);
  };

  /** How an open position closed, by the engine's rule (resolveOpenSignal) on the candles after it opened. */
  public resolveOpened = async (opened: IStrategyTickResultOpened): Promise<IStrategyTickResultClosed> => {
    const { signal } = opened;
    const candles = await this.params.exchange.getNextCandles(
      this.params.symbol,
      signal.pendingAt,
      signal.minuteEstimatedTime
    );
    const outcome = resolveOpenSignal(signal, candles);
    if (this.params.partialObserved()) {
      await this.trackPartials(signal, candles, outcome.closeTimestamp);
    }
    if (outcome.dataEnded) {
      await this.sayDataEnded(signal, false, signal.pendingAt, lifetimeEnd(signal), candles[candles.length - 1]);
    }
    return await this.close(signal, outcome.closeReason, outcome.closeTimestamp, outcome.priceClose, outcome.dataEnded);
  };

  /**
   * Tells the partial tracker of the milestones the open signal reached on the candles it
   * stayed open through (findPartialCrossings). Called only while anything observes them
   * (`partialObserved`: a listener or a partial callback); the Partial report derives
   * them from the trades itself, so an unobserved run pays nothing for them.
   */
  private trackPartials = async (signal: ISignalRow, candles: ICandleData[], closeTimestamp: number) => {
    const { partial, symbol } = this.params;
    for (const crossing of findPartialCrossings(signal, candles, closeTimestamp)) {
      const when = new Date(crossing.timestamp);
      await (crossing.action === "profit"
        ? partial.profit(symbol, signal, crossing.price, crossing.percent, this.isBacktest, when)
        : partial.loss(symbol, signal, crossing.price, -crossing.percent, this.isBacktest, when));
    }
  };

  /**
   * Whether the strategy's risk profile lets the signal open (always, without one). A
   * refusal is reported by the risk client (listenValidation, the backtest report).
   */
  private passesRisk = async (signal: ISignalRow, currentPrice: number, timestamp: number, stage: "entry" | "activation") => {
    const { risk, symbol, strategyName, exchangeName, frameName } = this.params;
    return (
      risk === undefined ||
      (await risk.checkSignal({ symbol, strategyName, exchangeName, currentPrice, timestamp, frameName, signalId: signal.id, stage }))
    );
  };

  /**
   * Live: how an open position stands at `now`, by the same rule as resolveOpened on the
   * 1m candles closed by then. Once its lifetime has passed this is resolveOpened itself;
   * before, a stop-loss or take-profit hit closes it, else it stays open (null). The
   * partial milestones of those candles are told as a backtest tells them (the tracker
   * tells each level once per signal, however often the candles are checked again).
   */
  public checkOpened = async (opened: IStrategyTickResultOpened, now: number): Promise<IStrategyTickResultClosed | null> => {
    const { signal } = opened;
    if (now >= lifetimeEnd(signal)) {
      return await this.resolveOpened(opened);
    }
    const start = Math.ceil(signal.pendingAt / MINUTE_MS) * MINUTE_MS;
    const minutes = Math.max(0, Math.floor((now - start) / MINUTE_MS));
    const candles = await this.params.exchange.getNextCandles(this.params.symbol, signal.pendingAt, minutes);
    const outcome = resolveOpenSignal(signal, candles);
    if (this.params.partialObserved()) {
      await this.trackPartials(signal, candles, outcome.dataEnded ? Infinity : outcome.closeTimestamp);
    }
    return outcome.dataEnded ? null : await this.close(signal, outcome.closeReason, outcome.closeTimestamp, outcome.priceClose);
  };

  /**
   * Live: how a scheduled signal stands at `now`, by the same rule as resolveScheduled on
   * the 1m candles closed by then: cancelled (stop-loss first, or its wait is over),
   * opened (the entry price reached; its outcome is then checkOpened's), or still
   * waiting (null).
   */
  public checkScheduled = async (
    scheduled: IStrategyTickResultScheduled,
    now: number
  ): Promise<IStrategyTickResultCancelled | IStrategyTickResultOpened | null> => {
    const { signal } = scheduled;
    const awaitMinutes = this.params.limits.scheduleAwaitMinutes;
    const start = Math.ceil(signal.scheduledAt / MINUTE_MS) * MINUTE_MS;
    const until = start + awaitMinutes * MINUTE_MS;
    const minutes = Math.min(awaitMinutes, Math.max(0, Math.floor((now - start) / MINUTE_MS)));
    const candles = await this.params.exchange.getNextCandles(this.params.symbol, signal.scheduledAt, minutes);
    const settled = await this.settleScheduledOn(signal, candles);
    if (settled !== null || now < until) {
      return settled;
    }
    return await this.expireScheduled(scheduled, candles, until);
  };

  /**
   * The first of `candles` that settles a scheduled signal: its stop-loss reached first
   * cancels it, its entry price opens it (unless the risk profile refuses it there, which
   * cancels it); null while none does. The one rule of backtests and live runs.
   */
  private settleScheduledOn = async (
    signal: ISignalRow,
    candles: ICandleData[]
  ): Promise<IStrategyTickResultCancelled | IStrategyTickResultOpened | null> => {
    const sign = positionSign(signal);
    for (const candle of candles) {
      const closeTime = candle.timestamp + MINUTE_MS;
      if (reachesAdverse(sign, candle, signal.priceStopLoss)) {
        return await this.cancel(signal, closeTime, candle.close);
      }
      if (reachesAdverse(sign, candle, signal.priceOpen)) {
        if (this.params.risk !== undefined && !(await this.passesRisk(signal, signal.priceOpen, closeTime, "activation"))) {
          return await this.cancel(signal, closeTime, signal.priceOpen);
        }
        return await this.open({ ...signal, pendingAt: closeTime }, signal.priceOpen);
      }
    }
    return null;
  };

  /**
   * Cancels a scheduled signal whose wait ended at `until` without an entry: at `until`,
   * or, when the data ended before it, at the last candle (said as data-ended).
   */
  private expireScheduled = async (scheduled: IStrategyTickResultScheduled, candles: ICandleData[], until: number) => {
    const { signal } = scheduled;
    const last = candles[candles.length - 1];
    if (last === undefined || last.timestamp + MINUTE_MS < until) {
      await this.sayDataEnded(signal, true, signal.scheduledAt, until, last);
      return last === undefined
        ? await this.cancel(signal, until, scheduled.currentPrice, true)
        : await this.cancel(signal, last.timestamp + MINUTE_MS, last.close, true);
    }
    return await this.cancel(signal, until, last.close);
  };

  /** Live: says an idle or active tick to the strategy's callbacks (onIdle / onActive, then onTick). */
  public notifyLive = async (result: IStrategyTickResultIdle | IStrategyTickResultActive) => {
    const { symbol, callbacks } = this.params;
    if (result.action === "idle") {
      await this.callback("onIdle", callbacks?.onIdle?.(symbol, result.currentPrice, this.isBacktest));
    } else {
      await this.callback("onActive", callbacks?.onActive?.(symbol, result.signal, result.currentPrice, this.isBacktest));
    }
    await this.callback("onTick", callbacks?.onTick?.(symbol, result, this.isBacktest));
  };

  /** Live: when getSignal was last called (UTC ms), null before the first call. */
  public getLastCall = () => (this.lastCall === -Infinity ? null : this.lastCall);

  /** Live: restores the throttle of a resumed run. */
  public setLastCall = (when: number | null) => {
    this.lastCall = when ?? -Infinity;
  };

  /**
   * Live: counts a resumed run's open position in the strategy's risk profile (again:
   * the profile's store may have missed it, e.g. a 1.4 signal or a stop between the two
   * writes); the profile keeps one position per strategy and symbol.
   */
  public resumeOpened = async ({ signal }: IStrategyTickResultOpened) => {
    const { risk, symbol, strategyName, riskName, exchangeName } = this.params;
    if (risk !== undefined && riskName !== undefined) {
      await risk.addSignal(symbol, { strategyName, riskName }, { signal, exchangeName, openTimestamp: signal.pendingAt });
    }
  };

  /**
   * Raises "trade-data-ended": the candles ended at `last` (or before `openTime`) while
   * the signal needed them until `until`. Without a candle in its window, the last
   * candle is looked up from the average price window before the signal on.
   */
  private sayDataEnded = async (
    signal: ISignalRow,
    scheduled: boolean,
    openTime: number,
    until: number,
    last: ICandleData | undefined
  ) => {
    const { strategyName, exchangeName, frameName, symbol, limits, exchange } = this.params;
    const notBefore = signal.scheduledAt - limits.avgPriceCandlesCount * MINUTE_MS;
    const lastCandle = last?.timestamp ?? (await exchange.findLastCandle(symbol, openTime, notBefore))?.timestamp ?? null;
    const what = scheduled
      ? `its scheduled signal ${signal.id} (made ${iso(openTime)}) was waiting for its entry price`
      : `its trade ${signal.id} (opened ${iso(openTime)}) was open`;
    const lastText = lastCandle === null ? "there is no candle" : `the last 1m candle opens at ${iso(lastCandle)}`;
    await this.params.warn(
      "trade-data-ended",
      `strategy ${strategyName} on ${symbol}: the data ended while ${what} until ${iso(until)}: ${lastText}; it is marked dataEnded and kept out of the statistics`,
      { strategyName, exchangeName, frameName, symbol, signalId: signal.id, scheduled, openTime, until, lastCandle }
    );
  };

  private describeSignalCall = (when: number) =>
    `strategy ${this.params.strategyName} getSignal(${this.params.symbol}, ${iso(when)})`;

  /**
   * Starts getSignal for `when` in that tick's context, its events held and its model
   * requests speculative. Its timeout runs from when the tick is reached (the engine
   * waits on it from then on), so waiting behind awaited requests never times it out.
   */
  private askAhead = (when: number): IPrefetchedTick => {
    const { symbol, getSignal } = this.params;
    const events = new ClientEventRelay();
    const ticket = new ClientLlmTicket(this.describeSignalCall(when), this.countDropped);
    const call = this.params.runAtTick(when, events, ticket, () => Promise.resolve().then(() => getSignal(symbol, new Date(when))));
    return { outcome: settleOutcome(call), events, ticket };
  };

  private countDropped = () => {
    this.droppedRequests += 1;
  };

  /**
   * The answer asked ahead for `when`, if any, its requests now awaited; earlier ticks
   * were skipped: speculative, their unsent requests dropped.
   */
  private takePrefetched = (when: number) => {
    this.skipPrefetchedBefore(when);
    const ahead = this.prefetched.get(when);
    if (ahead !== undefined) {
      this.prefetched.delete(when);
      this.usefulPrefetches += 1;
      ahead.ticket.awaitNow();
    }
    return ahead;
  };

  /**
   * At its tick: releases the call's held events to the run, then gives its value or
   * throws its error, waiting at most the getSignal timeout from now.
   */
  private reachPrefetched = async (ahead: IPrefetchedTick, when: number) => {
    await ahead.events.pipeTo(this.params.currentSink());
    const outcome = await this.signalTimeout.run(ahead.outcome, this.params.limits.signalTimeoutMs, when);
    if (!outcome.ok) {
      throw outcome.error;
    }
    return outcome.value;
  };

  /**
   * A failure of the tick as an Error naming strategy, symbol, exchange and tick. A
   * TimeoutError (of getSignal or of the exchange) is reported and the tick gives null,
   * unless it is the maxTimeoutsInARow-th in a row: then the strategy counts as hung and
   * the error is thrown, as is anything that is not a timeout.
   */
  private failTick = async (when: number, error: unknown): Promise<null> => {
    const { strategyName, symbol, exchangeName, limits } = this.params;
    const context = `strategy ${strategyName} on ${symbol} at ${iso(when)} (exchange ${exchangeName})`;
    if (!(error instanceof TimeoutError)) {
      throw toError(context, error);
    }
    this.timeoutsInARow += 1;
    if (this.timeoutsInARow >= limits.maxTimeoutsInARow) {
      throw toError(`${context} timed out ${this.timeoutsInARow} ticks in a row, so it counts as hung`, error);
    }
    const tickError = toError(context, error);
    await this.params.warn("signal-timeout", `${errorLine(tickError)}; the tick gives no signal`, {
      strategyName,
      exchangeName,
      symbol,
      when,
      timeoutMs: error.timeoutMs ?? limits.signalTimeoutMs,
      error: errorLine(error),
    });
    await this.params.onTickError(tickError);
    return null;
  };

  /** Opens at once (market, or priceOpen already reached) or schedules the signal. */
  private enter = async (when: number, dto: ISignalDto, marketPrice: number) => {
    const { symbol, strategyName, exchangeName } = this.params;
    const hasPriceOpen = typeof dto.priceOpen === "number";
    const row: ISignalRow = {
      id: typeof dto.id === "string" && dto.id.length > 0 ? dto.id : this.params.createId(),
      position: dto.position,
      note: typeof dto.note === "string" ? dto.note : undefined,
      priceOpen: hasPriceOpen ? (dto.priceOpen as number) : marketPrice,
      priceTakeProfit: dto.priceTakeProfit,
      priceStopLoss: dto.priceStopLoss,
      minuteEstimatedTime: dto.minuteEstimatedTime,
      exchangeName,
      strategyName,
      scheduledAt: when,
      pendingAt: when,
      symbol,
      _isScheduled: false,
    };
    const sign = positionSign(row);
    if (this.params.risk !== undefined && !(await this.passesRisk(row, marketPrice, when, "entry"))) {
      return null;
    }
    if (!hasPriceOpen || (row.priceOpen - marketPrice) * sign >= 0) {
      return await this.open(row, row.priceOpen);
    }
    return await this.schedule({ ...row, _isScheduled: true }, marketPrice);
  };

  private schedule = async (signal: ISignalRow, currentPrice: number): Promise<IStrategyTickResultScheduled> => {
    const result: IStrategyTickResultScheduled = { action: "scheduled", signal, ...this.base(currentPrice) };
    await this.callback("onSchedule", this.params.callbacks?.onSchedule?.(this.params.symbol, signal, currentPrice, this.isBacktest));
    await this.notifyTick(result);
    return result;
  };

  private open = async (signal: ISignalRow, price: number): Promise<IStrategyTickResultOpened> => {
    const result: IStrategyTickResultOpened = { action: "opened", signal, ...this.base(price) };
    const { risk, symbol, strategyName, riskName, exchangeName } = this.params;
    if (risk !== undefined && riskName !== undefined) {
      await risk.addSignal(symbol, { strategyName, riskName }, { signal, exchangeName, openTimestamp: signal.pendingAt });
    }
    await this.callback("onOpen", this.params.callbacks?.onOpen?.(this.params.symbol, signal, price, this.isBacktest));
    await this.notifyTick(result);
    return result;
  };

  private cancel = async (signal: ISignalRow, closeTimestamp: number, price: number, dataEnded = false) => {
    const result: IStrategyTickResultCancelled = { action: "cancelled", signal, closeTimestamp, ...this.base(price) };
    if (dataEnded) {
      result.dataEnded = true;
    }
    await this.callback("onCancel", this.params.callbacks?.onCancel?.(this.params.symbol, signal, price, this.isBacktest));
    await this.notifyTick(result);
    return result;
  };

  private close = async (
    signal: ISignalRow,
    closeReason: StrategyCloseReason,
    closeTimestamp: number,
    priceClose: number,
    dataEnded = false
  ): Promise<IStrategyTickResultClosed> => {
    const { feePercent, slippagePercent } = this.params.limits;
    const pnl = computePnl(signal.position, signal.priceOpen, priceClose, feePercent, slippagePercent);
    const result: IStrategyTickResultClosed = {
      action: "closed",
      signal,
      closeReason,
      closeTimestamp,
      pnl,
      ...this.base(priceClose),
    };
    if (dataEnded) {
      result.dataEnded = true;
    }
    const cleared = this.params.partial.clear(this.params.symbol, signal, priceClose);
    if (cleared !== undefined) {
      await cleared;
    }
    const { risk, symbol, strategyName, riskName } = this.params;
    if (risk !== undefined && riskName !== undefined) {
      await risk.removeSignal(symbol, { strategyName, riskName });
    }
    await this.callback("onClose", this.params.callbacks?.onClose?.(this.params.symbol, signal, priceClose, this.isBacktest));
    await this.notifyTick(result);
    return result;
  };

  /** What the callbacks' `backtest` argument says: false only for a live run. */
  private get isBacktest() {
    return this.params.live !== true;
  }

  private base = (currentPrice: number) => ({
    strategyName: this.params.strategyName,
    exchangeName: this.params.exchangeName,
    frameName: this.params.frameName,
    symbol: this.params.symbol,
    currentPrice,
  });

  private notifyTick = async (result: IStrategyTickResult) => {
    await this.callback("onTick", this.params.callbacks?.onTick?.(this.params.symbol, result, this.isBacktest));
  };

  /** Awaits a callback's result within CC_LISTENER_TIMEOUT_MS (a "listener-timeout" warning past it). */
  private callback = (name: keyof IStrategyCallbacks, value: unknown) => {
    const { limits, strategyName, warn } = this.params;
    return awaitCallback(value, limits.callbackTimeoutMs, `strategy ${strategyName} callbacks.${name}`, warn);
  };
}

export default ClientStrategy;
