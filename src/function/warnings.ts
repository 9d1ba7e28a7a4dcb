import { listenWarning } from "./event";
import WarningContract from "../contract/Warning.contract";
import { summarizeWarnings } from "../utils/report/summarizeWarnings";
import { IWarningCollector } from "../interfaces/WarningSummary.interface";

/**
 * Collects every warning from now on (through listenWarning) to summarize them at the
 * end: counts by kind and the first message of each. The library prints nothing
 * itself; a launcher prints `stop().text` when it is not empty.
 *
 * @example
 * const warnings = collectWarnings();
 * // ... run backtests ...
 * const { text } = warnings.stop();
 * if (text) console.error(text);
 */
export const collectWarnings = (): IWarningCollector => {
  const collected: WarningContract[] = [];
  const unsubscribe = listenWarning((warning) => {
    collected.push(warning);
  });
  return {
    summary: () => summarizeWarnings(collected),
    stop: () => {
      unsubscribe();
      return summarizeWarnings(collected);
    },
  };
};
