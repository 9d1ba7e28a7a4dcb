import {
  IOptimizerBlindCheck,
  IOptimizerLlmSettings,
  IOptimizerRange,
  IOptimizerStrategy,
  IOptimizerTemplate,
} from "../../interfaces/Optimizer.interface";

/** Interval of the generated frames. */
const FRAME_INTERVAL = "1m";

/** Interval of the generated strategies. */
const STRATEGY_INTERVAL = "5m";

/** What the generated file is made of, besides the template and the strategies. */
export interface IFileLayout {
  /** The name prefix of everything the file registers. */
  prefix: string;
  /** The training ranges: one frame each. */
  rangeTrain: IOptimizerRange[];
  /** The test windows: one frame (and, with several, one walker) each. */
  testRanges: IOptimizerRange[];
  /** The schema's model settings, for the text and json helpers. */
  llm: IOptimizerLlmSettings;
  /** The file's default blind mode. */
  blind: boolean;
}

/** The line above a strategy in a blind file: what the check of its text found (counts only). */
const blindCheckComment = ({ dates, prices, symbols, pricesChecked }: IOptimizerBlindCheck) =>
  `// Blind mode: this strategy's text was checked for dates, ${pricesChecked ? "prices" : "prices (not told apart: no candle rows)"} ` +
  `and the symbol before it was written here: ${dates + prices + symbols === 0 ? "none found" : `${dates} date(s), ${prices} price(s), ${symbols} symbol name(s) taken out`}.`;

/** The names everything in one generated file is registered under. */
const createNames = (prefix: string, rangeCount: number) => ({
  exchangeName: `${prefix}_exchange`,
  trainFrameNames: Array.from({ length: rangeCount }, (_, i) => `${prefix}_train_frame-${i + 1}`),
  testFrameName: `${prefix}_test_frame`,
  strategyNames: Array.from({ length: rangeCount }, (_, i) => `${prefix}_strategy-${i + 1}`),
  walkerName: `${prefix}_walker`,
});

/** The names of several test windows: a frame and a walker each, and the out-of-sample report. */
const createWindowNames = (names: ReturnType<typeof createNames>, windowCount: number) => ({
  frameNames: Array.from({ length: windowCount }, (_, i) => `${names.testFrameName}-${i + 1}`),
  walkerNames: Array.from({ length: windowCount }, (_, i) => `${names.walkerName}-${i + 1}`),
  reportName: `${names.walkerName}_walk_forward`,
});

/**
 * The complete executable `.mjs` file: the template's sections in their documented order
 * (banner, dumpJson, text, json, exchange, the training frames, the test frame(s), one
 * strategy per range, the walker(s), the launcher), each followed by a blank line. With
 * several test windows: a frame and a walker per window and the walk-forward launcher.
 */
export const assembleFile = async (
  template: IOptimizerTemplate,
  symbol: string,
  strategies: IOptimizerStrategy[],
  { prefix, rangeTrain, testRanges, llm, blind }: IFileLayout
): Promise<string> => {
  const names = createNames(prefix, rangeTrain.length);
  const sections: string[] = [
    await template.getTopBanner(symbol),
    await template.getJsonDumpTemplate(symbol),
    await template.getTextTemplate(symbol, llm),
    await template.getJsonTemplate(symbol, llm, blind),
    await template.getExchangeTemplate(symbol, names.exchangeName),
  ];
  for (const [index, range] of rangeTrain.entries()) {
    sections.push(
      await template.getFrameTemplate(symbol, names.trainFrameNames[index], FRAME_INTERVAL, range.startDate, range.endDate)
    );
  }
  const windows = testRanges.length === 1 ? null : createWindowNames(names, testRanges.length);
  if (windows === null) {
    const [rangeTest] = testRanges;
    sections.push(
      await template.getFrameTemplate(symbol, names.testFrameName, FRAME_INTERVAL, rangeTest.startDate, rangeTest.endDate)
    );
  } else {
    for (const [index, range] of testRanges.entries()) {
      sections.push(
        await template.getFrameTemplate(symbol, windows.frameNames[index], FRAME_INTERVAL, range.startDate, range.endDate)
      );
    }
  }
  for (const [index, { strategy, blindCheck }] of strategies.entries()) {
    const code = await template.getStrategyTemplate(names.strategyNames[index], STRATEGY_INTERVAL, strategy, blind);
    sections.push(blindCheck === undefined ? code : `${blindCheckComment(blindCheck)}\n${code}`);
  }
  if (windows === null) {
    sections.push(
      await template.getWalkerTemplate(names.walkerName, names.exchangeName, names.testFrameName, names.strategyNames),
      await template.getLauncherTemplate(symbol, names.walkerName)
    );
  } else {
    for (const [index, walkerName] of windows.walkerNames.entries()) {
      sections.push(
        await template.getWalkerTemplate(walkerName, names.exchangeName, windows.frameNames[index], names.strategyNames)
      );
    }
    sections.push(await template.getWalkForwardLauncherTemplate(symbol, windows.walkerNames, windows.reportName));
  }
  return sections.map((section) => `${section}\n`).join("\n");
};
