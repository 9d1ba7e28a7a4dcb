import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { ISweepJobResult } from "../../../interfaces/Sweep.interface";
import { markdownTable } from "../../../utils/report/markdown";

/** A metric value to 4 decimals, or "N/A". */
const formatMetric = (value: number | null) => (value === null ? "N/A" : String(Number(value.toFixed(4))));

/** "done", "done (kept)" for a result of an earlier sweep, or "failed". */
const formatStatus = (row: ISweepJobResult) => (row.status === "done" && row.reused ? "done (kept)" : row.status);

/** "1" for one test range, else the number of walk-forward windows. */
const formatWindows = (row: ISweepJobResult) => (row.windows ? String(row.windows.length) : row.status === "done" ? "1" : "N/A");

/** One line per walk-forward job: each window's own best, then the pick on the out-of-sample total. */
const windowsLine = (row: ISweepJobResult) =>
  `- ${row.optimizerName ?? row.config} ${row.symbol}: ` +
  (row.windows ?? [])
    .map((window, index) => `window ${index + 1} best ${window.bestStrategy ?? "N/A"} (${window.metric} ${formatMetric(window.bestMetric)})`)
    .join("; ") +
  `; chosen on the out-of-sample total: ${row.bestStrategy ?? "N/A"} (${formatMetric(row.bestMetric)}%)`;

/**
 * One item under the table per failed job: what it was and its error; an error of several
 * lines (a config's file, line and caret) keeps them, in a code block under its first line.
 */
const failureLine = (row: ISweepJobResult) => {
  const [head, ...rest] = (row.error ?? "failed").split(/\r?\n/);
  const item = `- ${row.optimizerName ?? row.config} ${row.symbol}: ${head}`;
  const fence = "`".repeat(3);
  return rest.length === 0 ? item : [item, "", `  ${fence}text`, ...rest.map((line) => `  ${line}`), `  ${fence}`].join("\n");
};

/**
 * The sweep's table as markdown: one row per job (optimizer, symbol, config, best
 * strategy, the walker's metric and its value, the best strategy's trades, test windows,
 * status), in the sweep's order, then each walk-forward job's windows with their own best,
 * then each failed job's error. Every cell is escaped, so a name or
 * an error cannot split the table.
 */
export class SweepMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  /** The table of every job. */
  public formatTable = (jobs: ISweepJobResult[]): string => {
    this.loggerService.log("sweepMarkdownService formatTable", { jobs: jobs.length });
    const rows = jobs.map((row) => [
      row.optimizerName ?? "N/A",
      row.symbol,
      row.config,
      row.bestStrategy ?? "N/A",
      row.metric ?? "N/A",
      formatMetric(row.bestMetric),
      row.trades === null ? "N/A" : String(row.trades),
      formatWindows(row),
      formatStatus(row),
    ]);
    const failed = jobs.filter((row) => row.status === "failed");
    const walkForward = jobs.filter((row) => row.windows && row.windows.length > 0);
    const done = jobs.length - failed.length;
    return [
      "# Sweep",
      "",
      `${jobs.length} jobs: ${done} done, ${failed.length} failed.`,
      "",
      markdownTable(["Optimizer", "Symbol", "Config", "Best strategy", "Metric", "Value", "Trades", "Windows", "Status"], rows),
      "",
      ...(walkForward.length === 0
        ? []
        : [
            "## Walk-forward windows",
            "",
            "A walk-forward file's row is its own pick: the best out-of-sample total PNL over every window (as its walk-forward report), not the best of one window.",
            "",
            ...walkForward.map(windowsLine),
            "",
          ]),
      ...(failed.length === 0 ? [] : ["## Failed jobs", "", ...failed.map(failureLine), ""]),
    ].join("\n");
  };
}

export default SweepMarkdownService;
