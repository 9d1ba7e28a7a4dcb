import { resolve } from "node:path";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import LlmConnectionService from "../connection/LlmConnectionService";
import ExchangeGlobalService from "./ExchangeGlobalService";
import { MethodContextService, TMethodContextService } from "../context/MethodContextService";
import { ILlmOptions, ILlmSignalAnswer, LlmProviderName } from "../../../interfaces/Llm.interface";
import { MessageModel } from "../../../interfaces/Message.interface";
import { DEFAULT_LLM_CACHE_DIR, LLM_ENV, LLM_PROVIDER_NAMES, LLM_PROVIDERS } from "../../../config/llm";
import { readSignalLimits } from "../../../config/params";
import { errorEmitter, raiseWarning, reportInvalidSignal } from "../../../config/emitters";
import { findSignalProblem } from "../../../utils/checkSignal";
import { describeValue } from "../../../utils/describeValue";
import { hashJson } from "../../../utils/hashJson";
import { isNonEmptyString, isPlainObject } from "../../../utils/schemaChecks";
import { toError } from "../../../utils/toError";

const MESSAGE_ROLES = ["user", "assistant", "system"];

/** Values of BACKTEST_KIT_LLM_CACHE that turn the cache off. */
const CACHE_OFF_VALUES = ["off", "0", "false", "no"];

const readEnv = (name: string) => {
  const value = process.env[name];
  return isNonEmptyString(value) ? value.trim() : undefined;
};

/** Throws unless `messages` is an array of {role, content} with a known role and text content. */
const assertMessages = (messages: unknown, source: string): MessageModel[] => {
  if (!Array.isArray(messages)) {
    throw new Error(`${source}: messages must be an array of { role, content }, got ${describeValue(messages)}`);
  }
  messages.forEach((message, index) => {
    if (!isPlainObject(message) || !MESSAGE_ROLES.includes(message.role as string)) {
      throw new Error(`${source}: messages[${index}].role must be one of ${MESSAGE_ROLES.join(", ")}, got ${describeValue(message?.role)}`);
    }
    if (typeof message.content !== "string") {
      throw new Error(`${source}: messages[${index}].content must be a string, got ${describeValue(message.content)}`);
    }
  });
  return messages.map(({ role, content }) => ({ role, content }));
};

/** Throws unless the options are absent or well-formed; names the field and the value. */
const assertOptions = (options: unknown, source: string): ILlmOptions => {
  if (options === undefined) {
    return {};
  }
  if (!isPlainObject(options)) {
    throw new Error(`${source}: options must be an object, got ${describeValue(options)}`);
  }
  for (const field of ["host", "model", "cacheDir"] as const) {
    const value = options[field];
    if (value !== undefined && !isNonEmptyString(value)) {
      throw new Error(`${source}: options.${field} must be a non-empty string, got ${describeValue(value)}`);
    }
  }
  if (options.cache !== undefined && typeof options.cache !== "boolean") {
    throw new Error(`${source}: options.cache must be a boolean, got ${describeValue(options.cache)}`);
  }
  if (options.options !== undefined && !isPlainObject(options.options)) {
    throw new Error(`${source}: options.options must be an object, got ${describeValue(options.options)}`);
  }
  if (options.provider !== undefined && !isProviderName(options.provider)) {
    throw new Error(`${source}: options.provider must be one of ${LLM_PROVIDER_NAMES.join(", ")}, got ${describeValue(options.provider)}`);
  }
  if (options.stream !== undefined && typeof options.stream !== "boolean") {
    throw new Error(`${source}: options.stream must be a boolean, got ${describeValue(options.stream)}`);
  }
  return options as ILlmOptions;
};

const isProviderName = (value: unknown): value is LlmProviderName => LLM_PROVIDER_NAMES.includes(value as LlmProviderName);

/** The protocol of a call: the option, else BACKTEST_KIT_LLM_PROVIDER (checked), else Ollama. */
const resolveProvider = (settings: ILlmOptions, source: string): LlmProviderName => {
  if (settings.provider !== undefined) {
    return settings.provider;
  }
  const fromEnv = readEnv(LLM_ENV.provider);
  if (fromEnv === undefined) {
    return "ollama";
  }
  if (!isProviderName(fromEnv)) {
    throw new Error(`${source}: ${LLM_ENV.provider} must be one of ${LLM_PROVIDER_NAMES.join(", ")}, got ${describeValue(fromEnv)}`);
  }
  return fromEnv;
};

/** A UUID-shaped id from a content hash, so the same conversation at the same tick keeps its id. */
const toConversationId = (hash: string) =>
  `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;

/**
 * The entry points of askText and askSignal: checks the arguments, resolves protocol,
 * endpoint, model and cache from the options, else the environment, else the defaults
 * (the API key only ever from the environment), and, for signals, ties the
 * request to the running tick: the answer is checked against the signal rules at the
 * tick's average price, and a failed request or a rejected answer is reported (with
 * strategy and tick) and becomes "no signal" instead of an error.
 */
export class LlmGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);
  private readonly exchangeGlobalService = inject<ExchangeGlobalService>(TYPES.exchangeGlobalService);
  private readonly methodContextService = inject<TMethodContextService>(TYPES.methodContextService);

  /** The model's plain-text answer; throws when the request fails after its retries. */
  public askText = async (messages: MessageModel[], options?: ILlmOptions): Promise<string> => {
    const source = "askText";
    const checked = assertMessages(messages, source);
    const settings = assertOptions(options, source);
    const { client, model } = this.resolve(settings, source);
    this.loggerService.log("llmGlobalService askText", { messages: checked.length });
    return await client.text(model, checked, settings.options);
  };

  /** A checked signal (or null) for the current tick; never throws for the model's sake. */
  public askSignal = async (messages: MessageModel[], options?: ILlmOptions): Promise<ILlmSignalAnswer> => {
    const source = "askSignal";
    const checked = assertMessages(messages, source);
    const settings = assertOptions(options, source);
    const { symbol, when } = this.exchangeGlobalService.getExecution(source);
    const { strategyName } = this.getMethodContext(source);
    const { client, model } = this.resolve(settings, source);
    const id = toConversationId(hashJson({ strategyName, symbol, when, model, messages: checked }));
    const tick = `strategy ${strategyName} on ${symbol} at ${new Date(when).toISOString()}`;
    this.loggerService.log("llmGlobalService askSignal", { strategyName, symbol, when, id });

    const marketPrice = await this.exchangeGlobalService.getAveragePrice(symbol);
    const limits = readSignalLimits();
    let outcome;
    try {
      outcome = await client.signal(
        model,
        checked,
        (signal) => findSignalProblem(signal, marketPrice, limits),
        settings.options,
        (problem) =>
          raiseWarning("llm-reask", `${tick}: the LLM answered an invalid signal, asking once more: ${problem}`, {
            strategyName,
            symbol,
            when,
            model,
            problem,
          })
      );
    } catch (error) {
      await errorEmitter.next(toError(`${tick}: the LLM signal request failed, so the tick has no signal`, error));
      return { id, signal: null, answer: null };
    }
    if (outcome.problem !== null) {
      const rejection = new Error(`${tick}: the LLM answered an invalid signal twice, so the tick has no signal: ${outcome.problem}`);
      await reportInvalidSignal(rejection);
      return { id, signal: null, answer: outcome.answer };
    }
    return { id, signal: outcome.signal && { ...outcome.signal, id }, answer: outcome.answer };
  };

  private getMethodContext = (source: string) => {
    if (!MethodContextService.hasContext()) {
      throw new Error(`${source} must be called inside a run (from getSignal)`);
    }
    return this.methodContextService.context;
  };

  /** The client and model of a call: options, else the protocol's environment variables, else its defaults. */
  private resolve = (settings: ILlmOptions, source: string) => {
    const provider = resolveProvider(settings, source);
    const env = LLM_PROVIDERS[provider];
    const model = settings.model ?? readEnv(env.model) ?? env.defaultModel;
    if (model === null) {
      throw new Error(`${source}: no model for provider "${provider}": set options.model or ${env.model}`);
    }
    if (settings.stream === true && provider !== "openai") {
      throw new Error(`${source}: options.stream is only for provider "openai", and the provider is "${provider}"`);
    }
    const client = this.llmConnectionService.getLlm({
      provider,
      host: settings.host ?? readEnv(env.host) ?? env.defaultHost,
      cacheDir: this.resolveCacheDir(settings),
      apiKey: readEnv(env.apiKey) ?? "",
      stream: settings.stream === true,
    });
    return { client, model };
  };

  private resolveCacheDir = (settings: ILlmOptions): string | null => {
    const switchedOff = CACHE_OFF_VALUES.includes((readEnv(LLM_ENV.cache) ?? "").toLowerCase());
    if (settings.cache === false || switchedOff) {
      return null;
    }
    return resolve(settings.cacheDir ?? readEnv(LLM_ENV.cacheDir) ?? DEFAULT_LLM_CACHE_DIR);
  };
}

export default LlmGlobalService;
