import { IOptimizerStrategy } from "../../interfaces/Optimizer.interface";
import { RaiseWarning } from "../../contract/Warning.contract";
import { IPriceBand, redactBlindText } from "../../utils/blind/blindText";
import { describeRange } from "./sourcePages";

/** The candle price band of one range's rows, filled while its sources are collected. */
export interface IPriceBandBox {
  band: IPriceBand | null;
}

/**
 * A strategy with dates, prices (numbers within the range's candle price band) and the
 * symbol taken out of its text, and the counts; a "blind-strategy-redacted" warning says
 * when anything was.
 */
const redactStrategy = async (
  item: IOptimizerStrategy,
  rangeIndex: number,
  band: IPriceBand | null,
  optimizerName: string,
  warn: RaiseWarning
): Promise<IOptimizerStrategy> => {
  const { text, dates, prices, symbols } = redactBlindText(item.strategy, item.symbol, band);
  if (dates + prices + symbols > 0) {
    await warn(
      "blind-strategy-redacted",
      `optimizer ${optimizerName} ${describeRange(rangeIndex, item.range)}: blind mode took ${dates} date(s), ` +
        `${prices} price(s) and ${symbols} symbol name(s) out of the strategy text before writing it into the file`,
      { optimizerName, symbol: item.symbol, range: rangeIndex + 1, dates, prices, symbols }
    );
  }
  return { ...item, strategy: text, blindCheck: { dates, prices, symbols, pricesChecked: band !== null } };
};

/**
 * Each range's strategy redacted for blind mode, one range after another (so its
 * warnings keep range order); `bands[K]` is range K's candle price band.
 */
export const redactStrategiesInRangeOrder = async (
  strategies: IOptimizerStrategy[],
  bands: IPriceBandBox[],
  optimizerName: string,
  warn: RaiseWarning
): Promise<IOptimizerStrategy[]> => {
  const redacted: IOptimizerStrategy[] = [];
  for (const [rangeIndex, item] of strategies.entries()) {
    redacted.push(await redactStrategy(item, rangeIndex, bands[rangeIndex].band, optimizerName, warn));
  }
  return redacted;
};
