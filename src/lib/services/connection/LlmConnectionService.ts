import { memoize, sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ClientLlm from "../../../client/ClientLlm";
import ClientLlmCache from "../../../client/ClientLlmCache";
import ClientLlmOllama from "../../../client/ClientLlmOllama";
import ClientLlmOpenAi from "../../../client/ClientLlmOpenAi";
import ClientLlmPool from "../../../client/ClientLlmPool";
import { GLOBAL_CONFIG } from "../../../config/params";
import { raiseWarning } from "../../../config/emitters";
import { ILlmLimits, ILlmProvider, LlmProviderName } from "../../../interfaces/Llm.interface";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

/** The LLM settings of the current configuration. */
const GET_LLM_LIMITS = (): ILlmLimits => ({
  timeoutMs: GLOBAL_CONFIG.CC_LLM_TIMEOUT_MS,
  retryCount: GLOBAL_CONFIG.CC_LLM_RETRY_COUNT,
  retryDelayMs: GLOBAL_CONFIG.CC_LLM_RETRY_DELAY_MS,
  concurrency: GLOBAL_CONFIG.CC_LLM_CONCURRENCY,
  queueLimit: GLOBAL_CONFIG.CC_LLM_QUEUE_LIMIT,
});

/** The Authorization header for an API key, or none. */
const authorizationHeaders = (apiKey: string): Record<string, string> =>
  apiKey.length > 0 ? { Authorization: `Bearer ${apiKey}` } : {};

/** Everything that tells one LLM client from another. */
export interface ILlmEndpoint {
  /** The protocol. */
  provider: LlmProviderName;
  /** Endpoint base URL. */
  host: string;
  /** Response cache directory; null means no cache. */
  cacheDir: string | null;
  /** API key ("" for none); only ever held in memory. */
  apiKey: string;
  /** "openai" only: answers as server-sent events. */
  stream: boolean;
}

/**
 * Owns the process-wide LLM request pool (one per process: every client sends through
 * it) and builds one ClientLlm per protocol, endpoint, cache directory and API key (memoized),
 * with the provider client of the endpoint's protocol, the real fetch, file system,
 * clock and sleep. The key only lives in memory, in a request header.
 */
export class LlmConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  private readonly pool = new ClientLlmPool({
    logger: this.loggerService,
    warn: raiseWarning,
    sleep,
    now: Date.now,
    getLimits: GET_LLM_LIMITS,
  });

  /** The client of one endpoint. */
  public getLlm = memoize(
    ([endpoint]) => JSON.stringify(endpoint),
    (endpoint: ILlmEndpoint) => {
      const { provider, host, cacheDir } = endpoint;
      this.loggerService.log("llmConnectionService getLlm", { provider, host, cacheDir });
      const cache =
        cacheDir === null ? null : new ClientLlmCache({ dir: cacheDir, fs: NODE_FILE_SYSTEM, logger: this.loggerService, warn: raiseWarning });
      return new ClientLlm({ provider: this.createProvider(endpoint), pool: this.pool, cache, logger: this.loggerService });
    }
  );

  /** The provider client of the endpoint's protocol. */
  private createProvider = ({ provider, host, apiKey, stream }: ILlmEndpoint): ILlmProvider =>
    provider === "openai"
      ? new ClientLlmOpenAi({ host, apiKey, stream, fetch: globalThis.fetch, now: Date.now, warn: raiseWarning })
      : new ClientLlmOllama({ host, headers: authorizationHeaders(apiKey), fetch: globalThis.fetch, now: Date.now });
}

export default LlmConnectionService;
