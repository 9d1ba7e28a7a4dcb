import OpenAI, { APIError } from "openai";
import { ILlmProvider, ILlmRequest } from "../interfaces/Llm.interface";
import { MessageModel } from "../interfaces/Message.interface";
import { RaiseWarning } from "../contract/Warning.contract";
import { hashJson } from "../utils/hashJson";
import { LlmStatusError, readRetryAfterMs } from "../utils/llmStatusError";

/** What ClientLlmOpenAi is constructed with. */
export interface ILlmOpenAiParams {
  /** Base URL of the chat-completions API (…/v1). */
  host: string;
  /** Bearer key ("" for none); given to the openai client only, never logged or stored. */
  apiKey: string;
  /** Receive answers as server-sent events instead of one body. */
  stream: boolean;
  /** The fetch implementation the openai client uses. */
  fetch: typeof fetch;
  /** The clock, in ms (Retry-After as an HTTP date). */
  now: () => number;
  /** Raises "llm-json-fallback". */
  warn: RaiseWarning;
}

/** The openai client refuses to start without a key; keyless local servers get this, and no header. */
const NO_KEY = "no-key";

/** Longest timer Node accepts: the pool's per-attempt signal is the real bound. */
const NO_CLIENT_TIMEOUT = 2_147_483_647;

/** Statuses with which endpoints reject a request body they do not support. */
const REJECTED_BODY_STATUSES = [400, 422];

const JSON_MODE_WORDS = /response_format|json_object|json mode|json_schema|guided/i;

/** A single fenced block (```json … ```), as plain answers often come. */
const FENCED = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

/** The instruction that tells the model the answer's shape (JSON mode also needs the word JSON in the messages). */
const formatInstruction = (format: object | "json"): MessageModel => ({
  role: "system",
  content:
    format === "json"
      ? "Answer with one JSON object and nothing else."
      : `Answer with one JSON object and nothing else, following this JSON schema:\n${JSON.stringify(format)}`,
});

const isJsonModeRejection = (error: unknown) =>
  error instanceof APIError &&
  typeof error.status === "number" &&
  REJECTED_BODY_STATUSES.includes(error.status) &&
  JSON_MODE_WORDS.test(error.message);

/**
 * The OpenAI chat-completions protocol (vLLM, llama.cpp server, LM Studio, OpenRouter,
 * OpenAI) through the official `openai` client with its own retries off: one attempt
 * per `send`, aborted by the given signal. A request with a format asks for JSON mode
 * (`response_format: json_object`); an endpoint that rejects it is asked again in plain
 * text, and from then on always so, after an "llm-json-fallback" warning. An HTTP error
 * comes out as LlmStatusError with the response's Retry-After.
 */
export class ClientLlmOpenAi implements ILlmProvider {
  public readonly name = "openai";
  private readonly client: OpenAI;
  private jsonModeRejected = false;

  constructor(readonly params: ILlmOpenAiParams) {
    const hasKey = params.apiKey.length > 0;
    this.client = new OpenAI({
      baseURL: params.host,
      apiKey: hasKey ? params.apiKey : NO_KEY,
      defaultHeaders: hasKey ? undefined : { Authorization: null },
      adminAPIKey: null,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: NO_CLIENT_TIMEOUT,
      fetch: params.fetch,
      logLevel: "off",
    });
  }

  /** Endpoint base URL. */
  public get host() {
    return this.params.host;
  }

  /** The cache key: the protocol is part of it, so an Ollama answer is never served here. */
  public keyOf = (request: ILlmRequest) => hashJson({ provider: this.name, host: this.params.host, ...request });

  /** The assistant's text of one attempt. */
  public send = async (request: ILlmRequest, signal: AbortSignal): Promise<string> => {
    const jsonMode = request.format !== undefined && !this.jsonModeRejected;
    try {
      return await this.complete(request, signal, jsonMode);
    } catch (error) {
      if (!jsonMode || !isJsonModeRejection(error)) {
        throw this.normalize(error, signal);
      }
      await this.fallBackToPlain(request, error as APIError);
    }
    try {
      return await this.complete(request, signal, false);
    } catch (error) {
      throw this.normalize(error, signal);
    }
  };

  private fallBackToPlain = async (request: ILlmRequest, error: APIError) => {
    this.jsonModeRejected = true;
    await this.params.warn(
      "llm-json-fallback",
      `LLM endpoint ${this.params.host} (openai) rejected JSON mode for model ${request.model}: ${error.message}; answers are asked for and parsed as plain text from now on`,
      { provider: this.name, host: this.params.host, model: request.model, error: error.message }
    );
  };

  private complete = async (request: ILlmRequest, signal: AbortSignal, jsonMode: boolean): Promise<string> => {
    const messages = request.format === undefined ? request.messages : [formatInstruction(request.format), ...request.messages];
    const body = {
      ...request.options,
      model: request.model,
      messages,
      ...(jsonMode ? { response_format: { type: "json_object" as const } } : {}),
    };
    const content = this.params.stream
      ? await this.completeStreamed(body, signal)
      : (await this.client.chat.completions.create({ ...body, stream: false }, { signal })).choices?.[0]?.message?.content;
    if (typeof content !== "string") {
      throw new Error("the endpoint replied without choices[0].message.content");
    }
    return jsonMode || request.format === undefined ? content : content.trim().replace(FENCED, "$1");
  };

  private completeStreamed = async (body: OpenAI.ChatCompletionCreateParamsNonStreaming, signal: AbortSignal) => {
    const stream = await this.client.chat.completions.create({ ...body, stream: true }, { signal });
    let content: string | null = null;
    for await (const chunk of stream) {
      const delta = chunk.choices?.[0]?.delta?.content;
      if (typeof delta === "string") {
        content = (content ?? "") + delta;
      }
    }
    return content;
  };

  /** An HTTP error as LlmStatusError; an abort by the pool's signal as the signal's own reason (a TimeoutError). */
  private normalize = (error: unknown, signal: AbortSignal): unknown => {
    if (signal.aborted) {
      return signal.reason ?? error;
    }
    if (error instanceof APIError && typeof error.status === "number") {
      return new LlmStatusError(error.message, error.status, readRetryAfterMs(error.headers, this.params.now()), { cause: error });
    }
    return error;
  };
}

export default ClientLlmOpenAi;
