/** A call that did not settle within its bound; `timeoutMs` is that bound, when known. */
export class TimeoutError extends Error {
  readonly timeoutMs: number | undefined;

  constructor(message: string, options?: { cause?: unknown; timeoutMs?: number }) {
    super(message, options);
    this.name = "TimeoutError";
    this.timeoutMs = options?.timeoutMs;
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
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`, { timeoutMs: ms })), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
};

/** The call a TimeoutGuard watches. */
interface IGuardedCall {
  deadline: number;
  ms: number;
  label: number;
  reject: (error: Error) => void;
}

/**
 * withTimeout for a stream of calls made one after another (getSignal at every due
 * tick): one timer serves them all instead of a timer per call. While a call runs the
 * timer holds the process open; between calls it is unref'd, so a finished run never
 * waits for it. When it fires early for the current call it re-arms for the rest.
 */
export class TimeoutGuard {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private active: IGuardedCall | null = null;

  /** `describe(label)` names a call in its TimeoutError. */
  constructor(private readonly describe: (label: number) => string) {}

  /** Settles like `value` (a promise or a plain value), or rejects with a TimeoutError after `ms`. */
  public run = <T>(value: T | PromiseLike<T>, ms: number, label: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const call: IGuardedCall = { deadline: Date.now() + ms, ms, label, reject };
      this.active = call;
      if (this.timer === null) {
        this.timer = setTimeout(this.expire, ms);
      } else {
        this.timer.ref();
      }
      Promise.resolve(value).then(
        (result) => {
          this.settle(call);
          resolve(result);
        },
        (error) => {
          this.settle(call);
          reject(error);
        }
      );
    });

  private settle = (call: IGuardedCall) => {
    if (this.active === call) {
      this.active = null;
      this.timer?.unref();
    }
  };

  private expire = () => {
    this.timer = null;
    const call = this.active;
    if (call === null) {
      return;
    }
    const left = call.deadline - Date.now();
    if (left > 0) {
      this.timer = setTimeout(this.expire, left);
      return;
    }
    this.active = null;
    call.reject(new TimeoutError(`${this.describe(call.label)} timed out after ${call.ms} ms`, { timeoutMs: call.ms }));
  };
}
