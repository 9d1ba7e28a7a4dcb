/**
 * The token counts the loopback model servers report, as a real endpoint reports its
 * tokenizer's: one token per whitespace-separated word. The prompt's count is every
 * message's content (and nothing else); the completion's is the answer's.
 */
export const countTokens = (text) => String(text).split(/\s+/).filter(Boolean).length;

/** Prompt tokens of a chat request body: the words of all its messages. */
export const promptTokensOf = (body) => (body.messages ?? []).reduce((sum, message) => sum + countTokens(message.content ?? ""), 0);
