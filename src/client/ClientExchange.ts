import { CandleInterval, ICandleData, IExchange, IExchangeParams } from "../interfaces/Exchange.interface";
import { CANDLE_INTERVAL_MS, MINUTE_MS } from "../utils/intervals";
import { checkCandles } from "../utils/checkCandles";
import { TimeoutError, withTimeout } from "../utils/withTimeout";
import { toError } from "../utils/toError";

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

/** Index of the first candle with timestamp >= time. */
const lowerBound = (candles: ICandleData[], time: number) => {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid].timestamp < time) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
};

/** Candles with open times in [from, to) of a segment that covers that range. */
const sliceSegment = (segment: ICandleSegment, from: number, to: number) =>
  segment.candles.slice(lowerBound(segment.candles, from), lowerBound(segment.candles, to));

/** VWAP of candles by typical price, or their mean close when no volume traded. */
const volumeWeightedPrice = (candles: ICandleData[]) => {
  let weighted = 0;
  let volume = 0;
  let closes = 0;
  for (const candle of candles) {
    weighted += ((candle.high + candle.low + candle.close) / 3) * candle.volume;
    volume += candle.volume;
    closes += candle.close;
  }
  return volume > 0 ? weighted / volume : closes / candles.length;
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

  constructor(readonly params: IExchangeParams) {}

  /** The `limit` most recent closed candles at the tick, oldest first. */
  public getCandles = async (symbol: string, interval: CandleInterval, limit: number) => {
    const step = CANDLE_INTERVAL_MS[interval];
    const { when } = this.params.getExecutionContext();
    const to = Math.floor(when / step) * step;
    return await this.read(symbol, interval, to - limit * step, to);
  };

  /** 1m candles opening in [from, from + minutes), `from` rounded up to a minute. */
  public getNextCandles = async (symbol: string, from: number, minutes: number) => {
    const start = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
    return await this.read(symbol, "1m", start, start + minutes * MINUTE_MS);
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

  /** The exchange's text for a quantity. */
  public formatQuantity = async (symbol: string, quantity: number) =>
    await this.params.formatQuantity(symbol, quantity);

  /** The exchange's text for a price. */
  public formatPrice = async (symbol: string, price: number) => await this.params.formatPrice(symbol, price);

  /** Candles opening in [from, to), from the kept segment or the exchange. */
  private read = async (symbol: string, interval: CandleInterval, from: number, to: number) => {
    if (to <= from) {
      return [];
    }
    const key = `${symbol}\u0000${interval}`;
    const kept = this.segments.get(key);
    if (kept && kept.from <= from && to <= kept.to) {
      return sliceSegment(kept, from, to);
    }
    const step = CANDLE_INTERVAL_MS[interval];
    const { backtest } = this.params.getExecutionContext();
    const extendsKept = kept !== undefined && kept.from <= from && from < kept.to;
    const since = extendsKept ? kept.to : from;
    const needed = Math.ceil((to - since) / step);
    const limit = backtest ? Math.max(needed, BACKTEST_CHUNK) : needed;
    const candles = await this.fetch(symbol, interval, since, limit);
    const fetched = { from: since, to: since + limit * step, candles };
    const segment = extendsKept ? this.append(kept, fetched) : fetched;
    this.segments.set(key, segment);
    return sliceSegment(segment, from, to);
  };

  /** `next` glued after `kept`, trimmed when it grows past MAX_CACHED_CANDLES. */
  private append = (kept: ICandleSegment, next: ICandleSegment): ICandleSegment => {
    const candles = kept.candles.concat(next.candles);
    if (candles.length <= MAX_CACHED_CANDLES) {
      return { from: kept.from, to: next.to, candles };
    }
    const rest = candles.slice(candles.length - MAX_CACHED_CANDLES / 2);
    return { from: rest[0].timestamp, to: next.to, candles: rest };
  };

  /** One checked reply of the exchange, with bounded attempts and time per attempt. */
  private fetch = async (symbol: string, interval: CandleInterval, since: number, limit: number) => {
    const { exchangeName, getCandles, callbacks } = this.params;
    const step = CANDLE_INTERVAL_MS[interval];
    const what = `exchange ${exchangeName} getCandles(${symbol}, ${interval}, since ${new Date(since).toISOString()}, limit ${limit})`;
    const reply = await this.callWithRetries(what, () => getCandles(symbol, interval, new Date(since), limit));
    const candles = checkCandles({ exchangeName, symbol, interval, step, since, until: since + limit * step }, reply);
    if (callbacks?.onCandleData) {
      await callbacks.onCandleData(symbol, interval, new Date(since), limit, candles);
    }
    return candles;
  };

  /** Calls `call` until it succeeds, at most retryCount times, each within timeoutMs. */
  private callWithRetries = async (what: string, call: () => Promise<unknown>) => {
    const { retryCount, retryDelayMs, timeoutMs } = this.params.getLimits();
    let lastError: unknown;
    for (let attempt = 1; attempt <= retryCount; attempt++) {
      try {
        return await withTimeout(Promise.resolve().then(call), timeoutMs, what);
      } catch (error) {
        lastError = error;
        this.params.logger.warn("clientExchange getCandles attempt failed", { what, attempt, error });
        if (attempt < retryCount) {
          await this.params.sleep(retryDelayMs);
        }
      }
    }
    const context = `${what} failed after ${retryCount} attempt(s)`;
    if (lastError instanceof TimeoutError) {
      throw new TimeoutError(`${context}: ${lastError.message}`, { cause: lastError });
    }
    throw toError(context, lastError);
  };
}

export default ClientExchange;
