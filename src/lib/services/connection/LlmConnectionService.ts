import { memoize, singleshot, sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ClientLlm from "../../../client/llm/ClientLlm";
import ClientLlmCache from "../../../client/llm/ClientLlmCache";
import ClientLlmRedisCache from "../../../client/llm/ClientLlmRedisCache";
import ClientLlmOllama from "../../../client/llm/ClientLlmOllama";
import ClientLlmOpenAi from "../../../client/llm/ClientLlmOpenAi";
import ClientLlmPool from "../../../client/llm/ClientLlmPool";
import ClientLlmUsage from "../../../client/llm/ClientLlmUsage";
import { GLOBAL_CONFIG } from "../../../config/params";
import { raiseWarning } from "../../../config/emitters";
import { ILlmLimits, ILlmProvider, LlmProviderName } from "../../../interfaces/Llm.interface";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import { redactUrl } from "../../../utils/redisUrl";
import { currentLlmTicket } from "../context/LlmTicketContextService";
import { ILlmUsage, ILlmUsageReading, LlmPrices } from "../../../interfaces/LlmUsage.interface";
import { priceLlmUsage, readingOfLlmUsage, subtractLlmUsageReading } from "../../../utils/llm/llmUsage";
import { readLlmPriceFile } from "../../../utils/llm/readLlmPriceFile";

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

/** ioredis, loaded when a Redis response cache is first used: a run without one never pays for loading it. */
const loadIoRedis = singleshot(() => import("ioredis"));

/**
 * An ioredis connection for the Redis response cache: made on first use, commands fail
 * at once while it is not connected (no offline queue, no retries per command), no
 * reconnection of its own (ClientLlmRedisCache reconnects when it next needs it),
 * connecting bounded like a lookup.
 */
const createRedisConnection = async (url: string) => {
  const { Redis } = await loadIoRedis();
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: () => null,
    connectTimeout: GLOBAL_CONFIG.CC_LLM_CACHE_TIMEOUT_MS,
  });
};

const isUsage = (value: ILlmUsageReading | ILlmUsage): value is ILlmUsage => Array.isArray(value.models);

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
 * The key only lives in memory, in a request header. It also owns the process's
 * model-call counters (cache hits, sent, shared, speculative, wasted, tokens, wait) and
 * prices them with the price table (getLlmUsage).
 */
export class LlmConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  /** The process's model-call counters (getLlmUsage reads them). */
  private readonly usage = new ClientLlmUsage({ now: Date.now });

  private readonly pool = new ClientLlmPool({
    usage: this.usage,
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
      return new ClientLlm({ provider: this.createProvider(endpoint), pool: this.pool, cache, logger: this.loggerService, usage: this.usage });
    }
  );

  /** The process's model-call counters now, without prices (what a run keeps to subtract later). */
  public readUsage = (): ILlmUsageReading => this.usage.read();

  /** The price table in force: the BACKTEST_KIT_LLM_PRICES file's entries, overridden per model by CC_LLM_PRICES. */
  public getPrices = (): LlmPrices => ({ ...readLlmPriceFile(), ...GLOBAL_CONFIG.CC_LLM_PRICES });

  /** The usage of the process, or since an earlier reading or usage, priced. */
  public getUsage = (since?: ILlmUsageReading | ILlmUsage): ILlmUsage => {
    const now = this.readUsage();
    const reading = since === undefined ? now : subtractLlmUsageReading(now, isUsage(since) ? readingOfLlmUsage(since) : since);
    return this.priceUsage(reading);
  };

  /** A reading priced with the price table in force. */
  public priceUsage = (reading: ILlmUsageReading): ILlmUsage => priceLlmUsage(reading, this.getPrices());

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
