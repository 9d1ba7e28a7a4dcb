/**
 * The facts of each fault the library works around instead of failing, by kind. Every
 * kind that code raises has an entry here; `listenWarning` receives them as
 * `WarningContract`, narrowed by `kind`.
 */
export interface WarningDetails {
  /** An exchange getCandles attempt failed and the call is tried again. */
  "exchange-retry": {
    exchangeName: string;
    symbol: string;
    interval: string;
    /** Open time of the first candle asked for, in ms. */
    since: number;
    /** The attempt that failed, from 1. */
    attempt: number;
    /** The failed attempt's error message. */
    error: string;
  };
  /**
   * Some luck-test simulations ran out of frame (or of candles) before placing every
   * trade; they count the trades they placed, which leans their totals toward fewer trades.
   */
  "luck-incomplete": {
    strategyName: string;
    symbol: string;
    frameName: string;
    /** Simulations that placed fewer trades than the strategy made. */
    incompleteSimulations: number;
    simulations: number;
    /** The strategy's closed trades (what each simulation tries to place). */
    trades: number;
  };
}

/** Which fault was absorbed. */
export type WarningKind = keyof WarningDetails;

/** One absorbed fault: its kind, one readable line, and the facts of that kind. */
export type WarningContract = {
  [K in WarningKind]: {
    kind: K;
    /** One line saying what went wrong and what the library did about it. */
    message: string;
    details: WarningDetails[K];
  };
}[WarningKind];

/** Raises a warning; clients get it as a constructor param. */
export type RaiseWarning = <K extends WarningKind>(
  kind: K,
  message: string,
  details: WarningDetails[K]
) => Promise<void>;

export default WarningContract;
