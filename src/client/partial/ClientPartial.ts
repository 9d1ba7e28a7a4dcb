import { IPartial, IPartialData, IPartialParams, PartialLevel, PartialMilestoneFn } from "../../interfaces/Partial.interface";
import { ISignalRow } from "../../interfaces/Strategy.interface";

/** The milestones, in the order they are told. */
export const PARTIAL_LEVELS: readonly PartialLevel[] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

interface IPartialState {
  profitLevels: Set<PartialLevel>;
  lossLevels: Set<PartialLevel>;
}

/** Runs `next` after `pending` (at once when nothing is pending), keeping the order of the steps. */
const then = (pending: Promise<void> | void, next: () => Promise<void> | void): Promise<void> | void =>
  pending === undefined ? next() : pending.then(next);

/**
 * The partial profit and loss milestones of open signals: 10%, 20%, ... 100% of the way
 * from the entry to take-profit or to stop-loss, each told once per signal, in order.
 * With `loadState` and `saveState` the state is loaded per symbol before first use and
 * saved after each change; without them it lives in memory, and a call whose milestones
 * are all told synchronously returns without a promise (the backtest's hot path).
 */
export class ClientPartial implements IPartial {
  private readonly states = new Map<string, IPartialState>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly loaded = new Set<string>();

  constructor(readonly params: IPartialParams) {}

  /** Tells of each profit milestone up to `progressPercent` that the signal has not reached before. */
  public profit = (symbol: string, data: ISignalRow, currentPrice: number, progressPercent: number, backtest: boolean, when: Date) =>
    this.reach(symbol, data, currentPrice, progressPercent, backtest, when, "profitLevels", this.params.onProfit);

  /** Tells of each loss milestone up to `progressPercent` that the signal has not reached before. */
  public loss = (symbol: string, data: ISignalRow, currentPrice: number, progressPercent: number, backtest: boolean, when: Date) =>
    this.reach(symbol, data, currentPrice, Math.abs(progressPercent), backtest, when, "lossLevels", this.params.onLoss);

  /** Forgets the milestones of a closed signal. */
  public clear = (symbol: string, data: ISignalRow, _priceClose: number): Promise<void> | void =>
    then(this.load(symbol), () => (this.states.delete(data.id) ? this.save(symbol) : undefined));

  private reach = (
    symbol: string,
    data: ISignalRow,
    currentPrice: number,
    percent: number,
    backtest: boolean,
    when: Date,
    side: keyof IPartialState,
    tell: PartialMilestoneFn
  ): Promise<void> | void => {
    if (!(percent >= PARTIAL_LEVELS[0])) {
      return;
    }
    return then(this.load(symbol), () => {
      const state = this.stateOf(data.id);
      let pending: Promise<void> | void = undefined;
      let changed = false;
      for (const level of PARTIAL_LEVELS) {
        if (percent >= level && !state[side].has(level)) {
          state[side].add(level);
          changed = true;
          pending = then(pending, () => tell(symbol, data, currentPrice, level, backtest, when.getTime()));
        }
      }
      return changed ? then(pending, () => this.save(symbol)) : pending;
    });
  };

  private stateOf = (signalId: string) => {
    let state = this.states.get(signalId);
    if (state === undefined) {
      state = { profitLevels: new Set(), lossLevels: new Set() };
      this.states.set(signalId, state);
    }
    return state;
  };

  /** Loads the symbol's saved milestones once; nothing to wait for when there is no loadState or they are loaded. */
  private load = (symbol: string): Promise<void> | void => {
    const { loadState } = this.params;
    if (loadState === undefined || this.loaded.has(symbol)) {
      return;
    }
    let loading = this.loading.get(symbol);
    if (loading === undefined) {
      loading = loadState(symbol).then((data) => {
        for (const [signalId, { profitLevels, lossLevels }] of Object.entries(data)) {
          this.states.set(signalId, { profitLevels: new Set(profitLevels), lossLevels: new Set(lossLevels) });
        }
        this.loaded.add(symbol);
      });
      this.loading.set(symbol, loading);
    }
    return loading;
  };

  private save = (symbol: string): Promise<void> | void => {
    const { saveState } = this.params;
    if (saveState === undefined) {
      return;
    }
    const data: Record<string, IPartialData> = {};
    for (const [signalId, state] of this.states) {
      if (state.profitLevels.size + state.lossLevels.size > 0) {
        data[signalId] = { profitLevels: [...state.profitLevels], lossLevels: [...state.lossLevels] };
      }
    }
    return saveState(data, symbol);
  };
}

export default ClientPartial;
