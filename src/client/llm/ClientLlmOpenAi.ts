import type OpenAI from "openai";
import { singleshot } from "functools-kit";
import { ILlmProvider, ILlmRequest } from "../../interfaces/Llm.interface";
import { MessageModel } from "../../interfaces/Message.interface";
import { RaiseWarning } from "../../contract/Warning.contract";
import { hashJson } from "../../utils/hashJson";
import { LlmStatusError, readRetryAfterMs } from "../../utils/llm/llmStatusError";
import { ILlmAnswer, ILlmTokens } from "../../interfaces/LlmUsage.interface";
import { readOpenAiTokens } from "../../utils/llm/llmTokens";

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
const formatInstruction = (format: object | "json") =>
  format === "json"
    ? "Answer with one JSON object and nothing else."
    : `Answer with one JSON object and nothing else, following this JSON schema:\n${JSON.stringify(format)}`;

/**
 * The conversation with the format instruction appended to its leading system message
 * (or as one): many chat templates accept a single system message, first, only.
 */
const withFormatInstruction = (messages: MessageModel[], format: object | "json"): MessageModel[] => {
  const [first, ...rest] = messages;
  if (first?.role === "system") {
    return [{ role: "system", content: `${first.content}\n\n${formatInstruction(format)}` }, ...rest];
  }
  return [{ role: "system", content: formatInstruction(format) }, ...messages];
};

/**
 * The openai package, loaded on first use: it takes a noticeable part of a second to
 * load, which users of the default Ollama protocol never pay.
 */
const loadOpenAi = singleshot(() => import("openai"));

/** The openai package's base class of HTTP and connection errors. */
type ApiErrorClass = Awaited<ReturnType<typeof loadOpenAi>>["APIError"];

/** A connected openai client and the error class it throws. */
interface IOpenAiClient {
  client: OpenAI;
  APIError: ApiErrorClass;
}

const isJsonModeRejection = (error: unknown, APIError: ApiErrorClass) =>
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
  private jsonModeRejected = false;

  constructor(readonly params: ILlmOpenAiParams) {}

  /** Endpoint base URL. */
  public get host() {
    return this.params.host;
  }

  /** The cache key: the protocol is part of it, so an Ollama answer is never served here. */
  public keyOf = (request: ILlmRequest) => hashJson({ provider: this.name, host: this.params.host, ...request });

  /** The assistant's text of one attempt, with the completion's usage (tokens). */
  public send = async (request: ILlmRequest, signal: AbortSignal): Promise<ILlmAnswer> => {
    const openai = await this.connect();
    const jsonMode = request.format !== undefined && !this.jsonModeRejected;
    try {
      return await this.complete(openai, request, signal, jsonMode);
    } catch (error) {
      if (!jsonMode || !isJsonModeRejection(error, openai.APIError)) {
        throw this.normalize(openai, error, signal);
      }
      await this.fallBackToPlain(request, (error as Error).message);
    }
    try {
      return await this.complete(openai, request, signal, false);
    } catch (error) {
      throw this.normalize(openai, error, signal);
    }
  };

  /** The openai client of this endpoint, made once, with its own retries off and no logging. */
  private connect = singleshot(async (): Promise<IOpenAiClient> => {
    const { default: OpenAIClient, APIError } = await loadOpenAi();
    const hasKey = this.params.apiKey.length > 0;
    const client = new OpenAIClient({
      baseURL: this.params.host,
      apiKey: hasKey ? this.params.apiKey : NO_KEY,
      defaultHeaders: hasKey ? undefined : { Authorization: null },
      adminAPIKey: null,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: NO_CLIENT_TIMEOUT,
      fetch: this.params.fetch,
      logLevel: "off",
    });
    return { client, APIError };
  });

  private fallBackToPlain = async (request: ILlmRequest, error: string) => {
    this.jsonModeRejected = true;
    await this.params.warn(
      "llm-json-fallback",
      `LLM endpoint ${this.params.host} (openai) rejected JSON mode for model ${request.model}: ${error}; answers are asked for and parsed as plain text from now on`,
      { provider: this.name, host: this.params.host, model: request.model, error }
    );
  };

  private complete = async (
    { client }: IOpenAiClient,
    request: ILlmRequest,
    signal: AbortSignal,
    jsonMode: boolean
  ): Promise<ILlmAnswer> => {
    const messages = request.format === undefined ? request.messages : withFormatInstruction(request.messages, request.format);
    const body = {
      ...request.options,
      model: request.model,
      messages,
      ...(jsonMode ? { response_format: { type: "json_object" as const } } : {}),
    };
    const { content, tokens } = this.params.stream
      ? await this.completeStreamed(client, body, signal)
      : await this.completeWhole(client, body, signal);
    if (typeof content !== "string") {
      throw new Error("the endpoint replied without choices[0].message.content");
    }
    return { content: jsonMode || request.format === undefined ? content : content.trim().replace(FENCED, "$1"), tokens };
  };

  private completeWhole = async (client: OpenAI, body: OpenAI.ChatCompletionCreateParamsNonStreaming, signal: AbortSignal) => {
    const completion = await client.chat.completions.create({ ...body, stream: false }, { signal });
    return { content: completion.choices?.[0]?.message?.content, tokens: readOpenAiTokens(completion.usage) };
  };

  /** The text of the chunks; the tokens of the chunk that carries `usage` (asked for with stream_options.include_usage; sent last). */
  private completeStreamed = async (client: OpenAI, body: OpenAI.ChatCompletionCreateParamsNonStreaming, signal: AbortSignal) => {
    const stream = await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal });
    let content: string | null = null;
    let tokens: ILlmTokens = { prompt: null, completion: null };
    for await (const chunk of stream) {
      const delta = chunk.choices?.[0]?.delta?.content;
      if (typeof delta === "string") {
        content = (content ?? "") + delta;
      }
      if (chunk.usage) {
        tokens = readOpenAiTokens(chunk.usage);
      }
    }
    return { content, tokens };
  };

  /** An HTTP error as LlmStatusError; an abort by the pool's signal as the signal's own reason (a TimeoutError). */
  private normalize = ({ APIError }: IOpenAiClient, error: unknown, signal: AbortSignal): unknown => {
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
