import { WarningKind } from "../contract/Warning.contract";

/** How often one kind of warning was raised, and its first message. */
export interface IWarningKindSummary {
  kind: WarningKind;
  count: number;
  /** The message of the first warning of this kind. */
  first: string;
}

/** Warnings counted by kind, in the order each kind first came, and as short text. */
export interface IWarningSummary {
  total: number;
  kinds: IWarningKindSummary[];
  /**
   * "backtest-kit: N warning(s)" and one line per kind: "  KIND xCOUNT, first: MESSAGE";
   * "" when there were none.
   */
  text: string;
}

/** Warnings being collected since collectWarnings was called. */
export interface IWarningCollector {
  /** The summary of the warnings collected so far. */
  summary: () => IWarningSummary;
  /** Stops collecting and returns the summary of everything collected. */
  stop: () => IWarningSummary;
}
