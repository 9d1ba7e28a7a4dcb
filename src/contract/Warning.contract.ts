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
  /** Blind mode: dates, prices or the symbol were taken out of a strategy text before it went into the file. */
  "blind-strategy-redacted": {
    optimizerName: string;
    symbol: string;
    /** The training range, from 1. */
    range: number;
    dates: number;
    prices: number;
    symbols: number;
  };
  /** askSignal was asked blind, but its messages carry what blind mode hides (said once per strategy and symbol). */
  "blind-prompt-leak": {
    strategyName: string;
    symbol: string;
    /** The tick, in ms. */
    when: number;
    /** What was found: "the symbol", "a date", "the real last close". */
    found: string[];
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
