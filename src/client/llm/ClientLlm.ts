import {
  ILlmParams,
  ILlmProvider,
  ILlmReply,
  ILlmRequest,
  ILlmSignalOutcome,
  LlmSignalCheck,
  PromptMode,
} from "../../interfaces/Llm.interface";
import { MessageModel } from "../../interfaces/Message.interface";
import { ISignalDto } from "../../interfaces/Strategy.interface";
import { BLIND_SIGNAL_NOTE, SIGNAL_FORMAT, SIGNAL_SYSTEM_PROMPT } from "../../config/llm";
import { hashJson } from "../../utils/hashJson";
import { tryParseJson } from "../../utils/tryParseJson";

/** How much of an unparsable answer a validation message quotes. */
const QUOTE_LENGTH = 200;

/** The verdict on one answer to a signal request. */
interface ISignalVerdict {
  answer: unknown;
  signal: ISignalDto | null;
  problem: string | null;
}

const isWait = (value: unknown) =>
  typeof value === "object" && value !== null && (value as { position?: unknown }).position === "wait";

/** The signal fields of a checked answer, and nothing else the model added. */
const pickSignal = (value: ISignalDto): ISignalDto => ({
  position: value.position,
  note: typeof value.note === "string" ? value.note : undefined,
  priceOpen: typeof value.priceOpen === "number" ? value.priceOpen : undefined,
  priceTakeProfit: value.priceTakeProfit,
  priceStopLoss: value.priceStopLoss,
  minuteEstimatedTime: value.minuteEstimatedTime,
});

/** Parses an answer and checks it: "wait" is no signal and no problem. */
const judgeAnswer = (content: string, check: LlmSignalCheck): ISignalVerdict => {
  const parsed = tryParseJson(content.trim());
  if (!parsed.ok) {
    return { answer: content, signal: null, problem: `the answer is not JSON: ${JSON.stringify(content.slice(0, QUOTE_LENGTH))}` };
  }
  if (isWait(parsed.value)) {
    return { answer: parsed.value, signal: null, problem: null };
  }
  const problem = check(parsed.value);
  return problem === null
    ? { answer: parsed.value, signal: pickSignal(parsed.value as ISignalDto), problem: null }
    : { answer: parsed.value, signal: null, problem };
};

/** The follow-up that tells the model why its answer was rejected. */
const createReask = (problem: string): MessageModel => ({
  role: "user",
  content: [
    `Your answer was rejected: ${problem}.`,
    "Answer again with one JSON object that follows the schema and the rules, or with position wait.",
  ].join("\n"),
});

/**
 * Answers chat requests at one endpoint: every request is looked up in the response
 * cache first (a hit sends nothing and takes no pool slot), otherwise sent through the
 * process-wide request pool (limit, queue, retries, rate limits, shared identical
 * requests) by the endpoint's provider (Ollama or OpenAI-compatible). Signal requests
 * are parsed and checked; a rejected answer gets one re-ask that quotes the problem.
 */
export class ClientLlm {
  constructor(readonly params: ILlmParams) {}

  /**
   * The reply to `request`, from the cache or the endpoint; throws after the last failed
   * attempt. A blind request's cache key also holds the mode, so blind and plain answers
   * never mix; a plain key is what it always was.
   */
  public chat = async (request: ILlmRequest, mode: PromptMode = "plain"): Promise<ILlmReply> => {
    const { provider, pool, cache, logger } = this.params;
    const key = mode === "blind" ? hashJson({ mode, key: provider.keyOf(request) }) : provider.keyOf(request);
    const cached = await cache?.get(key);
    if (typeof cached === "string") {
      logger.debug("clientLlm cache hit", { key, model: request.model });
      this.params.usage.noteCached(request.model);
      return { key, content: cached };
    }
    const content = await pool.run({
      key,
      provider: provider.name,
      host: provider.host,
      model: request.model,
      send: this.countedSend(provider, request),
    });
    await cache?.set(key, content);
    return { key, content };
  };

  /** The pool's attempt function for `request`: each attempt counted (sent or retry), timed, and its tokens added. */
  private countedSend = (provider: ILlmProvider, request: ILlmRequest) => {
    let attempt = 0;
    return async (signal: AbortSignal): Promise<string> => {
      attempt += 1;
      const end = this.params.usage.beginAttempt(request.model, attempt);
      try {
        const answer = await provider.send(request, signal);
        end(answer.tokens);
        return answer.content;
      } catch (error) {
        end(null);
        throw error;
      }
    };
  };

  /** Plain text answer to a conversation. */
  public text = async (model: string, messages: MessageModel[], options?: Record<string, unknown>) =>
    (await this.chat({ model, messages, options })).content;

  /**
   * A signal for a conversation: the signal system prompt (with the blind-scale rules in
   * blind mode) and structured-output schema are added; the answer is parsed and passed
   * to `check`; a rejected answer is asked again once with the problem quoted, after
   * `onReask(problem)`.
   */
  public signal = async (
    model: string,
    messages: MessageModel[],
    check: LlmSignalCheck,
    options?: Record<string, unknown>,
    onReask: (problem: string) => Promise<void> = async () => undefined,
    mode: PromptMode = "plain"
  ): Promise<ILlmSignalOutcome> => {
    const system = mode === "blind" ? `${SIGNAL_SYSTEM_PROMPT}\n\n${BLIND_SIGNAL_NOTE}` : SIGNAL_SYSTEM_PROMPT;
    const request: ILlmRequest = {
      model,
      messages: [{ role: "system", content: system }, ...messages],
      format: SIGNAL_FORMAT,
      options,
    };
    const first = await this.chat(request, mode);
    const verdict = judgeAnswer(first.content, check);
    if (verdict.problem === null) {
      return { key: first.key, ...verdict };
    }
    this.params.logger.info("clientLlm signal rejected, asking again", { problem: verdict.problem });
    await onReask(verdict.problem);
    const reask = await this.chat({
      ...request,
      messages: [...request.messages, { role: "assistant", content: first.content }, createReask(verdict.problem)],
    }, mode);
    return { key: first.key, ...judgeAnswer(reask.content, check) };
  };
}

export default ClientLlm;
