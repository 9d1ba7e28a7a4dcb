/** Who said a message in an LLM conversation. */
export type MessageRole = "assistant" | "system" | "user";

/** One message of an LLM conversation, as Ollama's chat API takes it. */
export interface MessageModel {
  /** Who said it. */
  role: MessageRole;
  /** What was said. */
  content: string;
}
