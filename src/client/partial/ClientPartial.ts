import { IPartial, IPartialData, IPartialParams, PartialLevel, PartialMilestoneFn } from "../../interfaces/Partial.interface";
import { ISignalRow } from "../../interfaces/Strategy.interface";

/** The milestones, in the order they are told. */
export const PARTIAL_LEVELS: readonly PartialLevel[] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

interface IPartialState {
  profitLevels: Set<PartialLevel>;
  lossLevels: Set<PartialLevel>;
}

/**
 * The partial profit and loss milestones of open signals: 10%, 20%, ... 100% of the way
 * from the entry to take-profit or to stop-loss, each told once per signal, in order.
 * The state is loaded per symbol through `loadState` before first use and saved through
 * `saveState` after each change (in memory by default).
 */
export class ClientPartial implements IPartial {
  private readonly states = new Map<string, IPartialState>();
  private readonly loaded = new Map<string, Promise<void>>();

  constructor(readonly params: IPartialParams) {}

  /** Tells of each profit milestone up to `progressPercent` that the signal has not reached before. */
  public profit = (symbol: string, data: ISignalRow, currentPrice: number, progressPercent: number, backtest: boolean, when: Date) =>
    this.reach(symbol, data, currentPrice, progressPercent, backtest, when, "profitLevels", this.params.onProfit);

  /** Tells of each loss milestone up to `progressPercent` that the signal has not reached before. */
  public loss = (symbol: string, data: ISignalRow, currentPrice: number, progressPercent: number, backtest: boolean, when: Date) =>
    this.reach(symbol, data, currentPrice, Math.abs(progressPercent), backtest, when, "lossLevels", this.params.onLoss);

  /** Forgets the milestones of a closed signal. */
  public clear = async (symbol: string, data: ISignalRow, _priceClose: number) => {
    await this.load(symbol);
    if (this.states.delete(data.id)) {
      await this.save(symbol);
    }
  };

  private reach = async (
    symbol: string,
    data: ISignalRow,
    currentPrice: number,
    percent: number,
    backtest: boolean,
    when: Date,
    side: keyof IPartialState,
    tell: PartialMilestoneFn
  ) => {
    if (!(percent >= PARTIAL_LEVELS[0])) {
      return;
    }
    await this.load(symbol);
    const state = this.stateOf(data.id);
    let changed = false;
    for (const level of PARTIAL_LEVELS) {
      if (percent >= level && !state[side].has(level)) {
        state[side].add(level);
        changed = true;
        await tell(symbol, data, currentPrice, level, backtest, when.getTime());
      }
    }
    if (changed) {
      await this.save(symbol);
    }
  };

  private stateOf = (signalId: string) => {
    let state = this.states.get(signalId);
    if (state === undefined) {
      state = { profitLevels: new Set(), lossLevels: new Set() };
      this.states.set(signalId, state);
    }
    return state;
  };

  private load = (symbol: string) => {
    let loading = this.loaded.get(symbol);
    if (loading === undefined) {
      loading = this.params.loadState(symbol).then((data) => {
        for (const [signalId, { profitLevels, lossLevels }] of Object.entries(data)) {
          this.states.set(signalId, { profitLevels: new Set(profitLevels), lossLevels: new Set(lossLevels) });
        }
      });
      this.loaded.set(symbol, loading);
    }
    return loading;
  };

  private save = (symbol: string) => {
    const data: Record<string, IPartialData> = {};
    for (const [signalId, state] of this.states) {
      if (state.profitLevels.size + state.lossLevels.size > 0) {
        data[signalId] = { profitLevels: [...state.profitLevels], lossLevels: [...state.lossLevels] };
      }
    }
    return this.params.saveState(data, symbol);
  };
}

export default ClientPartial;
