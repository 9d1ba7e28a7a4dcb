import { join } from "node:path";
import { ILlmCache } from "../../interfaces/Llm.interface";
import { IFileSystem } from "../../interfaces/FileSystem.interface";
import { ILogger } from "../../interfaces/Logger.interface";
import { RaiseWarning } from "../../contract/Warning.contract";
import { writeFileAtomic } from "../../utils/writeFileAtomic";
import { decodeLlmCacheEntry, encodeLlmCacheEntry, reportUnusableLlmCacheEntry } from "../../utils/llm/llmCacheEntry";

/** What ClientLlmCache is constructed with. */
export interface ILlmCacheParams {
  /** Directory of the entries. */
  dir: string;
  /** File system it reads and writes through. */
  fs: IFileSystem;
  /** Where diagnostics go. */
  logger: ILogger;
  /** Raises "llm-cache-repaired" for an entry that cannot be used. */
  warn: RaiseWarning;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "ENOENT";

/**
 * A content-addressed cache of chat replies on disk: one JSON file per key under
 * `{dir}/{first two hex digits}/{key}.json`, written atomically (temp file and rename),
 * so processes sharing the directory only ever see whole entries. An entry that cannot
 * be read or parsed, or that does not hold its own key, is a miss and gets replaced;
 * each such repair raises an "llm-cache-repaired" warning.
 */
export class ClientLlmCache implements ILlmCache {
  /** Entry directories made by this cache: not made again for every entry. */
  private readonly madeDirs = new Set<string>();

  constructor(readonly params: ILlmCacheParams) {}

  /** The content stored under `key`, or null (a broken entry is a miss, said through "llm-cache-repaired"). */
  public get = async (key: string): Promise<string | null> => {
    const filePath = this.entryPath(key);
    let text: string;
    try {
      text = await this.params.fs.readFile(filePath, "utf-8");
    } catch (error) {
      if (!isMissing(error)) {
        await reportUnusableLlmCacheEntry(this.params, filePath, key, `it cannot be read (${(error as Error)?.message ?? String(error)})`);
      }
      return null;
    }
    const entry = decodeLlmCacheEntry(text, key);
    if ("problem" in entry) {
      await reportUnusableLlmCacheEntry(this.params, filePath, key, entry.problem);
      return null;
    }
    return entry.content;
  };

  /**
   * Stores `content` under `key`, replacing any entry atomically. Its directory is made
   * once per cache; if it was removed since, it is made again and the write retried.
   */
  public set = async (key: string, content: string): Promise<void> => {
    const dir = this.dirOf(key);
    const write = () => writeFileAtomic(this.params.fs, this.entryPath(key), encodeLlmCacheEntry(key, content));
    if (!this.madeDirs.has(dir)) {
      await this.makeDir(dir);
    }
    try {
      await write();
    } catch (error) {
      if (!isMissing(error)) {
        throw error;
      }
      await this.makeDir(dir);
      await write();
    }
  };

  private makeDir = async (dir: string) => {
    await this.params.fs.mkdir(dir, { recursive: true });
    this.madeDirs.add(dir);
  };

  /** The directory of `key`'s entry: named by its first two hex digits. */
  private dirOf = (key: string) => join(this.params.dir, key.slice(0, 2));

  private entryPath = (key: string) => join(this.dirOf(key), `${key}.json`);
}

export default ClientLlmCache;
