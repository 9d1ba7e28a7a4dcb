/** What the plain-words verdict of a comparison is made of. */
export interface IVerdictInput {
  /** The chosen strategy, null when none could be chosen. */
  bestStrategy: string | null;
  /** Its total PnL in percent over the test range (or the out-of-sample total); null without trades. */
  bestPnl: number | null;
  /** Buy-and-hold over the same range, in percent; null without candles. */
  buyAndHoldPnl: number | null;
}

/** "2.83%": a magnitude to 2 decimals. */
const magnitude = (value: number) => `${Math.abs(value).toFixed(2)}%`;

/** "gained 3.46%", "lost 2.83%" or "ended flat". */
const movement = (value: number) => (value > 0 ? `gained ${magnitude(value)}` : value < 0 ? `lost ${magnitude(value)}` : "ended flat");

/** One sentence of a verdict; `uncomfortable` marks bad news (shown as a warning). */
export interface IVerdictSentence {
  text: string;
  uncomfortable: boolean;
}

/**
 * The uncomfortable part of a comparison in plain words, first: "The best strategy lost
 * money" when its total is below 0, "It did worse than buy-and-hold" when buy-and-hold did
 * better; otherwise the plain news, and a sentence when no strategy could be chosen or the
 * chosen one made no trade.
 * Sentences only (no markup): the markdown, the HTML report and the console show them.
 */
export const judgeBest = ({ bestStrategy, bestPnl, buyAndHoldPnl }: IVerdictInput): IVerdictSentence[] => {
  if (bestStrategy === null) {
    return [{ text: "No strategy could be chosen (none has a value of the metric): there is no result to trust yet.", uncomfortable: true }];
  }
  if (bestPnl === null) {
    return [{ text: `The best strategy, ${bestStrategy}, made no trade: there is no result to trust yet.`, uncomfortable: true }];
  }
  const sentences: IVerdictSentence[] = [
    bestPnl < 0
      ? { text: `The best strategy lost money: ${bestStrategy} lost ${magnitude(bestPnl)}.`, uncomfortable: true }
      : { text: `The best strategy, ${bestStrategy}, ${movement(bestPnl)}.`, uncomfortable: false },
  ];
  if (buyAndHoldPnl !== null) {
    const worse = bestPnl < buyAndHoldPnl;
    sentences.push({
      text: `It did ${worse ? "worse" : "better"} than buy-and-hold, which ${movement(buyAndHoldPnl)} over the same range.`,
      uncomfortable: worse,
    });
  }
  return sentences;
};

/** The verdict's sentences as text (see judgeBest). */
export const verdictSentences = (input: IVerdictInput): string[] => judgeBest(input).map((sentence) => sentence.text);
