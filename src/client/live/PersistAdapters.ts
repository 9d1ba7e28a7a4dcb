import { PersistBase } from "./PersistBase";
import {
  IEntity,
  IPersistBase,
  PartialData,
  RiskData,
  ScheduleData,
  SignalData,
  TPersistBaseCtor,
} from "../../interfaces/Persist.interface";
import { StrategyName } from "../../interfaces/Strategy.interface";
import { ILiveState } from "../../interfaces/Live.interface";

/** Whether a stored value has the shape of a live run's state. */
const isLiveState = (value: unknown): value is ILiveState =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as ILiveState).nextTick === "number" &&
  Array.isArray((value as ILiveState).trades);

/** The key of a live run's own state beside its signal (one atomic record). */
const LIVE_STATE_KEY = "live-state";

/**
 * Stores of one kind, one per entity name, built by the constructor in use (PersistBase
 * unless `use(Ctor)` replaced it). Each store is prepared once (waitForInit) before its
 * first read or write.
 */
class PersistStores<Entity extends IEntity | null> {
  private Ctor: TPersistBaseCtor<string, Entity> = PersistBase as unknown as TPersistBaseCtor<string, Entity>;
  private readonly stores = new Map<string, Promise<IPersistBase<Entity>>>();

  constructor(private readonly baseDir: string) {}

  /** Builds later stores with `Ctor` (stores already built are dropped). */
  public use = (Ctor: TPersistBaseCtor<string, Entity>) => {
    if (typeof Ctor !== "function") {
      throw new Error(`persist adapter: Ctor must be a class, got ${typeof Ctor}`);
    }
    this.Ctor = Ctor;
    this.stores.clear();
  };

  /** The prepared store of `entityName`. */
  public get = (entityName: string): Promise<IPersistBase<Entity>> => {
    let store = this.stores.get(entityName);
    if (store === undefined) {
      const instance = Reflect.construct(this.Ctor, [entityName, this.baseDir]) as IPersistBase<Entity>;
      store = instance.waitForInit(true).then(() => instance);
      store.catch(() => this.stores.delete(entityName));
      this.stores.set(entityName, store);
    }
    return store;
  };

  /** The value of `key` in the store of `entityName`, or `fallback` when it has none. */
  public read = async <T extends Entity>(entityName: string, key: string, fallback: T): Promise<T> => {
    const store = await this.get(entityName);
    return (await store.hasValue(key)) ? ((await store.readValue(key)) as T) : fallback;
  };

  /** Writes `value` under `key` in the store of `entityName`. */
  public write = async (entityName: string, key: string, value: Entity) => {
    const store = await this.get(entityName);
    await store.writeValue(key, value);
  };
}

/**
 * The open positions of live runs (backtest-kit 1.4's PersistSignalAdapter), one store
 * per symbol and strategy under ./dump/data/signal/. A live run also keeps its own state
 * (throttle, next tick, closed trades) in the same store, in one atomic record.
 */
export class PersistSignalUtils {
  private readonly stores = new PersistStores<SignalData | ILiveState>("./dump/data/signal/");

  /** Replaces the store's class (e.g. a database) for the signal stores built from now on. */
  public usePersistSignalAdapter(Ctor: TPersistBaseCtor<StrategyName, SignalData>): void {
    this.stores.use(Ctor as TPersistBaseCtor<string, SignalData | ILiveState>);
  }

  /** The open position of the strategy on the symbol, or null. */
  public readSignalData = (symbol: string, strategyName: StrategyName): Promise<SignalData> =>
    this.stores.read<SignalData>(`${symbol}_${strategyName}`, symbol, null);

  /** Stores the open position (null: none) of the strategy on the symbol. */
  public writeSignalData = (signalRow: SignalData, symbol: string, strategyName: StrategyName): Promise<void> =>
    this.stores.write(`${symbol}_${strategyName}`, symbol, signalRow);

  /**
   * The live run's state of the strategy on the symbol, or null before its first tick (or
   * when a store written for 1.4 answers something else under its key).
   */
  public readLiveState = async (symbol: string, strategyName: StrategyName): Promise<ILiveState | null> => {
    const state = await this.stores.read<ILiveState | null>(`${symbol}_${strategyName}`, LIVE_STATE_KEY, null);
    return isLiveState(state) ? state : null;
  };

  /** Stores the live run's state of the strategy on the symbol, atomically. */
  public writeLiveState = (state: ILiveState, symbol: string, strategyName: StrategyName): Promise<void> =>
    this.stores.write(`${symbol}_${strategyName}`, LIVE_STATE_KEY, state);
}

/** Signals of live runs that wait for their entry price (1.4's PersistScheduleAdapter), under ./dump/data/schedule/. */
export class PersistScheduleUtils {
  private readonly stores = new PersistStores<ScheduleData>("./dump/data/schedule/");

  /** Replaces the store's class for the schedule stores built from now on. */
  public usePersistScheduleAdapter(Ctor: TPersistBaseCtor<StrategyName, ScheduleData>): void {
    this.stores.use(Ctor);
  }

  /** The scheduled signal of the strategy on the symbol, or null. */
  public readScheduleData = (symbol: string, strategyName: StrategyName): Promise<ScheduleData> =>
    this.stores.read<ScheduleData>(`${symbol}_${strategyName}`, symbol, null);

  /** Stores the scheduled signal (null: none) of the strategy on the symbol. */
  public writeScheduleData = (scheduledRow: ScheduleData, symbol: string, strategyName: StrategyName): Promise<void> =>
    this.stores.write(`${symbol}_${strategyName}`, symbol, scheduledRow);
}

/** Active positions of risk profiles (1.4's PersistRiskAdapter), under ./dump/data/risk/. */
export class PersistRiskUtils {
  private readonly stores = new PersistStores<RiskData>("./dump/data/risk/");

  /** Replaces the store's class for the risk stores built from now on. */
  public usePersistRiskAdapter(Ctor: TPersistBaseCtor<string, RiskData>): void {
    this.stores.use(Ctor);
  }

  /** The active positions of the risk profile (empty when none were stored). */
  public readPositionData = (riskName: string): Promise<RiskData> => this.stores.read<RiskData>(riskName, "positions", []);

  /** Stores the active positions of the risk profile. */
  public writePositionData = (riskRow: RiskData, riskName: string): Promise<void> =>
    this.stores.write(riskName, "positions", riskRow);
}

/** Profit and loss levels reached by signals (1.4's PersistPartialAdapter), under ./dump/data/partial/. */
export class PersistPartialUtils {
  private readonly stores = new PersistStores<PartialData>("./dump/data/partial/");

  /** Replaces the store's class for the partial stores built from now on. */
  public usePersistPartialAdapter(Ctor: TPersistBaseCtor<string, PartialData>): void {
    this.stores.use(Ctor);
  }

  /** The levels reached on the symbol, by signal id (empty when none were stored). */
  public readPartialData = (symbol: string): Promise<PartialData> => this.stores.read<PartialData>(symbol, "levels", {});

  /** Stores the levels reached on the symbol. */
  public writePartialData = (partialData: PartialData, symbol: string): Promise<void> =>
    this.stores.write(symbol, "levels", partialData);
}
