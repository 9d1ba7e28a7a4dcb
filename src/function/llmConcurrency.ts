import backtest from "../lib/index";
import { ILlmConcurrency } from "../interfaces/LlmLimiter.interface";
import { llmConcurrencyText } from "../utils/llm/llmConcurrencyText";

/**
 * Where the process's model request pool stands now: its mode ("adaptive" unless
 * CC_LLM_CONCURRENCY fixes it), the limit of requests in flight, the highest it reached,
 * how often it fell and its last move with the reason; `text` is the one-line summary the
 * backtest-kit command prints. Null while the pool has sent no request (since the last
 * change of CC_LLM_CONCURRENCY, _MIN or _MAX).
 *
 * @example
 * await Walker.run(...);
 * const concurrency = getLlmConcurrency();
 * if (concurrency) console.log(concurrency.text);
 */
export function getLlmConcurrency(): ILlmConcurrency | null {
  const snapshot = backtest.llmConnectionService.getConcurrency();
  return snapshot === null ? null : { ...snapshot, text: llmConcurrencyText(snapshot) };
}
