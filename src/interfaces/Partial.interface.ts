import { ISignalRow } from "./Strategy.interface";

/** A milestone of the way from the entry to take-profit (profit) or to stop-loss (loss), in percent. */
export type PartialLevel = 10 | 20 | 30 | 40 | 50 | 60 | 70 | 80 | 90 | 100;

/** The milestones each open signal has reached, as the state hooks load and save them (by signal id). */
export interface IPartialData {
  profitLevels: PartialLevel[];
  lossLevels: PartialLevel[];
}

/** Tells of one milestone reached: the signal, the price then, the level, backtest or not, and when (UTC ms). */
export type PartialMilestoneFn = (
  symbol: string,
  data: ISignalRow,
  currentPrice: number,
  level: PartialLevel,
  backtest: boolean,
  timestamp: number
) => Promise<void> | void;

/** Everything a ClientPartial is built from. */
export interface IPartialParams {
  onProfit: PartialMilestoneFn;
  onLoss: PartialMilestoneFn;
  /** Reads the saved milestones of a symbol once, before the first use; absent: kept in memory only. */
  loadState?: (symbol: string) => Promise<Record<string, IPartialData>>;
  /** Saves the milestones of a symbol after each change; absent: kept in memory only. */
  saveState?: (data: Record<string, IPartialData>, symbol: string) => Promise<void>;
}

/**
 * Tracks which milestones each open signal has reached, each told once per signal. Each
 * call returns a promise to wait for, or nothing when it finished synchronously.
 */
export interface IPartial {
  /** Tells of each profit milestone up to `progressPercent` (percent of the way to take-profit) not told yet. */
  profit: (symbol: string, data: ISignalRow, currentPrice: number, progressPercent: number, backtest: boolean, when: Date) => Promise<void> | void;
  /** Tells of each loss milestone up to `progressPercent` (percent of the way to stop-loss) not told yet. */
  loss: (symbol: string, data: ISignalRow, currentPrice: number, progressPercent: number, backtest: boolean, when: Date) => Promise<void> | void;
  /** Forgets the signal's milestones (it closed). */
  clear: (symbol: string, data: ISignalRow, priceClose: number) => Promise<void> | void;
}
