import { ILlmTokens } from "../../interfaces/LlmUsage.interface";

/** A reported token count: a whole number of at least 0, else null (left out or nonsense). */
const countOf = (value: unknown): number | null =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;

/** The tokens of an Ollama /api/chat reply: `prompt_eval_count` and `eval_count` of the final response. */
export const readOllamaTokens = (reply: unknown): ILlmTokens => {
  const { prompt_eval_count, eval_count } = (reply ?? {}) as { prompt_eval_count?: unknown; eval_count?: unknown };
  return { prompt: countOf(prompt_eval_count), completion: countOf(eval_count) };
};

/** The tokens of an OpenAI chat completion (or of the stream chunk carrying it): `usage.prompt_tokens` and `usage.completion_tokens`. */
export const readOpenAiTokens = (usage: unknown): ILlmTokens => {
  const { prompt_tokens, completion_tokens } = (usage ?? {}) as { prompt_tokens?: unknown; completion_tokens?: unknown };
  return { prompt: countOf(prompt_tokens), completion: countOf(completion_tokens) };
};
