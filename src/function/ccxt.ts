import { CandleFetchFn } from "../interfaces/CandleStore.interface";
import { ICandleData } from "../interfaces/Exchange.interface";
import { assertNonEmptyString } from "../utils/schemaChecks";

/** The part of a ccxt exchange a candle fetch uses. */
interface ICcxtExchange {
  fetchOHLCV(symbol: string, timeframe: string, since: number, limit: number): Promise<number[][]>;
}

/** Loads ccxt from this package's own dependency and makes the exchange `id`. */
const createCcxtExchange = async (id: string): Promise<ICcxtExchange> => {
  const { default: ccxt } = (await import("ccxt")) as unknown as {
    default: Record<string, unknown> & { exchanges: string[] };
  };
  const Exchange = ccxt[id];
  if (typeof Exchange !== "function" || !ccxt.exchanges.includes(id)) {
    throw new Error(`fetchFromCcxt: ccxt has no exchange ${JSON.stringify(id)}; it has ${ccxt.exchanges.join(", ")}`);
  }
  return new (Exchange as new (options: object) => ICcxtExchange)({ enableRateLimit: true });
};

/**
 * A CandleFetchFn over the ccxt exchange `exchangeId` (e.g. "binance"), for
 * CandleStore.read and exchange schemas. ccxt is loaded from this package's own
 * dependency on the first call only, so code that imports backtest-kit needs no ccxt
 * of its own and a seeded candle store never loads it.
 *
 * @example
 * addExchange({
 *   exchangeName: "binance",
 *   getCandles: (symbol, interval, since, limit) =>
 *     CandleStore.read({ exchangeName: "binance", symbol, interval, since, limit, fetch: fetchFromCcxt("binance") }),
 *   formatPrice: async (symbol, price) => price.toFixed(2),
 *   formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
 * });
 */
export function fetchFromCcxt(exchangeId: string): CandleFetchFn {
  assertNonEmptyString(exchangeId, "exchangeId", "fetchFromCcxt");
  let exchange: Promise<ICcxtExchange> | null = null;
  return async (symbol, interval, since, limit): Promise<ICandleData[]> => {
    exchange ??= createCcxtExchange(exchangeId).catch((error) => {
      exchange = null;
      throw error;
    });
    const rows = await (await exchange).fetchOHLCV(symbol, interval, since.getTime(), limit);
    return rows.map(([timestamp, open, high, low, close, volume]) => ({ timestamp, open, high, low, close, volume }));
  };
}
