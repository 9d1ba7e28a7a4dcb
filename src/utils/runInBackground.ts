import { reportFailures } from "./report/reportFailures";

/**
 * Starts `start(isCancelled)` and drains it without waiting: a failure goes to
 * listenError and never becomes an unhandled rejection. Returns the function that
 * cancels the run; the run checks it at every tick and still emits its done event.
 */
export const runInBackground = (start: (isCancelled: () => boolean) => AsyncGenerator<unknown>): (() => void) => {
  let cancelled = false;
  const isCancelled = () => cancelled;
  const drain = async () => {
    for await (const _ of reportFailures(() => start(isCancelled))) {
      // The run checks isCancelled at every tick and then ends with its done event.
    }
  };
  drain().catch(() => undefined);
  return () => {
    cancelled = true;
  };
};
