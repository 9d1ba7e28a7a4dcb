/** A call that did not settle within its bound. */
export class TimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TimeoutError";
  }
}

/**
 * Settles like `promise`, or rejects with a TimeoutError naming `what` after `ms`. The
 * timer is cleared as soon as the promise settles, so a finished run leaves no timer
 * holding the process open (functools-kit's `timeout` leaves its sleep running).
 */
export const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
};
