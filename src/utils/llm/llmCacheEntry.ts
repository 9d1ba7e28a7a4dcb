import { tryParseJson } from "../tryParseJson";
import { ILogger } from "../../interfaces/Logger.interface";
import { RaiseWarning } from "../../contract/Warning.contract";

/** Version of the response cache's entry format; an entry of another version is a miss. */
export const LLM_CACHE_ENTRY_VERSION = 1;

/** One stored reply. Only the key and the content: never the host, headers or messages. */
interface ILlmCacheEntry {
  version: number;
  key: string;
  content: string;
}

const isEntryOf = (value: unknown, key: string): value is ILlmCacheEntry =>
  typeof value === "object" &&
  value !== null &&
  (value as ILlmCacheEntry).version === LLM_CACHE_ENTRY_VERSION &&
  (value as ILlmCacheEntry).key === key &&
  typeof (value as ILlmCacheEntry).content === "string";

/** The stored text of the entry holding `content` under `key` (the same in a file and in Redis). */
export const encodeLlmCacheEntry = (key: string, content: string): string =>
  JSON.stringify({ version: LLM_CACHE_ENTRY_VERSION, key, content } satisfies ILlmCacheEntry);

/**
 * The content of a stored entry of `key`, or why it cannot be used (not JSON, another
 * version, another key): such an entry is a miss and gets replaced.
 */
export const decodeLlmCacheEntry = (text: string, key: string): { content: string } | { problem: string } => {
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    return { problem: "it is not JSON (cut off or overwritten)" };
  }
  if (!isEntryOf(parsed.value, key)) {
    return { problem: `it is not a version ${LLM_CACHE_ENTRY_VERSION} entry holding this key` };
  }
  return { content: parsed.value.content };
};

/**
 * Says that the entry at `path` (a file, or a Redis URL and key) could not be used: a
 * log line and an "llm-cache-repaired" warning; the request is sent and replaces it.
 */
export const reportUnusableLlmCacheEntry = async (
  { logger, warn }: { logger: ILogger; warn: RaiseWarning },
  path: string,
  key: string,
  reason: string
) => {
  logger.warn("llm cache unusable entry, treated as a miss", { path, reason });
  await warn(
    "llm-cache-repaired",
    `LLM cache entry ${path} is unusable: ${reason}; the request is sent and its answer replaces the entry`,
    { path, key, reason }
  );
};
