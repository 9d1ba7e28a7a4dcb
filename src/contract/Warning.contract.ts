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
   * One source of an optimizer returned no rows for a training range (a range where
   * every source is empty is an error, unless the schema sets allowEmptyRanges).
   */
  "empty-source": {
    optimizerName: string;
    symbol: string;
    sourceName: string;
    /** Which training range, from 1. */
    range: number;
    /** The range's start and end, in ms. */
    startDate: number;
    endDate: number;
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
