import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { ISweepJobResult } from "../../../interfaces/Sweep.interface";
import { markdownTable } from "../../../utils/report/markdown";

/** A metric value to 4 decimals, or "N/A". */
const formatMetric = (value: number | null) => (value === null ? "N/A" : String(Number(value.toFixed(4))));

/** "done", "done (kept)" for a result of an earlier sweep, or "failed". */
const formatStatus = (row: ISweepJobResult) => (row.status === "done" && row.reused ? "done (kept)" : row.status);

/** One line under the table per failed job: what it was and its error. */
const failureLine = (row: ISweepJobResult) => `- ${row.optimizerName ?? row.config} ${row.symbol}: ${row.error?.replace(/\r?\n/g, " ") ?? "failed"}`;

/**
 * The sweep's table as markdown: one row per job (optimizer, symbol, config, best
 * strategy, the walker's metric and its value, the best strategy's trades, status), in
 * the sweep's order, then each failed job's error. Every cell is escaped, so a name or
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
      formatStatus(row),
    ]);
    const failed = jobs.filter((row) => row.status === "failed");
    const done = jobs.length - failed.length;
    return [
      "# Sweep",
      "",
      `${jobs.length} jobs: ${done} done, ${failed.length} failed.`,
      "",
      markdownTable(["Optimizer", "Symbol", "Config", "Best strategy", "Metric", "Value", "Trades", "Status"], rows),
      "",
      ...(failed.length === 0 ? [] : ["## Failed jobs", "", ...failed.map(failureLine), ""]),
    ].join("\n");
  };
}

export default SweepMarkdownService;
