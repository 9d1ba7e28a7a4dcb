import { describeValue } from "../describeValue";
import { isPlainObject } from "../schemaChecks";

/** The problem with the `index`-th message of a chat request, or null. */
const findMessageProblem = (message: unknown, index: number): string | null => {
  if (!isPlainObject(message)) {
    return `messages[${index}] must be an object, got ${describeValue(message)}`;
  }
  if (typeof message.role !== "string") {
    return `messages[${index}].role must be a string, got ${describeValue(message.role)}`;
  }
  if (message.content !== undefined && typeof message.content !== "string") {
    return `messages[${index}].content must be a string, got ${describeValue(message.content)}`;
  }
  return null;
};

/**
 * The problem with a parsed `/api/chat` body, or null when it can be answered: an object
 * whose messages (if any) are objects with a string role and string content, whose
 * format is absent, "", "json" or a JSON schema object, and whose model and stream have
 * their types.
 */
export const findChatRequestProblem = (body: unknown): string | null => {
  if (!isPlainObject(body)) {
    return `the request body must be a JSON object, got ${describeValue(body)}`;
  }
  const { model, messages, format, stream } = body;
  if (model !== undefined && typeof model !== "string") {
    return `model must be a string, got ${describeValue(model)}`;
  }
  if (messages !== undefined && !Array.isArray(messages)) {
    return `messages must be an array, got ${describeValue(messages)}`;
  }
  const messageProblem = ((messages ?? []) as unknown[]).map(findMessageProblem).find((problem) => problem !== null);
  if (messageProblem !== undefined) {
    return messageProblem;
  }
  const formatOk = format === undefined || format === null || format === "" || format === "json" || isPlainObject(format);
  if (!formatOk) {
    return `format must be "json" or a JSON schema object, got ${describeValue(format)}`;
  }
  if (stream !== undefined && typeof stream !== "boolean") {
    return `stream must be a boolean, got ${describeValue(stream)}`;
  }
  return null;
};
