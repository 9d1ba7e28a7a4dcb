import { addExchange, addFrame, addStrategy } from "../../build/index.mjs";
import { createSeriesExchange } from "./series.mjs";
import { uniqueName } from "./optimizer.mjs";

/**
 * Registers an exchange over the real series, a 1m frame from `start` to `end` (ISO
 * strings) and a 1h strategy with `getSignal`, under fresh names starting with `label`;
 * returns the names, ready for Backtest.run.
 */
export const addSeriesBacktest = (label, start, end, getSignal) => {
  const names = { exchangeName: uniqueName(`${label}-ex`), frameName: uniqueName(`${label}-frame`), strategyName: uniqueName(label) };
  addExchange(createSeriesExchange(names.exchangeName));
  addFrame({ frameName: names.frameName, interval: "1m", startDate: new Date(start), endDate: new Date(end) });
  addStrategy({ strategyName: names.strategyName, interval: "1h", getSignal });
  return names;
};
