import { RaiseWarning } from "../contract/Warning.contract";

/**
 * Waits for what user code returned (a listener's or callback's result) at most `ms`:
 * resolves true when it settled in time, false when the bound passed first. A plain
 * value settles at once (no timer); a rejection in time is thrown; after the bound the
 * promise is left to itself and its later settling, a rejection included, is ignored.
 */
export const settleWithin = (value: unknown, ms: number): Promise<boolean> => {
  if (!isThenable(value)) {
    return Promise.resolve(true);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late = false;
  const settled = Promise.resolve(value).then(
    () => true,
    (error: unknown) => {
      if (late) {
        return false;
      }
      throw error;
    }
  );
  const expiry = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve(false);
    }, ms);
  });
  return Promise.race([settled, expiry]).finally(() => clearTimeout(timer));
};

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

/** The "listener-timeout" warning's message: `listener` did not settle within `ms`. */
export const describeListenerTimeout = (listener: string, ms: number) =>
  `${listener} did not settle within ${ms} ms; the run went on without it`;

/**
 * Awaits what a user callback returned, at most `ms`; past the bound it raises a
 * "listener-timeout" warning naming `listener` and returns, so the run goes on.
 */
export const awaitCallback = async (value: unknown, ms: number, listener: string, warn: RaiseWarning) => {
  if (!(await settleWithin(value, ms))) {
    await warn("listener-timeout", describeListenerTimeout(listener, ms), {
      listener,
      timeoutMs: ms,
    });
  }
};
