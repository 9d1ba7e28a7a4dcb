import type { TObserver } from "functools-kit";

/**
 * One of the library's event subjects as `emitters` hands it out: 1.4's subject surface
 * for listening (subscribe, once, filter, map, toObserver, toPromise) without `next`, so
 * no caller can send events of its own into a run's subjects.
 */
export interface IListenOnlySubject<T> {
  /** Calls `fn` with every event, as the matching `listen*` function does. @returns A function that unsubscribes. */
  subscribe(fn: (event: T) => void | Promise<void>): () => void;
  /** Calls `fn` with the next event only. @returns A function that unsubscribes before it came. */
  once(fn: (event: T) => void | Promise<void>): () => void;
  /** An observer of the events that pass `fn`; it listens until its subscribers leave. */
  filter(fn: (event: T) => boolean): TObserver<T>;
  /** An observer of `fn` applied to every event; it listens until its subscribers leave. */
  map<U>(fn: (event: T) => U): TObserver<U>;
  /** functools-kit's observer over the events (debounce, reduce, merge ...). */
  toObserver(): TObserver<T>;
  /** Resolves with the next event. */
  toPromise(): Promise<T>;
}
