import { causeChain } from "../errorChain";

/** Network error codes worth another attempt. */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** HTTP statuses worth another attempt: timeout, rate limit, server errors. */
const isTransientStatus = (status: unknown) =>
  typeof status === "number" && (status === 408 || status === 429 || status >= 500);

const isTransientOne = (error: unknown) => {
  const { name, code, status, status_code } = (error ?? {}) as {
    name?: unknown;
    code?: unknown;
    status?: unknown;
    status_code?: unknown;
  };
  return (
    isTransientStatus(status_code) ||
    isTransientStatus(status) ||
    name === "TimeoutError" ||
    name === "AbortError" ||
    name === "SyntaxError" ||
    (typeof code === "string" && TRANSIENT_CODES.has(code))
  );
};

/**
 * Whether a failed LLM request may succeed when sent again: HTTP 408, 429 or 5xx, a
 * refused or reset connection, a timeout, or a reply body that was cut off (not JSON).
 * Anything else (400, 401, 404, an unknown host) fails at once.
 */
export const isTransientLlmError = (error: unknown) => causeChain(error).some(isTransientOne);
