import { describeValue } from "./describeValue";

/**
 * An Error whose message is `context` alone, keeping what was thrown as `cause`: each
 * layer adds only its own context, and the root cause's text appears once, at the end
 * of the chain (errorLine / formatError join them into one line). Whatever was thrown
 * (an Error, a string) stays reachable as the cause; null or undefined becomes an Error
 * saying so.
 */
export const toError = (context: string, thrown: unknown): Error => {
  const cause = thrown ?? new Error(`non-Error value thrown: ${describeValue(thrown)}`);
  return new Error(context, { cause });
};
