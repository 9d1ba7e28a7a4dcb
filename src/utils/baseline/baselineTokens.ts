/** Whitespace-separated words of a text: the baseline model's "tokens" (it has no tokenizer). */
const countWords = (text: string) => text.split(/\s+/).filter((word) => word.length > 0).length;

/**
 * The token counts a baseline reply reports, in Ollama's fields: `prompt_eval_count`, the
 * words of every message's content; `eval_count`, the words of the answer. Deterministic,
 * so runs against the baseline show real, repeatable numbers in getLlmUsage.
 */
export const baselineTokenCounts = (messages: ReadonlyArray<{ content?: unknown }>, answer: string) => ({
  prompt_eval_count: messages.reduce((sum, message) => sum + (typeof message.content === "string" ? countWords(message.content) : 0), 0),
  eval_count: countWords(answer),
});
