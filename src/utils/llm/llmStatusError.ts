/** The response headers an LLM endpoint's error carries, as far as the pool reads them. */
interface IHeaderSource {
  get(name: string): string | null;
}

/**
 * An LLM endpoint answered with an HTTP error status. Providers turn their client's
 * errors into this one shape, so the pool reads the status and the endpoint's
 * Retry-After the same way for every protocol. The message is the endpoint's own.
 */
export class LlmStatusError extends Error {
  constructor(
    message: string,
    /** The HTTP status. */
    readonly status: number,
    /** How long the endpoint asked to wait (Retry-After), in ms, or null. */
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown }
  ) {
    super(message, options);
    this.name = "LlmStatusError";
  }
}

const parseSeconds = (value: string) => {
  const seconds = Number(value);
  return value.trim() !== "" && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : null;
};

/**
 * The wait a response asks for, in ms: `retry-after-ms` (what OpenAI-style endpoints
 * send), else `retry-after` as seconds or as an HTTP date (never negative); null when
 * neither is there or readable.
 */
export const readRetryAfterMs = (headers: IHeaderSource | null | undefined, now: number): number | null => {
  const milliseconds = headers?.get("retry-after-ms");
  if (milliseconds) {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) {
      return Math.ceil(value);
    }
  }
  const retryAfter = headers?.get("retry-after");
  if (!retryAfter) {
    return null;
  }
  const seconds = parseSeconds(retryAfter);
  if (seconds !== null) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
};
