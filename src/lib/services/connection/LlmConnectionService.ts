import { memoize, sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ClientLlm from "../../../client/llm/ClientLlm";
import ClientLlmCache from "../../../client/llm/ClientLlmCache";
import ClientLlmRedisCache from "../../../client/llm/ClientLlmRedisCache";
import ClientLlmOllama from "../../../client/llm/ClientLlmOllama";
import ClientLlmOpenAi from "../../../client/llm/ClientLlmOpenAi";
import ClientLlmPool from "../../../client/llm/ClientLlmPool";
import { GLOBAL_CONFIG } from "../../../config/params";
import { raiseWarning } from "../../../config/emitters";
import { ILlmLimits, ILlmProvider, LlmProviderName } from "../../../interfaces/Llm.interface";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import { redactUrl } from "../../../utils/redisUrl";
import { Redis } from "ioredis";
import { currentLlmTicket } from "../context/LlmTicketContextService";

/** The LLM settings of the current configuration. */
const GET_LLM_LIMITS = (): ILlmLimits => ({
  timeoutMs: GLOBAL_CONFIG.CC_LLM_TIMEOUT_MS,
  retryCount: GLOBAL_CONFIG.CC_LLM_RETRY_COUNT,
  retryDelayMs: GLOBAL_CONFIG.CC_LLM_RETRY_DELAY_MS,
  concurrency: GLOBAL_CONFIG.CC_LLM_CONCURRENCY,
  concurrencyMin: GLOBAL_CONFIG.CC_LLM_CONCURRENCY_MIN,
  concurrencyMax: GLOBAL_CONFIG.CC_LLM_CONCURRENCY_MAX,
  breakerFailures: GLOBAL_CONFIG.CC_LLM_BREAKER_FAILURES,
  queueLimit: GLOBAL_CONFIG.CC_LLM_QUEUE_LIMIT,
});

/** The Authorization header for an API key, or none. */
const authorizationHeaders = (apiKey: string): Record<string, string> =>
  apiKey.length > 0 ? { Authorization: `Bearer ${apiKey}` } : {};

/**
 * An ioredis connection for the Redis response cache: made on first use, commands fail
 * at once while it is not connected (no offline queue, no retries per command), no
 * reconnection of its own (ClientLlmRedisCache reconnects when it next needs it),
 * connecting bounded like a lookup.
 */
const createRedisConnection = (url: string) =>
  new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: () => null,
    connectTimeout: GLOBAL_CONFIG.CC_LLM_CACHE_TIMEOUT_MS,
  });

/** Everything that tells one LLM client from another. */
export interface ILlmEndpoint {
  /** The protocol. */
  provider: LlmProviderName;
  /** Endpoint base URL. */
  host: string;
  /** Response cache directory; null means no cache, or the cache in Redis. */
  cacheDir: string | null;
  /** Redis URL of the response cache (then cacheDir is null); null means none. */
  cacheUrl: string | null;
  /** API key ("" for none); only ever held in memory. */
  apiKey: string;
  /** "openai" only: answers as server-sent events. */
  stream: boolean;
}

/**
 * Owns the process-wide LLM request pool (one per process: every client sends through
 * it) and builds one ClientLlm per protocol, endpoint, cache and API key (memoized),
 * with the provider client of the endpoint's protocol, the real fetch, file system,
 * clock and sleep; a Redis cache is one per URL, shared by the clients that name it.
 * The key only lives in memory, in a request header.
 */
export class LlmConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  private readonly pool = new ClientLlmPool({
    logger: this.loggerService,
    warn: raiseWarning,
    sleep,
    now: Date.now,
    getLimits: GET_LLM_LIMITS,
    currentTicket: currentLlmTicket,
  });

  /** Where the request pool's limit stands (process-wide), and why it last moved. */
  public getConcurrency = () => this.pool.getConcurrency();

  /** How many model requests the pool lets in flight now. */
  public getLimit = () => this.pool.getLimit();

  /** The client of one endpoint. */
  public getLlm = memoize(
    ([endpoint]) => JSON.stringify(endpoint),
    (endpoint: ILlmEndpoint) => {
      const { provider, host, cacheDir, cacheUrl } = endpoint;
      this.loggerService.log("llmConnectionService getLlm", { provider, host, cacheDir, cacheUrl: cacheUrl && redactUrl(cacheUrl) });
      const cache =
        cacheUrl !== null
          ? this.getRedisCache(cacheUrl)
          : cacheDir === null
            ? null
            : new ClientLlmCache({ dir: cacheDir, fs: NODE_FILE_SYSTEM, logger: this.loggerService, warn: raiseWarning });
      return new ClientLlm({ provider: this.createProvider(endpoint), pool: this.pool, cache, logger: this.loggerService });
    }
  );

  /** The Redis response cache of one URL: one per process, whatever the endpoint, with one connection. */
  private getRedisCache = memoize(
    ([url]) => url,
    (url: string) =>
      new ClientLlmRedisCache({
        url,
        createConnection: () => createRedisConnection(url),
        getTimeoutMs: () => GLOBAL_CONFIG.CC_LLM_CACHE_TIMEOUT_MS,
        now: Date.now,
        logger: this.loggerService,
        warn: raiseWarning,
      })
  );

  /** The provider client of the endpoint's protocol. */
  private createProvider = ({ provider, host, apiKey, stream }: ILlmEndpoint): ILlmProvider =>
    provider === "openai"
      ? new ClientLlmOpenAi({ host, apiKey, stream, fetch: globalThis.fetch, now: Date.now, warn: raiseWarning })
      : new ClientLlmOllama({ host, headers: authorizationHeaders(apiKey), fetch: globalThis.fetch, now: Date.now });
}

export default LlmConnectionService;
