import { IWalkerResults } from "../../interfaces/Walker.interface";
import { ILeakCheckFigures, ILeakCheckStrategy, ILeakCheckWindow } from "../../interfaces/LeakCheck.interface";
import { formatPercent, formatSigned, markdownTable } from "../report/markdown";

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

/** A strategy's figures summed over every window's run, or null when it failed in any window. */
const totalFiguresOf = (windows: IWalkerResults[], strategyName: string): ILeakCheckFigures | null => {
  const found = windows.map((results) => results.strategyResults.find((item) => item.strategyName === strategyName));
  if (found.some((result) => result === undefined)) {
    return null;
  }
  const stats = found.map((result) => result!.stats);
  const trades = stats.reduce((sum, item) => sum + item.totalSignals, 0);
  const wins = stats.reduce((sum, item) => sum + item.winCount, 0);
  const totalPnl = stats.every((item) => item.totalPnl === null)
    ? null
    : stats.reduce((sum, item) => sum + (item.totalPnl ?? 0), 0);
  return { trades, totalPnl, winRate: trades === 0 ? null : (wins / trades) * 100 };
};

/** Plain minus blind of one figure, no trades counting as 0 PnL. */
const pnlLead = (blind: ILeakCheckFigures, plain: ILeakCheckFigures) => (plain.totalPnl ?? 0) - (blind.totalPnl ?? 0);

/**
 * One strategy side by side. Plain does much better when its total PnL leads by at least
 * max(LEAK_PNL_MARGIN, LEAK_PNL_RELATIVE_MARGIN x |blind total PnL|) percentage points.
 */
const compareFigures = (
  strategyName: string,
  blindFigures: ILeakCheckFigures | null,
  plainFigures: ILeakCheckFigures | null
): ILeakCheckStrategy => {
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
};

/** Each strategy of the walker side by side in the blind and the plain run (see compareFigures). */
export const compareLeakRuns = (strategyNames: string[], blind: IWalkerResults, plain: IWalkerResults): ILeakCheckStrategy[] =>
  strategyNames.map((strategyName) =>
    compareFigures(strategyName, figuresOf(blind, strategyName), figuresOf(plain, strategyName))
  );

/**
 * Each strategy side by side over all test windows: trades, total PnL and wins summed
 * over the windows' runs (blind and plain, in window order); a strategy that failed in a
 * window has no total.
 */
export const compareLeakTotals = (strategyNames: string[], blind: IWalkerResults[], plain: IWalkerResults[]): ILeakCheckStrategy[] =>
  strategyNames.map((strategyName) =>
    compareFigures(strategyName, totalFiguresOf(blind, strategyName), totalFiguresOf(plain, strategyName))
  );

/** The verdict naming `suspects` (strategies, with where they did much better), or the all-clear. */
const verdictFor = (suspects: string[]) => {
  if (suspects.length > 0) {
    return (
      `The plain run does much better than the blind one for ${suspects.join(", ")}: a sign that the model recognises ` +
      "the period (dates, symbol or prices) and remembers what came next. Trust the blind figures, not the plain ones."
    );
  }
  return "The plain run does not do much better than the blind one: no sign that the model recognises the period.";
};

/** Dates, prices and symbol names counted in the training conversations. */
export interface IConversationFindings {
  dates: number;
  prices: number;
  symbols: number;
}

/**
 * The verdict with what the training conversations carried said first: when they named
 * dates, prices or the symbol, the model saw the period while writing the strategies, and
 * no all-clear is given (both runs use strategies written with that knowledge).
 */
export const withConversationFindings = (verdict: string, found: IConversationFindings | null) => {
  if (found === null || found.dates + found.prices + found.symbols === 0) {
    return verdict;
  }
  const carried =
    `The training conversation carried ${found.dates} date(s), ${found.prices} price(s) and ${found.symbols} symbol name(s): ` +
    "the model saw the period while writing the strategies, so this check cannot clear them; format the sources' rows with formatCandlesBlind.";
  const cleared = verdict.startsWith("The plain run does not do much better");
  return cleared ? `${carried} The runs themselves differ little, which says nothing about what the model already knew.` : `${carried} ${verdict}`;
};

/** What the comparison suggests, in words. */
export const leakVerdict = (strategies: ILeakCheckStrategy[]) =>
  verdictFor(strategies.filter((item) => item.plainMuchBetter).map((item) => item.strategyName));

/**
 * What a comparison over several test windows suggests: each strategy that did much
 * better plain over all windows or in any one window, with where.
 */
export const leakWindowsVerdict = (total: ILeakCheckStrategy[], windows: ILeakCheckStrategy[][]) =>
  verdictFor(
    total.flatMap(({ strategyName, plainMuchBetter }) => {
      const places = [
        ...(plainMuchBetter ? ["over all windows"] : []),
        ...windows.flatMap((strategies, index) =>
          strategies.some((item) => item.strategyName === strategyName && item.plainMuchBetter) ? [`window ${index + 1}`] : []
        ),
      ];
      return places.length === 0 ? [] : [`${strategyName} (${places.join(", ")})`];
    })
  );

const rate = (figures: ILeakCheckFigures | null) =>
  figures === null ? "failed" : figures.winRate === null ? "N/A" : `${figures.winRate.toFixed(2)}%`;
const trades = (figures: ILeakCheckFigures | null) => (figures === null ? "failed" : `${figures.trades}`);
const pnl = (figures: ILeakCheckFigures | null) => (figures === null ? "failed" : formatPercent(figures.totalPnl));

/** One table row per strategy: trades, total PnL and win rate, blind, plain and the differences. */
const leakTable = (strategies: ILeakCheckStrategy[]) =>
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
  );

/** What the leak check reports are about. */
interface ILeakCheckTitle {
  optimizerName: string;
  symbol: string;
  file: string;
}

const RULE = `its total PNL leads the blind one by at least max(${LEAK_PNL_MARGIN}, ${LEAK_PNL_RELATIVE_MARGIN} x |blind total PNL|) percentage points.`;

const heading = (title: ILeakCheckTitle) => [`# Memorization check: ${title.optimizerName} on ${title.symbol}`, "", `**File:** ${title.file}`, ""];

/** The comparison as markdown: a header, one table row per strategy, the rule and the verdict. */
export const formatLeakCheckReport = (title: ILeakCheckTitle, strategies: ILeakCheckStrategy[], verdict: string) =>
  [...heading(title), leakTable(strategies), "", `Plain counts as much better when ${RULE}`, "", `**Verdict:** ${verdict}`, ""].join("\n");

/**
 * The comparison of a file with several test windows as markdown: the totals over all
 * windows, then one table per window (its dates and walker), the rule and the verdict.
 */
export const formatLeakCheckWindowsReport = (
  title: ILeakCheckTitle,
  total: ILeakCheckStrategy[],
  windows: ILeakCheckWindow[],
  verdict: string
) =>
  [
    ...heading(title),
    `**Test windows:** ${windows.length} (trades, total PNL and wins summed over the windows; a strategy that failed in a window has no total)`,
    "",
    "## All windows",
    "",
    leakTable(total),
    "",
    ...windows.flatMap((window) => [
      `## Window ${window.window}: ${window.startDate.toISOString()} - ${window.endDate.toISOString()} (${window.walkerName})`,
      "",
      leakTable(window.strategies),
      "",
    ]),
    `Plain counts as much better, over all windows or in one, when ${RULE}`,
    "",
    `**Verdict:** ${verdict}`,
    "",
  ].join("\n");
