import { ICandleData } from "../../interfaces/Exchange.interface";
import {
  BaselineMode,
  IBaselineChatRequest,
  IBaselineParameters,
  IBaselineSignal,
} from "../../interfaces/BaselineModel.interface";
import { parseCandleLines } from "../../utils/candles/parseCandleLines";
import { lastEma, logReturns, mean, standardDeviation } from "../../utils/stats/indicators";
import { findBaselineParameters, formatBaselineParameters, DEFAULT_BASELINE_PARAMETERS } from "../../utils/baseline/baselineParameters";
import { FRAME_INTERVAL_MS, MINUTE_MS } from "../../utils/candles/intervals";
import { priceDecimals, roundPrice } from "../../utils/candles/roundPrice";
import { formatRelativeTime } from "../../utils/blind/blindFrame";

/** Fewest candles of a timeframe the strategy answer measures. */
const MIN_STRATEGY_BARS = 10;

/** |trend score| from which a span counts as trending. */
const TREND_SCORE = 1;

/** |trend score| from which the trend counts as strong (faster EMAs). */
const STRONG_TREND_SCORE = 2;

/** Minutes a position is held at most, per mode. */
const HOLD_MINUTES: Record<BaselineMode, number> = { trend: 240, reversion: 120 };

/** Take-profit as a multiple of the expected move over the holding time, per mode. */
const TAKE_PROFIT_FACTOR: Record<BaselineMode, number> = { trend: 1, reversion: 0.8 };

/** Stop-loss as a multiple of the take-profit, per mode. */
const STOP_LOSS_RATIO: Record<BaselineMode, number> = { trend: 0.6, reversion: 1 };

/** Take-profit bounds in percent: the lower one beats 0.4% of round-trip costs. */
const TAKE_PROFIT_RANGE = { min: 0.5, max: 10 };

/** Largest stop-loss in percent. */
const MAX_STOP_LOSS = 5;

/** Standard deviations from the mean that count as a stretch in reversion mode. */
const REVERSION_Z = 2;

/** Timeframe labels the signal answer prefers: entry price, main series, trend filter. */
const ENTRY_LABEL = "1m";
const MAIN_LABEL = "5m";
const FILTER_LABEL = "1h";

/** One timeframe of the candles shown. */
interface ISeries {
  label: string;
  barMinutes: number;
  candles: ICandleData[];
}

/** What the strategy answer measures on one timeframe. */
interface ISpanStatistics {
  series: ISeries;
  firstClose: number;
  lastClose: number;
  netReturnPercent: number;
  /** Standard deviation of the bar-to-bar log returns, in percent. */
  volatilityPercent: number;
  upFraction: number;
  /** Net log return / (volatility x sqrt(returns)): a random walk stays within ±1 about 2 times in 3. */
  trendScore: number;
}

/** A decision of the signal answer and the reason for it. */
interface IDecision {
  position: IBaselineSignal["position"];
  reason: string;
}

/** Rounded to 0.01. */
const round2 = (value: number) => Math.round(value * 100) / 100;

/** `value` kept within [min, max]. */
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A signed percentage with 2 decimals, e.g. "+7.58%". */
const percent = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(2)}%`;

/** A candle time as it was read: UTC ms as an ISO string, a blind time (t0 and before) as "t-5m". */
const timeLabel = (time: number) => (time <= 0 ? formatRelativeTime(-time) : new Date(time).toISOString());

/** A computed price (an average, an EMA) with the decimals of a price of its size. */
const formatLevel = (value: number) => value.toFixed(priceDecimals(value));

/** The closes of a series, oldest first. */
const closesOf = (series: ISeries) => series.candles.map((candle) => candle.close);

/** The median spacing of the candles in minutes; Infinity for fewer than two. */
const medianSpacingMinutes = (candles: ICandleData[]) => {
  const gaps = candles.slice(1).map((candle, index) => candle.timestamp - candles[index].timestamp);
  if (gaps.length === 0) {
    return Infinity;
  }
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] / MINUTE_MS;
};

/** Minutes per bar: from the label when it is a known interval, else from the spacing. */
const barMinutesOf = (label: string, candles: ICandleData[]) =>
  Object.prototype.hasOwnProperty.call(FRAME_INTERVAL_MS, label)
    ? FRAME_INTERVAL_MS[label] / MINUTE_MS
    : medianSpacingMinutes(candles);

/** Every timeframe found in the messages, finest first (ties by label). */
const seriesOf = (texts: string[]) => {
  const { series, rejected } = parseCandleLines(texts);
  const list: ISeries[] = [...series].map(([label, candles]) => ({
    label,
    barMinutes: barMinutesOf(label, candles),
    candles,
  }));
  list.sort((a, b) => a.barMinutes - b.barMinutes || (a.label < b.label ? -1 : 1));
  return { list, rejected };
};

/** The statistics of one series (at least two candles). */
const measure = (series: ISeries): ISpanStatistics => {
  const closes = closesOf(series);
  const returns = logReturns(closes);
  const volatility = standardDeviation(returns);
  const netLog = Math.log(closes[closes.length - 1] / closes[0]);
  return {
    series,
    firstClose: closes[0],
    lastClose: closes[closes.length - 1],
    netReturnPercent: (Math.exp(netLog) - 1) * 100,
    volatilityPercent: volatility * 100,
    upFraction: returns.filter((value) => value > 0).length / returns.length,
    trendScore: volatility > 0 ? netLog / (volatility * Math.sqrt(returns.length)) : 0,
  };
};

/**
 * The parameters the measured span calls for: trend mode when |trend score| >= 1 (EMA
 * 5/13 from |score| >= 2, else 9/21), reversion mode otherwise (EMA 9/21, the mean window
 * is 21); hold 240 minutes in trend mode, 120 in reversion; take-profit = the expected
 * move over the hold (volatility x sqrt(hold / bar minutes)) x 1 (trend) or x 0.8
 * (reversion), rounded to 0.01 and kept in [0.5, 10]; stop-loss = take-profit x 0.6
 * (trend) or x 1 (reversion), at most 5.
 */
const chooseParameters = (stats: ISpanStatistics): IBaselineParameters => {
  const strength = Math.abs(stats.trendScore);
  const mode: BaselineMode = strength >= TREND_SCORE ? "trend" : "reversion";
  const [fastEma, slowEma] = mode === "trend" && strength >= STRONG_TREND_SCORE ? [5, 13] : [9, 21];
  const holdMinutes = HOLD_MINUTES[mode];
  const expectedMove = stats.volatilityPercent * Math.sqrt(holdMinutes / stats.series.barMinutes);
  const takeProfitPercent = clamp(
    round2(expectedMove * TAKE_PROFIT_FACTOR[mode]),
    TAKE_PROFIT_RANGE.min,
    TAKE_PROFIT_RANGE.max
  );
  const stopLossPercent = Math.min(MAX_STOP_LOSS, round2(takeProfitPercent * STOP_LOSS_RATIO[mode]));
  return { mode, fastEma, slowEma, takeProfitPercent, stopLossPercent, holdMinutes };
};

/** Description lines: which candles were seen and what was measured on them. */
const describeSeen = (list: ISeries[], stats: ISpanStatistics) => {
  const { series } = stats;
  const others = list
    .filter((other) => other !== series)
    .map((other) => {
      const closes = closesOf(other);
      return `${other.label} (${other.candles.length} candles, ${percent((closes[closes.length - 1] / closes[0] - 1) * 100)})`;
    });
  return [
    `Seen: ${series.candles.length} ${series.label} candles from ${timeLabel(series.candles[0].timestamp)} to ` +
      `${timeLabel(series.candles[series.candles.length - 1].timestamp)}` +
      (others.length > 0 ? `; also ${others.join(", ")}.` : "."),
    `On ${series.label}: close ${stats.firstClose} -> ${stats.lastClose} (${percent(stats.netReturnPercent)}), ` +
      `volatility ${stats.volatilityPercent.toFixed(3)}% per bar (standard deviation of log returns), ` +
      `${(stats.upFraction * 100).toFixed(1)}% of bars up, trend score ${stats.trendScore.toFixed(2)} ` +
      `(net log return / (volatility x sqrt(bars)); a random walk stays within ±1 about two times in three).`,
  ];
};

/** Description lines: the reading of the statistics and the rule to trade. */
const describePlan = (stats: ISpanStatistics, parameters: IBaselineParameters) => {
  const { mode, fastEma, slowEma, takeProfitPercent, stopLossPercent, holdMinutes } = parameters;
  const direction = stats.trendScore > 0 ? "rising" : "falling";
  const reading =
    mode === "trend"
      ? `Reading: a ${direction} trend (|score| >= ${TREND_SCORE}), so follow it: trend mode` +
        (Math.abs(stats.trendScore) >= STRONG_TREND_SCORE ? ", with fast EMAs for a strong trend." : ".")
      : `Reading: no clear trend (|score| < ${TREND_SCORE}), so fade stretches from the mean: reversion mode.`;
  const rule =
    mode === "trend"
      ? `go long when EMA${fastEma} is above EMA${slowEma} and the last ${FILTER_LABEL} close is above the ` +
        `average of the ${FILTER_LABEL} closes shown; go short when both point down; otherwise wait`
      : `go long when the last close is at least ${REVERSION_Z} standard deviations below the mean of the last ` +
        `${slowEma} closes; go short when it is as far above; otherwise wait`;
  return [
    reading,
    `What to do: on the ${MAIN_LABEL} candles, ${rule}. Take profit ${takeProfitPercent}%, stop loss ` +
      `${stopLossPercent}% (scaled from the volatility over the holding time), close after ${holdMinutes} minutes ` +
      `at the latest.`,
  ];
};

/** First line of every strategy answer. */
const HEADER = "Baseline rule set: deterministic technical analysis of the candles shown, not an LLM.";

/** The answer to the strategy question: what was seen, what to do, and the parameters line. */
const answerStrategy = (texts: string[]) => {
  const { list, rejected } = seriesOf(texts);
  const skipped = rejected > 0 ? [`Skipped ${rejected} candle lines with impossible values.`] : [];
  const measured = list.find((series) => series.candles.length >= MIN_STRATEGY_BARS);
  if (measured === undefined) {
    return [
      HEADER,
      list.length === 0
        ? "No candle lines (ISO time[timeframe]: O:.. H:.. L:.. C:.. V:..) were found in the messages, so nothing was measured."
        : `No timeframe has the ${MIN_STRATEGY_BARS} candles needed to measure it, so nothing was measured.`,
      ...skipped,
      "What to do: the default parameters follow.",
      formatBaselineParameters(DEFAULT_BASELINE_PARAMETERS),
    ].join("\n");
  }
  const stats = measure(measured);
  const parameters = chooseParameters(stats);
  return [
    HEADER,
    ...describeSeen(list, stats),
    ...skipped,
    ...describePlan(stats, parameters),
    formatBaselineParameters(parameters),
  ].join("\n");
};

/**
 * The trend rule: long when the last fast EMA of the main closes is above the slow EMA
 * and the filter's last close is above the mean of the filter's closes; short when both
 * are below; otherwise wait.
 */
const decideTrend = (main: ISeries, filter: ISeries, parameters: IBaselineParameters): IDecision => {
  const closes = closesOf(main);
  const fast = lastEma(closes, parameters.fastEma);
  const slow = lastEma(closes, parameters.slowEma);
  const filterCloses = closesOf(filter);
  const filterLast = filterCloses[filterCloses.length - 1];
  const filterMean = mean(filterCloses);
  const crossing = `${main.label} EMA${parameters.fastEma} ${formatLevel(fast)} vs EMA${parameters.slowEma} ${formatLevel(slow)}`;
  const trend = `${filter.label} close ${filterLast} vs its ${filterCloses.length}-bar mean ${formatLevel(filterMean)}`;
  const reason = `${crossing}, ${trend}`;
  if (fast > slow && filterLast > filterMean) {
    return { position: "long", reason: `${reason}: both up` };
  }
  if (fast < slow && filterLast < filterMean) {
    return { position: "short", reason: `${reason}: both down` };
  }
  return { position: "wait", reason: `${reason}: no agreement` };
};

/**
 * The reversion rule: z = (last close - mean) / standard deviation of the last slowEma
 * main closes; long when z <= -2, short when z >= 2, otherwise (or when flat) wait.
 */
const decideReversion = (main: ISeries, parameters: IBaselineParameters): IDecision => {
  const window = closesOf(main).slice(-parameters.slowEma);
  const average = mean(window);
  const deviation = standardDeviation(window);
  const last = window[window.length - 1];
  if (!(deviation > 0)) {
    return { position: "wait", reason: `the last ${window.length} ${main.label} closes are flat` };
  }
  const z = (last - average) / deviation;
  const reason = `${main.label} close ${last} is ${z.toFixed(2)} standard deviations from its ${window.length}-bar mean ${formatLevel(average)}`;
  if (z <= -REVERSION_Z) {
    return { position: "long", reason: `${reason}: stretched down` };
  }
  if (z >= REVERSION_Z) {
    return { position: "short", reason: `${reason}: stretched up` };
  }
  return { position: "wait", reason: `${reason}: not stretched` };
};

/**
 * The position the parameters' rule gives on the main series, with the reason: wait when
 * it has fewer than slowEma candles. The trend filter is the 1h series, else the coarsest.
 */
const decide = (list: ISeries[], main: ISeries, parameters: IBaselineParameters): IDecision => {
  if (main.candles.length < parameters.slowEma) {
    return {
      position: "wait",
      reason: `only ${main.candles.length} ${main.label} candles, the rule needs ${parameters.slowEma}`,
    };
  }
  if (parameters.mode === "reversion") {
    return decideReversion(main, parameters);
  }
  const filter = list.find((series) => series.label === FILTER_LABEL) ?? list[list.length - 1];
  return decideTrend(main, filter, parameters);
};

/** Signal prices from the entry: take-profit and stop-loss on the side of the position (a wait as a long). */
const levelsOf = (entry: number, position: IBaselineSignal["position"], parameters: IBaselineParameters) => {
  const decimals = priceDecimals(entry);
  const priceOpen = roundPrice(entry, decimals, "nearest");
  const takeProfit = parameters.takeProfitPercent / 100;
  const stopLoss = parameters.stopLossPercent / 100;
  if (position === "short") {
    return {
      priceOpen,
      priceTakeProfit: roundPrice(priceOpen * (1 - takeProfit), decimals, "down"),
      priceStopLoss: roundPrice(priceOpen * (1 + stopLoss), decimals, "up"),
    };
  }
  return {
    priceOpen,
    priceTakeProfit: roundPrice(priceOpen * (1 + takeProfit), decimals, "up"),
    priceStopLoss: roundPrice(priceOpen * (1 - stopLoss), decimals, "down"),
  };
};

/** The answer to the signal question, as the JSON text of an IBaselineSignal. */
const answerSignal = (texts: string[]) => {
  const { parameters, problem } = findBaselineParameters(texts);
  const { list, rejected } = seriesOf(texts);
  const notes = [`baseline ${parameters.mode} rule (not an LLM)`];
  if (problem !== null) {
    notes.push(problem);
  }
  if (rejected > 0) {
    notes.push(`skipped ${rejected} candle lines with impossible values`);
  }
  if (list.length === 0) {
    const signal: IBaselineSignal = {
      position: "wait",
      note: [...notes, "no candle lines in the messages: wait"].join("; "),
      priceOpen: 0,
      priceTakeProfit: 0,
      priceStopLoss: 0,
      minuteEstimatedTime: parameters.holdMinutes,
    };
    return JSON.stringify(signal);
  }
  const main = list.find((series) => series.label === MAIN_LABEL) ?? list[0];
  const { position, reason } = decide(list, main, parameters);
  const entrySeries = list.find((series) => series.label === ENTRY_LABEL) ?? main;
  const entry = entrySeries.candles[entrySeries.candles.length - 1].close;
  const levels = levelsOf(entry, position, parameters);
  notes.push(`${reason} -> ${position}`);
  notes.push(
    `entry ${levels.priceOpen} (last ${entrySeries.label} close), ${position === "wait" ? "levels as for a long: " : ""}` +
      `take profit ${levels.priceTakeProfit}, stop loss ${levels.priceStopLoss}, at most ${parameters.holdMinutes} minutes`
  );
  const signal: IBaselineSignal = {
    position,
    note: notes.join("; "),
    ...levels,
    minuteEstimatedTime: parameters.holdMinutes,
  };
  return JSON.stringify(signal);
};

/** True when the request asks for structured output (format "json" or a JSON schema). */
const asksForJson = (format: IBaselineChatRequest["format"]) =>
  format !== undefined && format !== null && format !== "";

/**
 * The baseline "model": a transparent, deterministic technical-analysis rule set behind
 * the Ollama chat protocol, not an LLM. It reads candle lines such as
 * `2023-03-01T00:05:00.000Z[5m]: O:23150.1 H:23160 L:23140.5 C:23155 V:12.3` anywhere in
 * the messages, or their blind form (`t-5m[5m]: O:99.87 ...`, prices as percent of the
 * last close): every rule reads ratios, so both forms of the same candles give the same
 * decisions and the same levels relative to the entry. Without `format` it answers the strategy question: a description of the
 * data ending with a `BASELINE PARAMETERS:` line. With `format` it answers the signal
 * question: the JSON of a signal the last such line's rule gives for the candles. No
 * clock, no randomness: the same messages always get the same answer.
 */
export class ClientBaselineModel {
  /** The assistant's content for an Ollama chat request. */
  public answer = (request: IBaselineChatRequest): string => {
    const texts = request.messages.map((message) => message.content ?? "");
    return asksForJson(request.format) ? answerSignal(texts) : answerStrategy(texts);
  };
}

export default ClientBaselineModel;
