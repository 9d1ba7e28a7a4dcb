import { memoize, sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import ClientLlm from "../../../client/ClientLlm";
import ClientLlmCache from "../../../client/ClientLlmCache";
import { GLOBAL_CONFIG } from "../../../config/params";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";

/** The LLM settings of the current configuration. */
const GET_LLM_LIMITS = () => ({
  timeoutMs: GLOBAL_CONFIG.CC_LLM_TIMEOUT_MS,
  retryCount: GLOBAL_CONFIG.CC_LLM_RETRY_COUNT,
  retryDelayMs: GLOBAL_CONFIG.CC_LLM_RETRY_DELAY_MS,
});

/** The Authorization header for an API key, or none. */
const authorizationHeaders = (apiKey: string): Record<string, string> =>
  apiKey.length > 0 ? { Authorization: `Bearer ${apiKey}` } : {};

/**
 * Builds one ClientLlm per endpoint, cache directory and API key (memoized), with the
 * real fetch, file system and sleep. The key only lives in memory, in a request header.
 */
export class LlmConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  /** The client of one endpoint; `cacheDir` null means no response cache. */
  public getLlm = memoize(
    ([host, cacheDir, apiKey]) => JSON.stringify([host, cacheDir, apiKey]),
    (host: string, cacheDir: string | null, apiKey: string) => {
      this.loggerService.log("llmConnectionService getLlm", { host, cacheDir });
      const cache =
        cacheDir === null ? null : new ClientLlmCache({ dir: cacheDir, fs: NODE_FILE_SYSTEM, logger: this.loggerService });
      return new ClientLlm({
        host,
        headers: authorizationHeaders(apiKey),
        cache,
        logger: this.loggerService,
        sleep,
        getLimits: GET_LLM_LIMITS,
        fetch: globalThis.fetch,
      });
    }
  );
}

export default LlmConnectionService;
