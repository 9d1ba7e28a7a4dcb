import { resolve } from "node:path";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import LlmConnectionService from "../connection/LlmConnectionService";
import ExchangeGlobalService from "./ExchangeGlobalService";
import BacktestMarkdownService from "../markdown/BacktestMarkdownService";
import { MethodContextService, TMethodContextService } from "../context/MethodContextService";
import { deliverEvent, deliverWarning } from "../context/EventContextService";
import { ILlmOptions, ILlmSignalAnswer, LlmProviderName, LlmSignalCheck, PromptMode } from "../../../interfaces/Llm.interface";
import { MessageModel } from "../../../interfaces/Message.interface";
import { DEFAULT_LLM_CACHE_DIR, LLM_ENV, LLM_PROVIDER_NAMES, LLM_PROVIDERS } from "../../../config/llm";
import { readSignalLimits } from "../../../config/params";
import { errorEmitter, reportInvalidSignal } from "../../../config/emitters";
import { findSignalProblem } from "../../../utils/engine/checkSignal";
import { decimalsOfText, unrebaseSignal } from "../../../utils/blind/blindFrame";
import { createBlindCheck, IBlindAnchor } from "../../../utils/blind/blindSignal";
import { findBlindLeaks } from "../../../utils/blind/blindText";
import { describeValue } from "../../../utils/describeValue";
import { hashJson } from "../../../utils/hashJson";
import { isNonEmptyString, isPlainObject } from "../../../utils/schemaChecks";
import { toError } from "../../../utils/toError";
import { findEndpointUnreachable } from "../../../utils/llm/endpointFailure";
import { OFF_WORDS } from "../../../utils/switchWords";
import { findRedisUrlProblem, isRedisUrl, redactUrl } from "../../../utils/redisUrl";
import { currentLlmTicket } from "../context/LlmTicketContextService";

const MESSAGE_ROLES = ["user", "assistant", "system"];

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
  for (const field of ["host", "model", "cacheDir", "cacheUrl"] as const) {
    const value = options[field];
    if (value !== undefined && !isNonEmptyString(value)) {
      throw new Error(`${source}: options.${field} must be a non-empty string, got ${describeValue(value)}`);
    }
  }
  if (options.cacheUrl !== undefined && options.cacheDir !== undefined) {
    throw new Error(`${source}: options.cacheUrl and options.cacheDir name two caches; give one, got ${describeValue(redactUrl(String(options.cacheUrl)))} and ${describeValue(options.cacheDir)}`);
  }
  if (options.cache !== undefined && typeof options.cache !== "boolean") {
    throw new Error(`${source}: options.cache must be a boolean, got ${describeValue(options.cache)}`);
  }
  if (options.blind !== undefined && typeof options.blind !== "boolean") {
    throw new Error(`${source}: options.blind must be a boolean, got ${describeValue(options.blind)}`);
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

/** Throws unless `value` is a Redis URL; names `field` and the value, its password redacted. */
const assertRedisUrl = (value: string, field: string, source: string): string => {
  const problem = findRedisUrlProblem(value);
  if (problem !== null) {
    throw new Error(
      `${source}: ${field} must be a Redis URL, redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss://..., ` +
        `got ${describeValue(redactUrl(value))}: ${problem}`
    );
  }
  return value;
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

/**
 * The outcome of a model call, handed to the getSignal of a tick asked for ahead only
 * when the run reaches that tick, so what that code does next (writing files, say)
 * happens as in a run without prefetch; for a tick the run skips, an error saying so.
 * Outside such a tick, the outcome as it comes.
 */
const holdUntilReached = async <T>(call: Promise<T>): Promise<T> => {
  const ticket = currentLlmTicket();
  if (ticket === null) {
    return await call;
  }
  const [outcome] = await Promise.allSettled([call]);
  await ticket.reached();
  if (outcome.status === "rejected") {
    throw outcome.reason;
  }
  return outcome.value;
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
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  /** Strategy and symbol pairs already warned about a leaking blind prompt. */
  private readonly warnedLeaks = new Set<string>();

  /**
   * The model's plain-text answer; throws when the request fails after its retries.
   * Inside a tick asked for ahead, given when the run reaches the tick (holdUntilReached).
   */
  public askText = (messages: MessageModel[], options?: ILlmOptions): Promise<string> =>
    holdUntilReached(this.answerText(messages, options));

  /**
   * A checked signal (or null) for the current tick; never throws for the model's sake.
   * Inside a tick asked for ahead, given when the run reaches the tick (holdUntilReached).
   */
  public askSignal = (messages: MessageModel[], options?: ILlmOptions): Promise<ILlmSignalAnswer> =>
    holdUntilReached(this.answerSignal(messages, options));

  private answerText = async (messages: MessageModel[], options?: ILlmOptions): Promise<string> => {
    const source = "askText";
    const checked = assertMessages(messages, source);
    const settings = assertOptions(options, source);
    if (settings.blind !== undefined) {
      throw new Error(`${source}: options.blind applies to askSignal only, got ${describeValue(settings.blind)}`);
    }
    const { client, model } = this.resolve(settings, source);
    this.loggerService.log("llmGlobalService askText", { messages: checked.length });
    return await client.text(model, checked, settings.options);
  };

  private answerSignal = async (messages: MessageModel[], options?: ILlmOptions): Promise<ILlmSignalAnswer> => {
    const source = "askSignal";
    const checked = assertMessages(messages, source);
    const settings = assertOptions(options, source);
    const { symbol, when } = this.exchangeGlobalService.getExecution(source);
    const { strategyName, frameName } = this.getMethodContext(source);
    const { client, model } = this.resolve(settings, source);
    const mode: PromptMode = settings.blind === true ? "blind" : "plain";
    const identity = { strategyName, symbol, when, model, messages: checked };
    const id = toConversationId(hashJson(mode === "blind" ? { ...identity, mode } : identity));
    const tick = `strategy ${strategyName} on ${symbol} at ${new Date(when).toISOString()}`;
    this.loggerService.log("llmGlobalService askSignal", { strategyName, symbol, when, id, mode });
    this.backtestMarkdownService.notePromptMode(symbol, strategyName, frameName, mode);

    const marketPrice = await this.exchangeGlobalService.getAveragePrice(symbol);
    const limits = readSignalLimits();
    const anchor = mode === "blind" ? await this.readBlindAnchor(symbol) : null;
    if (anchor !== null) {
      await this.warnOfLeaks(checked, { strategyName, symbol, when }, anchor.anchorPrice, tick);
    }
    const check: LlmSignalCheck =
      anchor === null
        ? (signal) => findSignalProblem(signal, marketPrice, limits)
        : createBlindCheck(anchor, marketPrice, limits);
    let outcome;
    try {
      outcome = await client.signal(
        model,
        checked,
        check,
        settings.options,
        (problem) =>
          deliverWarning("llm-reask", `${tick}: the LLM answered an invalid signal, asking once more: ${problem}`, {
            strategyName,
            symbol,
            when,
            model,
            problem,
          }),
        mode
      );
    } catch (error) {
      if (findEndpointUnreachable(error) !== null) {
        throw error;
      }
      const failure = toError(`${tick}: the LLM signal request failed, so the tick has no signal`, error);
      await deliverEvent(() => errorEmitter.next(failure));
      return { id, signal: null, answer: null };
    }
    if (outcome.problem !== null) {
      const rejection = new Error(`${tick}: the LLM answered an invalid signal twice, so the tick has no signal: ${outcome.problem}`);
      await deliverEvent(() => reportInvalidSignal(rejection));
      return { id, signal: null, answer: outcome.answer };
    }
    const signal = anchor === null ? outcome.signal : outcome.signal && unrebaseSignal(outcome.signal, anchor.anchorPrice, anchor.decimals);
    return { id, signal: signal && { ...signal, id }, answer: outcome.answer };
  };

  /** Raises "blind-prompt-leak" once per strategy and symbol when blind messages carry the symbol, a date or the real last close. */
  private warnOfLeaks = async (
    messages: MessageModel[],
    { strategyName, symbol, when }: { strategyName: string; symbol: string; when: number },
    anchorPrice: number,
    tick: string
  ) => {
    const key = `${strategyName}\u0000${symbol}`;
    if (this.warnedLeaks.has(key)) {
      return;
    }
    const found = findBlindLeaks(messages.map((message) => message.content), symbol, anchorPrice);
    if (found.length === 0) {
      return;
    }
    this.warnedLeaks.add(key);
    await deliverWarning(
      "blind-prompt-leak",
      `${tick}: askSignal was asked blind, but its messages carry ${found.join(", ")}, so the model can see what blind ` +
        "mode hides (format candles with formatCandlesBlind and call the asset ASSET); said once per strategy and symbol",
      { strategyName, symbol, when, found }
    );
  };

  /**
   * The anchor of a blind request: the close of the last closed 1m candle at the tick
   * (what formatCandlesBlind shows as 100 in the generated strategy), and the decimals
   * the exchange's formatPrice writes it with.
   */
  private readBlindAnchor = async (symbol: string): Promise<IBlindAnchor> => {
    const candles = await this.exchangeGlobalService.getCandles(symbol, "1m", 1);
    if (candles.length === 0) {
      throw new Error(`askSignal with blind: true: the exchange has no closed 1m candle of ${symbol} to rebase prices on`);
    }
    const anchorPrice = candles[candles.length - 1].close;
    const decimals = decimalsOfText(await this.exchangeGlobalService.formatPrice(symbol, anchorPrice));
    return { anchorPrice, decimals };
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
      ...this.resolveCache(settings, source),
      apiKey: readEnv(env.apiKey) ?? "",
      stream: settings.stream === true,
    });
    return { client, model };
  };

  /**
   * Where the response cache of a call is: off (cache: false or BACKTEST_KIT_LLM_CACHE=off),
   * else options.cacheUrl (Redis) or options.cacheDir, else a Redis URL in
   * BACKTEST_KIT_LLM_CACHE, else BACKTEST_KIT_LLM_CACHE_DIR, else the default directory.
   */
  private resolveCache = (settings: ILlmOptions, source: string): { cacheDir: string | null; cacheUrl: string | null } => {
    const fromEnv = readEnv(LLM_ENV.cache) ?? "";
    if (settings.cache === false || OFF_WORDS.includes(fromEnv.toLowerCase())) {
      return { cacheDir: null, cacheUrl: null };
    }
    if (settings.cacheUrl !== undefined) {
      return { cacheDir: null, cacheUrl: assertRedisUrl(settings.cacheUrl, "options.cacheUrl", source) };
    }
    if (settings.cacheDir === undefined && isRedisUrl(fromEnv)) {
      return { cacheDir: null, cacheUrl: assertRedisUrl(fromEnv, LLM_ENV.cache, source) };
    }
    return { cacheDir: resolve(settings.cacheDir ?? readEnv(LLM_ENV.cacheDir) ?? DEFAULT_LLM_CACHE_DIR), cacheUrl: null };
  };
}

export default LlmGlobalService;
