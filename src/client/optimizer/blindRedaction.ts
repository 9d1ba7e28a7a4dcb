import { IOptimizerStrategy } from "../../interfaces/Optimizer.interface";
import { MessageModel } from "../../interfaces/Message.interface";
import { RaiseWarning } from "../../contract/Warning.contract";
import { IPriceBand, redactBlindText } from "../../utils/blind/blindText";
import { describeRange } from "./sourcePages";

/** The candle price band of one range's rows, filled while its sources are collected. */
export interface IPriceBandBox {
  band: IPriceBand | null;
}

/** Dates, prices and symbol names in the user messages of a training conversation (what the model read). */
const countConversationFindings = (messages: MessageModel[], symbol: string, band: IPriceBand | null) =>
  messages
    .filter((message) => message.role === "user")
    .map((message) => redactBlindText(message.content, symbol, band))
    .reduce(
      (sum, found) => ({ dates: sum.dates + found.dates, prices: sum.prices + found.prices, symbols: sum.symbols + found.symbols }),
      { dates: 0, prices: 0, symbols: 0 }
    );

/**
 * A strategy with dates, prices (numbers within the range's candle price band) and the
 * symbol taken out of its text, and the counts; a "blind-strategy-redacted" warning says
 * when anything was. The training conversation is counted too (it cannot be changed: the
 * model has read it), and a "blind-conversation-leak" warning says when it carried dates,
 * prices or the symbol.
 */
const redactStrategy = async (
  item: IOptimizerStrategy,
  rangeIndex: number,
  band: IPriceBand | null,
  optimizerName: string,
  warn: RaiseWarning
): Promise<IOptimizerStrategy> => {
  const where = `optimizer ${optimizerName} ${describeRange(rangeIndex, item.range)}`;
  const conversation = countConversationFindings(item.messages, item.symbol, band);
  if (conversation.dates + conversation.prices + conversation.symbols > 0) {
    await warn(
      "blind-conversation-leak",
      `${where}: the training conversation carried ${conversation.dates} date(s), ${conversation.prices} price(s) and ` +
        `${conversation.symbols} symbol name(s), so the model saw the period while writing the strategy; ` +
        "format the sources' rows with formatCandlesBlind",
      { optimizerName, symbol: item.symbol, range: rangeIndex + 1, ...conversation }
    );
  }
  const { text, dates, prices, symbols } = redactBlindText(item.strategy, item.symbol, band);
  if (dates + prices + symbols > 0) {
    await warn(
      "blind-strategy-redacted",
      `${where}: blind mode took ${dates} date(s), ` +
        `${prices} price(s) and ${symbols} symbol name(s) out of the strategy text before writing it into the file`,
      { optimizerName, symbol: item.symbol, range: rangeIndex + 1, dates, prices, symbols }
    );
  }
  return { ...item, strategy: text, blindCheck: { dates, prices, symbols, pricesChecked: band !== null, conversation } };
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
