import { ICandleData } from "../../interfaces/Exchange.interface";
import { ILuckTest, ILuckTrade } from "../../interfaces/Benchmark.interface";
import { IStrategyTickResultClosed } from "../../interfaces/Strategy.interface";
import { computePnl } from "../engine/computePnl";
import { createRandom } from "./random";
import { lowerBound } from "../lowerBound";
import { resolveOpenSignal } from "../engine/resolveOpenSignal";
import { volumeWeightedPrice } from "../candles/volumeWeightedPrice";
import { tickAfterClose } from "../engine/frameTicks";
import { MINUTE_MS } from "../candles/intervals";

/** The settled inputs of a luck test (every option has its value). */
export interface ILuckTestInput {
  trades: IStrategyTickResultClosed[];
  candles: ICandleData[];
  startTimestamp: number;
  tickMs: number;
  tickCount: number;
  seed: number;
  simulations: number;
  feePercent: number;
  slippagePercent: number;
  avgPriceCandlesCount: number;
  onTrade?: (trade: ILuckTrade) => void;
}

/** A strategy trade as the simulations replay it: side, relative distances, lifetime, usual ticks. */
interface ITradeShape {
  long: boolean;
  takeProfitRatio: number;
  stopLossRatio: number;
  minuteEstimatedTime: number;
  /** Ticks the placement reserves for it (see reserveTicks). */
  ticks: number;
}

/**
 * time -> index of the first candle opening at or after it: arithmetic when the candles
 * are one minute apart without a gap (the usual case), else a binary search.
 */
const createCandleIndex = (candles: ICandleData[]) => {
  const count = candles.length;
  const first = count === 0 ? 0 : candles[0].timestamp;
  const contiguous = count === 0 || candles[count - 1].timestamp - first === (count - 1) * MINUTE_MS;
  if (!contiguous) {
    return (time: number) => lowerBound(candles, time);
  }
  return (time: number) => Math.min(count, Math.max(0, Math.ceil((time - first) / MINUTE_MS)));
};

/** p-values at or below this tell a strategy from luck. */
const LUCK_SIGNIFICANCE = 0.05;

const toShape = (trade: IStrategyTickResultClosed): ITradeShape => {
  const { position, priceOpen, priceTakeProfit, priceStopLoss, minuteEstimatedTime } = trade.signal;
  return {
    long: position === "long",
    takeProfitRatio: priceTakeProfit / priceOpen,
    stopLossRatio: priceStopLoss / priceOpen,
    minuteEstimatedTime,
    ticks: 0,
  };
};

const ticksOf = (ms: number, tickMs: number) => Math.max(1, Math.ceil(ms / tickMs));

/**
 * What the placement reserves per trade: its whole lifetime when all lifetimes fit in
 * the frame (then no simulation can run out of frame), else the time the strategy's
 * own trade took (a simulated trade that lasts longer may then push the last ones out).
 */
const reserveTicks = (shapes: ITradeShape[], trades: IStrategyTickResultClosed[], tickMs: number, tickCount: number) => {
  const lifetimes = shapes.map((shape) => ticksOf(shape.minuteEstimatedTime * MINUTE_MS, tickMs));
  const fits = lifetimes.reduce((sum, ticks) => sum + ticks, 0) <= tickCount;
  shapes.forEach((shape, index) => {
    const { closeTimestamp, signal } = trades[index];
    shape.ticks = fits ? lifetimes[index] : ticksOf(closeTimestamp - signal.pendingAt, tickMs);
  });
};

/** Fisher-Yates shuffle of `order` in place. */
const shuffle = (order: Int32Array, random: () => number) => {
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const kept = order[index];
    order[index] = order[other];
    order[other] = kept;
  }
};

/** The median of totals (sorted in place). */
const median = (totals: Float64Array) => {
  totals.sort();
  const middle = totals.length >> 1;
  return totals.length % 2 === 1 ? totals[middle] : (totals[middle - 1] + totals[middle]) / 2;
};

/**
 * One simulated trade entering at `when` at the engine's average price (VWAP of the
 * closed 1m candles before it), resolved on the 1m candles of its lifetime by the
 * engine's rule; null when no candle precedes the tick.
 */
const simulateTrade = (input: ILuckTestInput, indexOf: (time: number) => number, shape: ITradeShape, when: number) => {
  const { candles } = input;
  const minute = Math.floor(when / MINUTE_MS) * MINUTE_MS;
  const priceFrom = indexOf(minute - input.avgPriceCandlesCount * MINUTE_MS);
  const priceTo = indexOf(minute);
  if (priceTo <= priceFrom) {
    return null;
  }
  const priceOpen = volumeWeightedPrice(candles, priceFrom, priceTo);
  const watchStart = Math.ceil(when / MINUTE_MS) * MINUTE_MS;
  const signal = {
    position: shape.long ? ("long" as const) : ("short" as const),
    priceOpen,
    priceTakeProfit: priceOpen * shape.takeProfitRatio,
    priceStopLoss: priceOpen * shape.stopLossRatio,
    pendingAt: when,
    minuteEstimatedTime: shape.minuteEstimatedTime,
  };
  const outcome = resolveOpenSignal(
    signal,
    candles,
    indexOf(watchStart),
    indexOf(watchStart + shape.minuteEstimatedTime * MINUTE_MS)
  );
  const { pnlPercentage } = computePnl(signal.position, priceOpen, outcome.priceClose, input.feePercent, input.slippagePercent);
  return { signal, outcome, pnlPercentage };
};

/**
 * One simulation: the trades in `order`, each entering at a random tick at or after the
 * previous one's close (the engine's next tick), never overlapping. Entry gaps are drawn
 * as sorted uniform points over the slack the strategy's own durations leave (the
 * smallest of k uniforms, one at a time), so entries spread over the whole frame.
 * Returns the total PnL and whether every trade found a tick in the frame.
 */
const runSimulation = (
  input: ILuckTestInput,
  indexOf: (time: number) => number,
  shapes: ITradeShape[],
  order: Int32Array,
  simulation: number,
  random: () => number
) => {
  const { startTimestamp, tickMs, tickCount } = input;
  const count = order.length;
  let reserved = 0;
  for (let index = 0; index < count - 1; index++) {
    reserved += shapes[order[index]].ticks;
  }
  let cursor = 0;
  let total = 0;
  for (let index = 0; index < count; index++) {
    const shape = shapes[order[index]];
    const slack = tickCount - 1 - cursor - reserved;
    const gap = slack > 0 ? Math.floor(slack * (1 - Math.pow(random(), 1 / (count - index)))) : 0;
    const tick = cursor + gap;
    if (tick >= tickCount) {
      return { total, complete: false };
    }
    const when = startTimestamp + tick * tickMs;
    const trade = simulateTrade(input, indexOf, shape, when);
    if (trade === null) {
      return { total, complete: false };
    }
    total += trade.pnlPercentage;
    input.onTrade?.({
      simulation,
      ...trade.signal,
      ...trade.outcome,
      pnlPercentage: trade.pnlPercentage,
    });
    if (index < count - 1) {
      reserved -= shape.ticks;
    }
    cursor = tickAfterClose(startTimestamp, tickMs, tick, trade.outcome.closeTimestamp);
  }
  return { total, complete: true };
};

/**
 * The random-entry baseline of a strategy's trades (see ILuckTest); null without trades.
 * Deterministic for a seed: the same inputs and seed give the same numbers.
 */
export const computeLuckTest = (input: ILuckTestInput): ILuckTest | null => {
  const { trades, simulations, seed } = input;
  if (trades.length === 0 || simulations === 0) {
    return null;
  }
  const shapes = trades.map(toShape);
  reserveTicks(shapes, trades, input.tickMs, input.tickCount);
  const strategyTotalPnl = trades.reduce((sum, trade) => sum + trade.pnl.pnlPercentage, 0);
  const random = createRandom(seed);
  const indexOf = createCandleIndex(input.candles);
  const order = Int32Array.from(shapes.keys());
  const totals = new Float64Array(simulations);
  let below = 0;
  let atLeast = 0;
  let incompleteSimulations = 0;
  for (let simulation = 0; simulation < simulations; simulation++) {
    shuffle(order, random);
    const { total, complete } = runSimulation(input, indexOf, shapes, order, simulation, random);
    totals[simulation] = total;
    below += total < strategyTotalPnl ? 1 : 0;
    atLeast += total >= strategyTotalPnl ? 1 : 0;
    incompleteSimulations += complete ? 0 : 1;
  }
  const pValue = (1 + atLeast) / (1 + simulations);
  return {
    seed,
    simulations,
    trades: trades.length,
    strategyTotalPnl,
    medianTotalPnl: median(totals),
    percentile: (below / simulations) * 100,
    pValue,
    beatsLuck: pValue <= LUCK_SIGNIFICANCE,
    incompleteSimulations,
  };
};
