import WarningContract, { WarningKind } from "../../contract/Warning.contract";
import { IWarningKindSummary, IWarningSummary } from "../../interfaces/WarningSummary.interface";

/** Counts warnings by kind, keeping the first message of each. */
export const summarizeWarnings = (warnings: ReadonlyArray<WarningContract>): IWarningSummary => {
  const byKind = new Map<WarningKind, IWarningKindSummary>();
  for (const { kind, message } of warnings) {
    const seen = byKind.get(kind);
    if (seen === undefined) {
      byKind.set(kind, { kind, count: 1, first: message });
    } else {
      seen.count += 1;
    }
  }
  const kinds = [...byKind.values()];
  const lines = kinds.map(({ kind, count, first }) => `  ${kind} x${count}, first: ${first}`);
  const text = warnings.length === 0 ? "" : [`backtest-kit: ${warnings.length} warning(s)`, ...lines].join("\n");
  return { total: warnings.length, kinds, text };
};
