import { IWalkerResults } from "../interfaces/Walker.interface";
import { ILeakCheckFigures, ILeakCheckStrategy } from "../interfaces/LeakCheck.interface";
import { formatPercent, formatSigned, markdownTable } from "./markdown";

/** Smallest PnL lead (percentage points) of the plain run that counts as much better. */
const LEAK_PNL_MARGIN = 1;

/** Share of the blind total PnL's size the plain lead must also reach to count as much better. */
const LEAK_PNL_RELATIVE_MARGIN = 0.5;

/** A strategy's figures in one run, or null when it failed there. */
const figuresOf = (results: IWalkerResults, strategyName: string): ILeakCheckFigures | null => {
  const result = results.strategyResults.find((item) => item.strategyName === strategyName);
  if (result === undefined) {
    return null;
  }
  const { totalSignals, totalPnl, winRate } = result.stats;
  return { trades: totalSignals, totalPnl, winRate };
};

/** Plain minus blind of one figure, no trades counting as 0 PnL. */
const pnlLead = (blind: ILeakCheckFigures, plain: ILeakCheckFigures) => (plain.totalPnl ?? 0) - (blind.totalPnl ?? 0);

/**
 * Each strategy of the walker side by side in the blind and the plain run. Plain does
 * much better when its total PnL leads by at least max(LEAK_PNL_MARGIN,
 * LEAK_PNL_RELATIVE_MARGIN x |blind total PnL|) percentage points.
 */
export const compareLeakRuns = (strategyNames: string[], blind: IWalkerResults, plain: IWalkerResults): ILeakCheckStrategy[] =>
  strategyNames.map((strategyName) => {
    const blindFigures = figuresOf(blind, strategyName);
    const plainFigures = figuresOf(plain, strategyName);
    if (blindFigures === null || plainFigures === null) {
      return { strategyName, blind: blindFigures, plain: plainFigures, pnlDifference: null, winRateDifference: null, plainMuchBetter: false };
    }
    const pnlDifference = pnlLead(blindFigures, plainFigures);
    const winRateDifference =
      blindFigures.winRate === null || plainFigures.winRate === null ? null : plainFigures.winRate - blindFigures.winRate;
    const margin = Math.max(LEAK_PNL_MARGIN, LEAK_PNL_RELATIVE_MARGIN * Math.abs(blindFigures.totalPnl ?? 0));
    return {
      strategyName,
      blind: blindFigures,
      plain: plainFigures,
      pnlDifference,
      winRateDifference,
      plainMuchBetter: pnlDifference >= margin,
    };
  });

/** What the comparison suggests, in words. */
export const leakVerdict = (strategies: ILeakCheckStrategy[]) => {
  const suspects = strategies.filter((item) => item.plainMuchBetter).map((item) => item.strategyName);
  if (suspects.length > 0) {
    return (
      `The plain run does much better than the blind one for ${suspects.join(", ")}: a sign that the model recognises ` +
      "the period (dates, symbol or prices) and remembers what came next. Trust the blind figures, not the plain ones."
    );
  }
  return "The plain run does not do much better than the blind one: no sign that the model recognises the period.";
};

const rate = (figures: ILeakCheckFigures | null) =>
  figures === null ? "failed" : figures.winRate === null ? "N/A" : `${figures.winRate.toFixed(2)}%`;
const trades = (figures: ILeakCheckFigures | null) => (figures === null ? "failed" : `${figures.trades}`);
const pnl = (figures: ILeakCheckFigures | null) => (figures === null ? "failed" : formatPercent(figures.totalPnl));

/** The comparison as markdown: a header, one table row per strategy, the rule and the verdict. */
export const formatLeakCheckReport = (
  title: { optimizerName: string; symbol: string; file: string },
  strategies: ILeakCheckStrategy[],
  verdict: string
) =>
  [
    `# Memorization check: ${title.optimizerName} on ${title.symbol}`,
    "",
    `**File:** ${title.file}`,
    "",
    markdownTable(
      ["Strategy", "Trades (blind)", "Trades (plain)", "Total PNL (blind)", "Total PNL (plain)", "PNL diff (pts)", "Win rate (blind)", "Win rate (plain)", "Win rate diff (pts)", "Plain much better"],
      strategies.map((item) => [
        item.strategyName,
        trades(item.blind),
        trades(item.plain),
        pnl(item.blind),
        pnl(item.plain),
        formatSigned(item.pnlDifference),
        rate(item.blind),
        rate(item.plain),
        formatSigned(item.winRateDifference),
        item.plainMuchBetter ? "YES" : "no",
      ])
    ),
    "",
    `Plain counts as much better when its total PNL leads the blind one by at least max(${LEAK_PNL_MARGIN}, ` +
      `${LEAK_PNL_RELATIVE_MARGIN} x |blind total PNL|) percentage points.`,
    "",
    `**Verdict:** ${verdict}`,
    "",
  ].join("\n");
