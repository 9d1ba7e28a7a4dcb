import { describeValue } from "./describeValue";
import { messageWithCause } from "./errorChain";

/**
 * The one way the library wraps what it caught: an Error whose message is `context`
 * followed by the cause's line, so it ends with the root cause once
 * (`walker wk skipped strategy bad: indicator failed`), keeping what was thrown as
 * `cause` for code that walks the chain. Whatever was thrown (an Error, a string) stays
 * reachable as the cause; null or undefined becomes an Error saying so.
 */
export const toError = (context: string, thrown: unknown): Error => {
  const cause = thrown ?? new Error(`non-Error value thrown: ${describeValue(thrown)}`);
  return new Error(messageWithCause(context, cause), { cause });
};
