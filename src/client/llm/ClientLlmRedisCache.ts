import { ILlmCache, ILlmRedisConnection } from "../../interfaces/Llm.interface";
import { ILogger } from "../../interfaces/Logger.interface";
import { RaiseWarning } from "../../contract/Warning.contract";
import { LLM_REDIS_KEY_PREFIX } from "../../config/llm";
import { decodeLlmCacheEntry, encodeLlmCacheEntry, reportUnusableLlmCacheEntry } from "../../utils/llm/llmCacheEntry";
import { redactUrl } from "../../utils/redisUrl";
import { withTimeout } from "../../utils/withTimeout";

/** While Redis is unavailable, how long lookups and stores are skipped at once before it is tried again. */
const RETRY_INTERVAL_MS = 1_000;

/** What ClientLlmRedisCache is constructed with. */
export interface ILlmRedisCacheParams {
  /** The Redis URL (it may hold a password: only ever printed redacted). */
  url: string;
  /**
   * Makes the connection, on first use: lazyConnect, no offline queue and no
   * reconnection of its own (this client reconnects when it next needs Redis).
   */
  createConnection: () => Promise<ILlmRedisConnection>;
  /** Bound of one lookup or store, connecting included, in ms; read at each call. */
  getTimeoutMs: () => number;
  /** The clock. */
  now: () => number;
  /** Where diagnostics go. */
  logger: ILogger;
  /** Raises "llm-cache-repaired" for an unusable entry and "llm-cache-unavailable" once per outage. */
  warn: RaiseWarning;
}

/** The outcome of one bounded call to Redis: its value, or nothing when Redis was unavailable. */
type Attempt<T> = { ok: true; value: T } | { ok: false };

const SKIPPED: Attempt<never> = { ok: false };

/** A GET of a key holding a list, hash, ...: the entry is unusable, Redis itself is fine. */
const isWrongType = (error: unknown) => /^WRONGTYPE/.test((error as Error)?.message ?? "");

/** The stored text of `redisKey`, null when there is none, or why a value of another type is unusable. */
const readStoredText = (redis: ILlmRedisConnection, redisKey: string): Promise<{ text: string } | { problem: string } | null> =>
  redis.get(redisKey).then(
    (text) => (text === null ? null : { text }),
    (error) => (isWrongType(error) ? { problem: "it is not a string value" } : Promise.reject(error))
  );

const messageOf = (error: unknown) => (error as Error)?.message ?? String(error);

/**
 * The response cache in Redis, shared by every process and machine that names the same
 * server: one string value per key under `backtest-kit:llm-cache:{key}`, in the file
 * cache's entry format (an entry that is not JSON, of another version, of another key or
 * not a string is a miss, replaced by the new answer, and raises "llm-cache-repaired").
 * Entries never expire. Every lookup and store is bounded (CC_LLM_CACHE_TIMEOUT_MS);
 * when Redis cannot be reached or does not answer in time, a lookup is a miss and a
 * store is skipped, "llm-cache-unavailable" is raised once for the outage, and for a
 * second after each failure calls skip Redis at once, so an outage never slows model
 * calls by more than one bound now and then. The socket is unref'd: an idle connection
 * never keeps the process alive (a call in flight does, through its bound's timer).
 */
export class ClientLlmRedisCache implements ILlmCache {
  private connection: Promise<ILlmRedisConnection> | null = null;
  private connecting: Promise<void> | null = null;
  /** The last socket error, which explains a failed connect better than "Connection is closed.". */
  private socketError: Error | null = null;
  /** When Redis last failed, while it is unavailable; null while it answers. */
  private failedAt: number | null = null;

  constructor(readonly params: ILlmRedisCacheParams) {}

  /** The content stored under `key`, or null (missing, unusable or Redis unavailable). */
  public get = async (key: string): Promise<string | null> => {
    const redisKey = `${LLM_REDIS_KEY_PREFIX}${key}`;
    const reply = await this.attempt("get", (redis) => readStoredText(redis, redisKey));
    if (!reply.ok || reply.value === null) {
      return null;
    }
    const entry = "text" in reply.value ? decodeLlmCacheEntry(reply.value.text, key) : reply.value;
    if ("problem" in entry) {
      await reportUnusableLlmCacheEntry(this.params, `${redactUrl(this.params.url)} ${redisKey}`, key, entry.problem);
      return null;
    }
    return entry.content;
  };

  /** Stores `content` under `key` with one SET (whole entries only; skipped while Redis is unavailable). */
  public set = async (key: string, content: string): Promise<void> => {
    await this.attempt("set", (redis) => redis.set(`${LLM_REDIS_KEY_PREFIX}${key}`, encodeLlmCacheEntry(key, content)));
  };

  /** Runs `send` on a ready connection within the bound, or says why not and gives up. */
  private attempt = async <T>(operation: "get" | "set", send: (redis: ILlmRedisConnection) => Promise<T>): Promise<Attempt<T>> => {
    if (this.failedAt !== null && this.params.now() - this.failedAt < RETRY_INTERVAL_MS) {
      return SKIPPED;
    }
    try {
      const value = await withTimeout(this.ready().then(send), this.params.getTimeoutMs(), `Redis ${operation}`);
      this.recover();
      return { ok: true, value };
    } catch (error) {
      await this.fail(operation, error);
      return SKIPPED;
    }
  };

  /** The connection, made on first use and (re)connected when it is not ready; concurrent calls share one connect. */
  private ready = async (): Promise<ILlmRedisConnection> => {
    const redis = await (this.connection ??= this.open());
    if (redis.status !== "ready") {
      this.connecting ??= this.connect(redis).finally(() => (this.connecting = null));
      await this.connecting;
    }
    return redis;
  };

  private open = async (): Promise<ILlmRedisConnection> => {
    const redis = await this.params.createConnection();
    redis.on("connect", () => redis.stream?.unref());
    redis.on("error", (error) => {
      this.socketError = error ?? null;
      this.params.logger.debug("clientLlmRedisCache socket error", { url: redactUrl(this.params.url), error: messageOf(error) });
    });
    return redis;
  };

  private connect = async (redis: ILlmRedisConnection) => {
    this.socketError = null;
    try {
      await redis.connect();
    } catch (error) {
      throw this.socketError ?? error;
    }
  };

  private recover = () => {
    if (this.failedAt !== null) {
      this.failedAt = null;
      this.params.logger.info("clientLlmRedisCache available again", { url: redactUrl(this.params.url) });
    }
  };

  /**
   * Notes the failure and drops the connection (a server that stopped answering is not
   * waited on again: the next attempt connects anew); the first failure of an outage
   * raises "llm-cache-unavailable".
   */
  private fail = async (operation: "get" | "set", error: unknown) => {
    const outageBegins = this.failedAt === null;
    this.failedAt = this.params.now();
    this.connection?.then((redis) => redis.disconnect(), () => undefined);
    if (!outageBegins) {
      return;
    }
    const url = redactUrl(this.params.url);
    const reason = messageOf(error);
    this.params.logger.warn("clientLlmRedisCache unavailable", { url, operation, error: reason });
    await this.params.warn(
      "llm-cache-unavailable",
      `LLM cache ${url} is unavailable (${operation}: ${reason}); requests go to the model and answers are not stored until it answers again`,
      { url, operation, error: reason }
    );
  };
}

export default ClientLlmRedisCache;
