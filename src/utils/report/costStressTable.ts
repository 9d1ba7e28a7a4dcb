import { ICostStress } from "../../interfaces/Overfitting.interface";
import { formatPercent, formatRatio, markdownTable } from "./markdown";

/** "yes", "no" or "N/A" (no pick). */
const yesNo = (value: boolean, known: boolean) => (known ? (value ? "yes" : "no") : "N/A");

/** The cost stress verdict in one sentence: at which multiple the pick stops being best or profitable. */
export const describeCostStress = (stress: ICostStress | null): string => {
  if (stress === null || stress.pick === null) {
    return "Cost stress test: N/A (no pick)";
  }
  const lostBest = stress.scenarios.find((scenario) => !scenario.pickStaysBest);
  const lostProfit = stress.scenarios.find((scenario) => !scenario.pickProfitable);
  const best = lostBest === undefined ? "stays best at 3x fees and slippage" : `stops being best at ${lostBest.multiplier}x (${lostBest.bestStrategy ?? "none"} is)`;
  const profit = lostProfit === undefined ? "stays profitable at 3x" : `is not profitable at ${lostProfit.multiplier}x`;
  return `Cost stress test: ${stress.pick} ${best} and ${profit}`;
};

/**
 * The cost stress section of a markdown report: per multiple of the fees and slippage,
 * the best strategy, whether the pick stays best and profitable, and every strategy's
 * total PnL and metric at 1x / 2x / 3x.
 */
export const costStressSection = (stress: ICostStress | null, metric: string): string[] => {
  if (stress === null) {
    return ["## Cost Stress Test", "", "N/A (no strategy completed).", ""];
  }
  const known = stress.pick !== null;
  const scenarioRows = stress.scenarios.map((scenario) => [
    `${scenario.multiplier}x`,
    `${scenario.feePercent}%`,
    `${scenario.slippagePercent}%`,
    scenario.bestStrategy ?? "N/A",
    yesNo(scenario.pickStaysBest, known),
    formatPercent(scenario.pickTotalPnl),
    yesNo(scenario.pickProfitable, known),
  ]);
  const strategyRows = stress.strategies.map((strategy) => [
    strategy.strategyName,
    ...strategy.totalPnl.map(formatPercent),
    ...strategy.metricValue.map(formatRatio),
  ]);
  const multiples = stress.scenarios.map((scenario) => `${scenario.multiplier}x`);
  return [
    "## Cost Stress Test",
    "",
    `${describeCostStress(stress)}. Every trade re-priced with the fees and slippage multiplied (the same entries and exits, no new model calls).`,
    "",
    markdownTable(["Costs", "Fee per leg", "Slippage per leg", `Best by ${metric}`, `${stress.pick ?? "Pick"} stays best`, "Its total PNL", "Still profitable"], scenarioRows),
    "",
    markdownTable(["Strategy", ...multiples.map((m) => `Total PNL ${m}`), ...multiples.map((m) => `${metric} ${m}`)], strategyRows),
    "",
  ];
};
