import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { EntityId, IEntity, IPersistBase } from "../../interfaces/Persist.interface";
import { writeFileDurable } from "../../utils/writeFileDurable";
import { toSafeFileName } from "../../utils/toSafeFileName";
import { toError } from "../../utils/toError";

/** Temp files of writes a crash interrupted (see writeFileDurable). */
const TEMP_FILE = /^\..*\.tmp$/;

/** How a PersistBase writes. */
export interface IPersistBaseOptions {
  /**
   * Flush each write to disk (fsync) before it counts as done: default true, so a value
   * survives a power loss too. Off, a write is still whole-or-nothing when the process is
   * killed (a rehearsal's state, which can be rehearsed again, uses that).
   */
  sync?: boolean;
}

/**
 * The default store: one JSON file per value under `baseDir`/`entityName`/, each write
 * durable and atomic (temp file, fsync, rename, directory fsync), so a process killed at
 * any instant leaves every value whole, old or new. Extend it or replace it through
 * `usePersist...Adapter(Ctor)`.
 */
export class PersistBase<Entity extends IEntity | null = IEntity> implements IPersistBase<Entity> {
  /** The directory of this entity name's files. */
  public readonly directory: string;

  constructor(
    readonly entityName: string,
    readonly baseDir = "./dump/data",
    readonly options: IPersistBaseOptions = {}
  ) {
    this.directory = resolve(baseDir, toSafeFileName(entityName, ""));
  }

  /** Creates the directory and removes temp files left by interrupted writes. */
  public async waitForInit(_initial: boolean): Promise<void> {
    try {
      await mkdir(this.directory, { recursive: true });
      for (const name of await readdir(this.directory)) {
        if (TEMP_FILE.test(name)) {
          await rm(join(this.directory, name), { force: true });
        }
      }
    } catch (error) {
      throw toError(`persist ${this.entityName}: cannot prepare ${this.directory}`, error);
    }
  }

  /** The value of `entityId`; throws naming the file when it is missing or not JSON. */
  public async readValue(entityId: EntityId): Promise<Entity> {
    const file = this.fileOf(entityId);
    let text: string;
    try {
      text = await readFile(file, "utf-8");
    } catch (error) {
      throw toError(`persist ${this.entityName}: cannot read ${JSON.stringify(String(entityId))} from ${file}`, error);
    }
    try {
      return JSON.parse(text) as Entity;
    } catch (error) {
      throw toError(`persist ${this.entityName}: ${file} is not JSON`, error);
    }
  }

  /** Whether `entityId` has a file. */
  public async hasValue(entityId: EntityId): Promise<boolean> {
    return await stat(this.fileOf(entityId)).then(
      () => true,
      () => false
    );
  }

  /** Stores the value of `entityId` durably and atomically. */
  public async writeValue(entityId: EntityId, entity: Entity): Promise<void> {
    try {
      await writeFileDurable(this.fileOf(entityId), JSON.stringify(entity), this.options.sync !== false);
    } catch (error) {
      throw toError(`persist ${this.entityName}: cannot write ${JSON.stringify(String(entityId))} to ${this.directory}`, error);
    }
  }

  /** Removes the value of `entityId` (nothing happens when it has none). */
  public async removeValue(entityId: EntityId): Promise<void> {
    await rm(this.fileOf(entityId), { force: true });
  }

  /** The keys that have values. */
  public async keys(): Promise<string[]> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith(".json") && !TEMP_FILE.test(name)).map((name) => name.slice(0, -5));
  }

  private fileOf = (entityId: EntityId) => join(this.directory, toSafeFileName(String(entityId), ".json"));
}

export default PersistBase;
