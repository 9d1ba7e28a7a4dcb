import backtest from "../lib/index";
import { CandleInterval, ICandleData } from "../interfaces/Exchange.interface";

/**
 * The `limit` most recent candles of `interval` that have closed at the current tick
 * (open time + interval <= tick), oldest first. Call it from getSignal.
 *
 * @example
 * const candles = await getCandles(symbol, "15m", 24);
 */
export function getCandles(symbol: string, interval: CandleInterval, limit: number): Promise<ICandleData[]> {
  return backtest.exchangeGlobalService.getCandles(symbol, interval, limit);
}

/** VWAP of the last CC_AVG_PRICE_CANDLES_COUNT closed 1m candles at the current tick. */
export async function getAveragePrice(symbol: string): Promise<number> {
  return await backtest.exchangeGlobalService.getAveragePrice(symbol);
}

/** The run's exchange's text for a price. */
export async function formatPrice(symbol: string, price: number): Promise<string> {
  return await backtest.exchangeGlobalService.formatPrice(symbol, price);
}

/** The run's exchange's text for a quantity. */
export async function formatQuantity(symbol: string, quantity: number): Promise<string> {
  return await backtest.exchangeGlobalService.formatQuantity(symbol, quantity);
}

/** The current tick as a Date. */
export async function getDate(): Promise<Date> {
  return new Date(backtest.exchangeGlobalService.getExecution("getDate").when);
}

/** "backtest" in a backtest (the runtime has no live mode yet). */
export async function getMode(): Promise<"backtest" | "live"> {
  return backtest.exchangeGlobalService.getExecution("getMode").backtest ? "backtest" : "live";
}
