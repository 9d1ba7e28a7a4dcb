import { describeValue } from "./describeValue";

/** How deep a cause chain is followed: enough for every layer, bounded against cycles. */
const MAX_CHAIN_LENGTH = 16;

/** The error and its causes, outermost first (bounded, and stopping at a cycle). */
export const causeChain = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (
    let item = error;
    item !== undefined && item !== null && chain.length < MAX_CHAIN_LENGTH && !chain.includes(item);
    item = (item as Error).cause
  ) {
    chain.push(item);
  }
  return chain;
};

/** The message of one link: an Error's message, or what was thrown. */
const messageOf = (item: unknown): string =>
  item instanceof Error ? item.message || item.name : `non-Error value thrown: ${describeValue(item)}`;

/**
 * One line for a failure: each layer's own context, outermost first, then the root
 * cause, joined by ": ". A layer whose message already ends with the line of its causes
 * (the library's own errors: toError) or with its cause's message (errors made elsewhere
 * that way) contributes only its own part, so no text repeats.
 */
export const errorLine = (error: unknown): string => {
  const messages = causeChain(error).map(messageOf);
  let line = "";
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    const next = messages[index + 1];
    if (line === "" || message === line || message.endsWith(`: ${line}`)) {
      line = message || line;
    } else if (message === next || message === "") {
      continue;
    } else if (next !== undefined && message.endsWith(`: ${next}`)) {
      line = `${message.slice(0, -next.length - 2)}: ${line}`;
    } else {
      line = `${message}: ${line}`;
    }
  }
  return line;
};

/** The line, then every link of the chain with its stack, for BACKTEST_KIT_VERBOSE=1. */
export const errorChainText = (error: unknown): string =>
  [
    errorLine(error),
    ...causeChain(error).map((item, index) => {
      const text = item instanceof Error ? item.stack ?? `${item.name}: ${item.message}` : messageOf(item);
      return index === 0 ? text : `Caused by: ${text}`;
    }),
  ].join("\n");

/**
 * The message of an error that wraps `cause`: `context`, then ": " and the cause's own
 * line (its context and, at the end, the root cause, once). Loggers, test runners and
 * `console.log(error.message)` show the reason without walking `.cause`.
 */
export const messageWithCause = (context: string, cause: unknown): string => {
  const line = errorLine(cause);
  return line === "" ? context : `${context}: ${line}`;
};
