import backtest from "../lib/index";
import { ILlmOptions, ILlmSignalAnswer } from "../interfaces/Llm.interface";
import { MessageModel } from "../interfaces/Message.interface";

/**
 * Asks the model for a plain-text answer. Replies come from the response cache when the
 * same request was answered before; transient failures are retried with backoff; a
 * request that still fails throws. Works anywhere (in getPrompt, in a strategy).
 *
 * @example
 * const strategy = await askText([{ role: "user", content: "Describe a BTC strategy" }]);
 */
export async function askText(messages: MessageModel[], options?: ILlmOptions): Promise<string> {
  return await backtest.llmGlobalService.askText(messages, options);
}

/**
 * Asks the model for a trading signal at the current tick (call it from getSignal).
 * The answer is parsed and checked against the signal rules; "wait" gives no signal; an
 * invalid answer is asked again once with the problem quoted, then reported through
 * listenValidation; a request that fails after its retries is reported through
 * listenError. In every such case `signal` is null and the backtest goes on.
 *
 * @example
 * const { id, signal } = await askSignal(messages);
 * return signal; // carries `id`, stable for the same conversation at the same tick
 */
export async function askSignal(messages: MessageModel[], options?: ILlmOptions): Promise<ILlmSignalAnswer> {
  return await backtest.llmGlobalService.askSignal(messages, options);
}
