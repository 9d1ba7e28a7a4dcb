import { causeChain } from "../errorChain";
import { LlmStatusError } from "./llmStatusError";

/** Why an endpoint cannot be reached: nothing listens, the name does not resolve, TLS fails, or the key is refused. */
export type LlmEndpointFailureKind = "refused" | "dns" | "tls" | "auth";

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME"]);

const TLS_CODES = new Set([
  "EPROTO",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

const kindOfOne = (error: unknown): LlmEndpointFailureKind | null => {
  if (error instanceof LlmStatusError) {
    return error.status === 401 || error.status === 403 ? "auth" : null;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") {
    return null;
  }
  if (code === "ECONNREFUSED") {
    return "refused";
  }
  if (DNS_CODES.has(code)) {
    return "dns";
  }
  return TLS_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") ? "tls" : null;
};

/**
 * Whether a failed attempt says the endpoint cannot be reached at all (connection
 * refused, unknown host, TLS failure, 401/403), and which: null for anything else
 * (a 5xx, a timeout, a cut-off answer), which a later attempt may get past.
 */
export const findEndpointFailure = (error: unknown): LlmEndpointFailureKind | null => {
  for (const item of causeChain(error)) {
    const kind = kindOfOne(item);
    if (kind !== null) {
      return kind;
    }
  }
  return null;
};

/** What to check, by kind; `keyVariable` names the API key's environment variable. */
const adviceFor = (kind: LlmEndpointFailureKind, keyVariable: string) =>
  ({
    refused: "check that the model server runs and listens at this address",
    dns: "check the host name in the address",
    tls: "check http:// against https:// in the address and the server's certificate",
    auth: `check the API key (${keyVariable}) and its access to the model`,
  })[kind];

/** The stable code of LlmEndpointUnreachableError, for code that must tell it apart (a launcher's exit code). */
export const LLM_ENDPOINT_UNREACHABLE = "ERR_LLM_ENDPOINT_UNREACHABLE";

/**
 * The request pool stopped sending to an endpoint after attempts in a row failed to
 * reach it. The message names the endpoint and what to check, and ends with the last
 * attempt's root cause (kept as `cause`).
 */
export class LlmEndpointUnreachableError extends Error {
  /** Always LLM_ENDPOINT_UNREACHABLE. */
  readonly code = LLM_ENDPOINT_UNREACHABLE;

  constructor(
    /** The endpoint's base URL. */
    readonly host: string,
    provider: string,
    kind: LlmEndpointFailureKind,
    failures: number,
    keyVariable: string,
    cause: unknown
  ) {
    super(
      `LLM endpoint ${host} (${provider}) is unreachable: ${failures} attempt(s) in a row failed (CC_LLM_BREAKER_FAILURES), so no more requests are sent to it; ${adviceFor(kind, keyVariable)}`,
      { cause }
    );
    this.name = "LlmEndpointUnreachableError";
  }
}

/** The LlmEndpointUnreachableError in an error's cause chain, or null. */
export const findEndpointUnreachable = (error: unknown): LlmEndpointUnreachableError | null =>
  (causeChain(error).find((item) => item instanceof LlmEndpointUnreachableError) as LlmEndpointUnreachableError | undefined) ??
  null;
