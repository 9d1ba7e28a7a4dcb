import { Ollama } from "ollama";
import { ILlmProvider, ILlmRequest } from "../../interfaces/Llm.interface";
import { hashJson } from "../../utils/hashJson";
import { LlmStatusError, readRetryAfterMs } from "../../utils/llm/llmStatusError";
import { ILlmAnswer } from "../../interfaces/LlmUsage.interface";
import { readOllamaTokens } from "../../utils/llm/llmTokens";

/** What ClientLlmOllama is constructed with. */
export interface ILlmOllamaParams {
  /** Endpoint base URL. */
  host: string;
  /** Extra request headers (Authorization when a key is set); never logged or stored. */
  headers: Record<string, string>;
  /** The fetch implementation the Ollama client uses. */
  fetch: typeof fetch;
  /** The clock, in ms (Retry-After as an HTTP date). */
  now: () => number;
}

const statusCodeOf = (error: unknown) => {
  const code = (error as { status_code?: unknown } | null)?.status_code;
  return typeof code === "number" ? code : null;
};

/**
 * The Ollama protocol (/api/chat, not streamed) through the `ollama` package. One
 * attempt per `send`, aborted by the given signal; an HTTP error comes out as
 * LlmStatusError carrying the response's Retry-After.
 */
export class ClientLlmOllama implements ILlmProvider {
  public readonly name = "ollama";

  constructor(readonly params: ILlmOllamaParams) {}

  /** Endpoint base URL. */
  public get host() {
    return this.params.host;
  }

  /** The cache key as it always was for Ollama: (host, model, messages, format, options). */
  public keyOf = (request: ILlmRequest) => hashJson({ host: this.params.host, ...request });

  /** The assistant's text of one attempt, with the reply's prompt_eval_count and eval_count. */
  public send = async (request: ILlmRequest, signal: AbortSignal): Promise<ILlmAnswer> => {
    let lastResponse: Response | null = null;
    const ollama = new Ollama({
      host: this.params.host,
      headers: this.params.headers,
      fetch: async (input, init) => {
        lastResponse = await this.params.fetch(input, { ...init, signal });
        return lastResponse;
      },
    });
    let reply: unknown;
    try {
      reply = await ollama.chat({ ...request, stream: false });
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === null) {
        throw error;
      }
      const retryAfterMs = readRetryAfterMs((lastResponse as Response | null)?.headers, this.params.now());
      throw new LlmStatusError((error as Error).message, status, retryAfterMs, { cause: error });
    }
    const content = (reply as { message?: { content?: unknown } } | null)?.message?.content;
    if (typeof content !== "string") {
      throw new Error("the endpoint replied without message.content");
    }
    return { content, tokens: readOllamaTokens(reply) };
  };
}

export default ClientLlmOllama;
