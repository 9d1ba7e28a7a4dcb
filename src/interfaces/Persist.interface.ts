import type { RiskPositionEntries } from "./Risk.interface";
import type { IPartialData } from "./Partial.interface";
import { ISignalRow, IScheduledSignalRow } from "./Strategy.interface";

/** The key of one stored value. */
export type EntityId = string | number;

/** Anything a store keeps (JSON-serialisable). */
export interface IEntity {}

/**
 * A key-value store of one entity name (backtest-kit 1.4's persistence interface). A
 * custom store implements these four methods; `writeValue` must be atomic: after a crash
 * a reader sees the old value or the new one, never a mix.
 */
export interface IPersistBase<Entity extends IEntity | null = IEntity> {
  /** Prepares the store; `initial` is true on the first call for this entity name. */
  waitForInit(initial: boolean): Promise<void>;
  /** The value of `entityId`; throws when there is none. */
  readValue(entityId: EntityId): Promise<Entity>;
  /** Whether `entityId` has a value. */
  hasValue(entityId: EntityId): Promise<boolean>;
  /** Stores the value of `entityId`, atomically. */
  writeValue(entityId: EntityId, entity: Entity): Promise<void>;
}

/** A store's constructor, as `usePersist...Adapter` takes it: `new Ctor(entityName, baseDir)`. */
export type TPersistBaseCtor<EntityName extends string = string, Entity extends IEntity | null = IEntity> = new (
  entityName: EntityName,
  baseDir: string
) => IPersistBase<Entity>;

/** What the signal store keeps per symbol: the open position, or null. */
export type SignalData = ISignalRow | null;

/** What the schedule store keeps per symbol: the signal waiting for its entry price, or null. */
export type ScheduleData = IScheduledSignalRow | null;

/** What the risk store keeps per risk profile: its active positions by key, as backtest-kit 1.4 stores them. */
export type RiskData = RiskPositionEntries;

/** What the partial store keeps per symbol: the levels reached, by signal id. */
export type PartialData = Record<string, IPartialData>;
