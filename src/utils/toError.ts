import { describeValue } from "./describeValue";

/**
 * An Error whose message starts with `context`, keeping what was thrown as `cause`.
 * Whatever was thrown (an Error, null, a string) becomes a real Error.
 */
export const toError = (context: string, thrown: unknown): Error => {
  const reason =
    thrown instanceof Error ? thrown.message : `non-Error value thrown: ${describeValue(thrown)}`;
  return new Error(`${context}: ${reason}`, { cause: thrown });
};
