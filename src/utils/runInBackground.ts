import { reportFailures } from "./reportFailures";

/**
 * Starts `start(isCancelled)` and drains it without waiting: a failure goes to
 * listenError and never becomes an unhandled rejection. Returns the function that
 * cancels the run; the run checks it at every tick.
 */
export const runInBackground = (start: (isCancelled: () => boolean) => AsyncGenerator<unknown>): (() => void) => {
  let cancelled = false;
  const isCancelled = () => cancelled;
  const drain = async () => {
    for await (const _ of reportFailures(() => start(isCancelled))) {
      if (cancelled) {
        break;
      }
    }
  };
  drain().catch(() => undefined);
  return () => {
    cancelled = true;
  };
};
