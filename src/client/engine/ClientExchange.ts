import { CandleInterval, ICandleData, IExchange, IExchangeParams } from "../../interfaces/Exchange.interface";
import { CANDLE_INTERVAL_MS, MINUTE_MS } from "../../utils/candles/intervals";
import { ICandleRepair, checkCandles, describeRepair } from "../../utils/candles/checkCandles";
import { TimeoutError, withTimeout } from "../../utils/withTimeout";
import { toError } from "../../utils/toError";
import { awaitCallback } from "../../utils/settleWithin";
import { errorLine, messageWithCause } from "../../utils/errorChain";
import { volumeWeightedPrice } from "../../utils/candles/volumeWeightedPrice";
import { lowerBound } from "../../utils/lowerBound";

/** Candles asked for at once in a backtest, so sequential ticks rarely call the exchange. */
const BACKTEST_CHUNK = 1_000;

/** Candles kept per symbol and interval before the oldest half is dropped. */
const MAX_CACHED_CANDLES = 200_000;

/**
 * What the exchange said about one symbol and interval: every candle it has with an
 * open time in [from, to), sorted. Gaps are candles the exchange does not have.
 */
interface ICandleSegment {
  from: number;
  to: number;
  candles: ICandleData[];
}

/**
 * lowerBound for candles spaced by `step`: where the series has no gap the index is
 * (time - first) / step, checked in O(1); otherwise the binary search decides.
 */
const indexAt = (candles: ICandleData[], time: number, step: number) => {
  const first = candles[0];
  if (first === undefined || time <= first.timestamp) {
    return 0;
  }
  const guess = Math.ceil((time - first.timestamp) / step);
  if (guess >= candles.length) {
    return candles[candles.length - 1].timestamp < time ? candles.length : lowerBound(candles, time);
  }
  const atGuess = candles[guess].timestamp;
  return atGuess >= time && candles[guess - 1].timestamp < time ? guess : lowerBound(candles, time);
};

/** Candles with open times in [from, to) of a segment that covers that range. */
const sliceSegment = (segment: ICandleSegment, from: number, to: number, step: number) =>
  segment.candles.slice(indexAt(segment.candles, from, step), indexAt(segment.candles, to, step));

/** Whether two segments overlap or meet end to start. */
const touches = (a: ICandleSegment, b: ICandleSegment) => a.from <= b.to && b.from <= a.to;

/** Keeps the segment from growing past MAX_CACHED_CANDLES: drops the oldest half. */
const trimSegment = (segment: ICandleSegment): ICandleSegment => {
  if (segment.candles.length <= MAX_CACHED_CANDLES) {
    return segment;
  }
  const rest = segment.candles.slice(segment.candles.length - MAX_CACHED_CANDLES / 2);
  return { from: rest[0].timestamp, to: segment.to, candles: rest };
};

/**
 * The union of two touching segments; where both cover a time, `older` wins (it is what
 * earlier ticks already saw). A reply that continues `older` from its end is appended in
 * place (the kept arrays never leave this module), so a run moving forward copies each
 * candle once.
 */
const joinSegments = (older: ICandleSegment, newer: ICandleSegment): ICandleSegment => {
  const after = lowerBound(newer.candles, older.to);
  if (newer.from >= older.from) {
    Array.prototype.push.apply(older.candles, newer.candles.slice(after));
    return trimSegment({ from: older.from, to: Math.max(older.to, newer.to), candles: older.candles });
  }
  const before = newer.candles.slice(0, lowerBound(newer.candles, older.from));
  const candles = before.concat(older.candles, newer.candles.slice(after));
  return trimSegment({ from: newer.from, to: Math.max(older.to, newer.to), candles });
};

/**
 * Serves an exchange's candles to one run's point in time without look-ahead: a candle
 * of interval I opening at T is visible from T + I on. Replies are checked before use
 * (see checkCandles), every call is bounded by a timeout and retried a bounded number of
 * times. In a backtest it asks for candles in chunks and keeps what it got, so the
 * exchange is called once per chunk rather than once per tick; a candle is still only
 * handed out once it has closed at the current tick.
 */
export class ClientExchange implements IExchange {
  private readonly segments = new Map<string, ICandleSegment>();
  /** Per run (its execution context object): the symbol + repair kinds already said. */
  private readonly saidRepairs = new WeakMap<object, Set<string>>();

  constructor(readonly params: IExchangeParams) {}

  /** The `limit` most recent closed candles at the tick, oldest first. */
  public getCandles = (symbol: string, interval: CandleInterval, limit: number) => {
    const step = CANDLE_INTERVAL_MS[interval];
    const { when } = this.params.getExecutionContext();
    const to = Math.floor(when / step) * step;
    return this.read(symbol, interval, to - limit * step, to, false);
  };

  /** 1m candles opening in [from, from + minutes), `from` rounded up to a minute. */
  public getNextCandles = (symbol: string, from: number, minutes: number) => {
    const start = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
    return this.read(symbol, "1m", start, start + minutes * MINUTE_MS, true);
  };

  /** VWAP of the last `count` closed 1m candles at the tick. */
  public getAveragePrice = async (symbol: string, count: number) => {
    const candles = await this.getCandles(symbol, "1m", count);
    if (candles.length === 0) {
      const { when } = this.params.getExecutionContext();
      throw new Error(
        `exchange ${this.params.exchangeName} has no closed 1m candle of ${symbol} before ${new Date(when).toISOString()} for the average price`
      );
    }
    return volumeWeightedPrice(candles);
  };

  /** The exchange's text for a quantity, within CC_LISTENER_TIMEOUT_MS. */
  public formatQuantity = (symbol: string, quantity: number) =>
    this.callFormat(`formatQuantity(${symbol}, ${quantity})`, () => this.params.formatQuantity(symbol, quantity));

  /** The exchange's text for a price, within CC_LISTENER_TIMEOUT_MS. */
  public formatPrice = (symbol: string, price: number) =>
    this.callFormat(`formatPrice(${symbol}, ${price})`, () => this.params.formatPrice(symbol, price));

  /** The last 1m candle opening in [notBefore, before), read backward a chunk at a time; null when there is none. */
  public findLastCandle = async (symbol: string, before: number, notBefore: number) => {
    const chunk = BACKTEST_CHUNK * MINUTE_MS;
    const end = Math.floor(before / MINUTE_MS) * MINUTE_MS;
    for (let to = end; to > notBefore; to -= chunk) {
      const candles = await this.read(symbol, "1m", Math.max(notBefore, to - chunk), to, false);
      if (candles.length > 0) {
        return candles[candles.length - 1];
      }
    }
    return null;
  };

  /** A format call of the schema, failing with a TimeoutError naming it after the bound. */
  private callFormat = (call: string, format: () => Promise<string>) => {
    const { callbackTimeoutMs } = this.params.getLimits();
    return withTimeout(Promise.resolve().then(format), callbackTimeoutMs, `exchange ${this.params.exchangeName} ${call}`);
  };

  /**
   * Candles opening in [from, to), from the kept segment when it covers them, else the
   * exchange; `ahead`: a read of the candles after the tick (a signal's outcome), which
   * in a backtest is asked for a chunk at a time even when it starts a segment.
   */
  private read = (symbol: string, interval: CandleInterval, from: number, to: number, ahead: boolean): Promise<ICandleData[]> => {
    if (to <= from) {
      return Promise.resolve([]);
    }
    const key = `${symbol}\u0000${interval}`;
    const kept = this.segments.get(key);
    if (kept !== undefined && kept.from <= from && to <= kept.to) {
      return Promise.resolve(sliceSegment(kept, from, to, CANDLE_INTERVAL_MS[interval]));
    }
    return this.readThrough(key, symbol, interval, from, to, kept, ahead);
  };

  /**
   * Asks the exchange for what the kept segment lacks, until it covers [from, to), and
   * serves that range. In a backtest, when the request lies at most a chunk past the kept
   * candles it continues them from their end, asking for at least a chunk, so the segment
   * stays contiguous while ticks move forward; a read `ahead` also asks for a chunk. A
   * read of the candles before the tick that starts a segment asks for just those (as
   * 1.4 did: the first tick's window and the candles after the tick are two requests,
   * each starting where 1.4's started). Replies that touch the segment join it. A reply
   * shorter than asked covers only up to its last candle (the exchange may cap its
   * replies), so the next request continues from there; an empty reply
   * covers what was asked (there is nothing there). Every request adds at least one
   * step to the segment, so the loop is bounded by the steps needed. A reply joins the
   * segment kept *now* (another run may have grown it during the await), never a stale one.
   */
  private readThrough = async (
    key: string,
    symbol: string,
    interval: CandleInterval,
    from: number,
    to: number,
    kept: ICandleSegment | undefined,
    ahead: boolean
  ) => {
    const step = CANDLE_INTERVAL_MS[interval];
    const { backtest } = this.params.getExecutionContext();
    const maxRequests = Math.ceil((to - from) / step) + 2;
    let segment = kept;
    for (let requests = 0; segment === undefined || from < segment.from || segment.to < to; requests++) {
      if (requests === maxRequests) {
        throw new Error(
          `exchange ${this.params.exchangeName} did not cover ${symbol} ${interval} candles from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} in ${maxRequests} requests`
        );
      }
      const continues =
        segment !== undefined && segment.from <= from && from <= segment.to + (backtest ? BACKTEST_CHUNK * step : 0);
      const since = continues ? (segment as ICandleSegment).to : from;
      const needed = Math.ceil((to - since) / step);
      const limit = backtest && (continues || ahead) ? Math.max(needed, BACKTEST_CHUNK) : needed;
      const candles = await this.fetch(symbol, interval, since, limit);
      const last = candles[candles.length - 1];
      const coveredTo = candles.length < limit && last !== undefined ? last.timestamp + step : since + limit * step;
      const fetched: ICandleSegment = { from: since, to: coveredTo, candles };
      const latest = this.segments.get(key);
      segment = latest !== undefined && touches(latest, fetched) ? joinSegments(latest, fetched) : fetched;
      this.segments.set(key, segment);
    }
    return sliceSegment(segment, from, to, step);
  };

  /** One checked reply of the exchange, with bounded attempts and time per attempt. */
  private fetch = async (symbol: string, interval: CandleInterval, since: number, limit: number) => {
    const { exchangeName, getCandles, callbacks } = this.params;
    const step = CANDLE_INTERVAL_MS[interval];
    const what = `exchange ${exchangeName} getCandles(${symbol}, ${interval}, since ${new Date(since).toISOString()}, limit ${limit})`;
    const reply = await this.callWithRetries(what, { symbol, interval, since }, () =>
      getCandles(symbol, interval, new Date(since), limit)
    );
    const { candles, repairs } = checkCandles({ exchangeName, symbol, interval, step, since, until: since + limit * step }, reply);
    for (const repair of repairs) {
      await this.sayRepair(what, { symbol, interval, since, limit }, repair);
    }
    if (callbacks?.onCandleData) {
      await awaitCallback(
        callbacks.onCandleData(symbol, interval, new Date(since), limit, candles),
        this.params.getLimits().callbackTimeoutMs,
        `exchange ${exchangeName} callbacks.onCandleData`,
        this.params.warn
      );
    }
    return candles;
  };

  /**
   * Raises an "exchange-repair" warning for a repaired reply, once per run, symbol and
   * kind of repair (a run's execution context object identifies the run).
   */
  private sayRepair = async (
    what: string,
    request: { symbol: string; interval: CandleInterval; since: number; limit: number },
    { kind, count }: ICandleRepair
  ) => {
    const run = this.params.getExecutionContext();
    const said = this.saidRepairs.get(run) ?? new Set<string>();
    this.saidRepairs.set(run, said);
    const key = `${request.symbol}\u0000${kind}`;
    if (said.has(key)) {
      return;
    }
    said.add(key);
    const message = `${what} returned ${describeRepair({ kind, count })} (said once per run for this symbol and fault)`;
    await this.params.warn("exchange-repair", message, {
      exchangeName: this.params.exchangeName,
      ...request,
      repair: kind,
      count,
    });
  };

  /**
   * Calls `call` until it succeeds, at most retryCount times, each within timeoutMs; a
   * failed attempt that is tried again raises an "exchange-retry" warning.
   */
  private callWithRetries = async (
    what: string,
    request: { symbol: string; interval: CandleInterval; since: number },
    call: () => Promise<unknown>
  ) => {
    const { retryCount, retryDelayMs, timeoutMs } = this.params.getLimits();
    let lastError: unknown;
    for (let attempt = 1; attempt <= retryCount; attempt++) {
      try {
        return await withTimeout(Promise.resolve().then(call), timeoutMs, what);
      } catch (error) {
        lastError = error;
        this.params.logger.warn("clientExchange getCandles attempt failed", { what, attempt, error });
        if (attempt < retryCount) {
          const message = errorLine(toError(`${what} attempt ${attempt} of ${retryCount} failed, trying again`, error));
          await this.params.warn("exchange-retry", message, {
            exchangeName: this.params.exchangeName,
            ...request,
            attempt,
            error: error instanceof Error ? error.message : String(error),
          });
          await this.params.sleep(retryDelayMs);
        }
      }
    }
    const context = `${what} failed after ${retryCount} attempt(s)`;
    if (lastError instanceof TimeoutError) {
      throw new TimeoutError(messageWithCause(context, lastError), { cause: lastError, timeoutMs: lastError.timeoutMs });
    }
    throw toError(context, lastError);
  };
}

export default ClientExchange;
