import { errorEmitter } from "../../config/emitters";

/** Passes every item of `source()` on; a failure is reported to listenError, then rethrown. */
export async function* reportFailures<T>(source: () => AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* source();
  } catch (error) {
    await errorEmitter.next(error as Error);
    throw error;
  }
}
