import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { ISweepJobResult } from "../../../interfaces/Sweep.interface";
import { markdownTable } from "../../../utils/report/markdown";
import { deflateAcrossJobs } from "../../../utils/stats/overfittingOdds";
import { ILlmUsage } from "../../../interfaces/LlmUsage.interface";
import { formatUsd } from "../../../utils/llm/llmUsage";

/** A metric value to 4 decimals, or "N/A". */
const formatMetric = (value: number | null) => (value === null ? "N/A" : String(Number(value.toFixed(4))));

/** "done", "done (kept)" for a result of an earlier sweep, or "failed". */
const formatStatus = (row: ISweepJobResult) => (row.status === "done" && row.reused ? "done (kept)" : row.status);

/** A probability to 3 decimals with its percent, or "N/A". */
const formatOdds = (value: number | null | undefined) =>
  value === null || value === undefined ? "N/A" : `${value.toFixed(3)} (${Math.round(value * 100)}%)`;

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

/** The model-call columns of the table: requests sent, answered from the cache, tokens, cost. */
const LLM_USAGE_HEADERS = ["LLM sent", "LLM cached", "Tokens (prompt + completion)", "LLM cost (USD)"];

const formatCost = (usage: ILlmUsage) => (usage.costUsd === null ? "no price set" : formatUsd(usage.costUsd));

/** A job's model-call cells, "N/A" when it has no counts (failed, or kept from a sweep before them). */
const llmUsageCells = (row: ISweepJobResult): string[] => {
  const usage = row.llmUsage ?? null;
  if (usage === null) {
    return LLM_USAGE_HEADERS.map(() => "N/A");
  }
  return [String(usage.sent), String(usage.cached), `${usage.promptTokens} + ${usage.completionTokens}`, formatCost(usage)];
};

/** The sentence under the table: the model calls of the jobs run now (not those kept), summed. */
const llmUsageLine = (jobs: ISweepJobResult[]): string[] => {
  const counted = jobs.filter((row) => !row.reused && row.llmUsage);
  if (counted.length === 0) {
    return [];
  }
  const sum = (pick: (usage: ILlmUsage) => number) => counted.reduce((total, row) => total + pick(row.llmUsage as ILlmUsage), 0);
  const priced = counted.filter((row) => row.llmUsage?.costUsd !== null);
  const cost = priced.length === 0 ? "no price set (CC_LLM_PRICES)" : `${formatUsd(sum((usage) => usage.costUsd ?? 0))} USD at the price table`;
  const partly = priced.length > 0 && priced.length < counted.length ? ` (${counted.length - priced.length} jobs without a price)` : "";
  return [
    `Model calls of the ${counted.length} jobs run now: ${sum((usage) => usage.sent)} sent, ${sum((usage) => usage.cached)} answered from the cache, ` +
      `${sum((usage) => usage.promptTokens)} prompt + ${sum((usage) => usage.completionTokens)} completion tokens; cost: ${cost}${partly}.`,
    "",
  ];
};

/**
 * The sweep's table as markdown: one row per job (optimizer, symbol, config, best
 * strategy, the walker's metric and its value, the best strategy's trades, test windows,
 * its deflated Sharpe ratio against every strategy the sweep tried on the symbol, the job's
 * PBO, status, and what its model calls cost: sent, cached, tokens, USD), in the sweep's
 * order, then the jobs' model calls summed, then each walk-forward job's windows with their
 * own best, then each failed job's error. Every cell is escaped, so a name or
 * an error cannot split the table.
 */
export class SweepMarkdownService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  /** The table of every job. */
  public formatTable = (jobs: ISweepJobResult[]): string => {
    this.loggerService.log("sweepMarkdownService formatTable", { jobs: jobs.length });
    const { deflated, trialsBySymbol } = deflateAcrossJobs(jobs);
    const rows = jobs.map((row, index) => [
      row.optimizerName ?? "N/A",
      row.symbol,
      row.config,
      row.bestStrategy ?? "N/A",
      row.metric ?? "N/A",
      formatMetric(row.bestMetric),
      row.trades === null ? "N/A" : String(row.trades),
      formatWindows(row),
      formatOdds(deflated[index]),
      formatOdds(row.pbo),
      formatStatus(row),
      ...llmUsageCells(row),
    ]);
    const trials = trialsBySymbol.map(({ symbol, trials }) => `${symbol}: ${trials}`).join(", ");
    const failed = jobs.filter((row) => row.status === "failed");
    const walkForward = jobs.filter((row) => row.windows && row.windows.length > 0);
    const done = jobs.length - failed.length;
    return [
      "# Sweep",
      "",
      `${jobs.length} jobs: ${done} done, ${failed.length} failed.`,
      "",
      markdownTable(
        ["Optimizer", "Symbol", "Config", "Best strategy", "Metric", "Value", "Trades", "Windows", "Deflated Sharpe", "PBO", "Status", ...LLM_USAGE_HEADERS],
        rows
      ),
      "",
      `Deflated Sharpe: the chance that the job's best strategy has a real edge (true Sharpe ratio above 0) once every strategy the sweep tried on its symbol is allowed for (trials ${trials === "" ? "N/A" : trials}). ` +
        "PBO: the chance that picking the job's best strategy among its own was overfitting (its walker's strategies on its test range).",
      "",
      ...llmUsageLine(jobs),
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
