import { Observer } from "functools-kit";
import type { Subject } from "functools-kit";
import {
  signalEmitter,
  signalLiveEmitter,
  signalBacktestEmitter,
  errorEmitter,
  doneLiveSubject,
  doneBacktestSubject,
  doneWalkerSubject,
  progressBacktestEmitter,
  progressWalkerEmitter,
  progressOptimizerEmitter,
  performanceEmitter,
  walkerEmitter,
  walkerCompleteSubject,
  validationSubject,
  partialProfitSubject,
  partialLossSubject,
} from "../config/emitters";
import { subscribe, subscribeOnce } from "./event";
import { IListenOnlySubject } from "../interfaces/Emitters.interface";

/** Every event passes: `once` takes the next one. */
const anyEvent = () => true;

/**
 * The listen-only view of `subject`: every way in goes through the guarded subscription of
 * the `listen*` functions (events in order, a bound per event, a throwing listener logged
 * and warned about), so it counts as a listener and features paid for only while someone
 * listens (per-tick timings, partial milestones) turn on.
 */
const listenOnly = <T>(name: string, subject: Subject<T>): IListenOnlySubject<T> => {
  const source = `emitters.${name}`;
  const toObserver = () => {
    let unsubscribe = () => undefined as void;
    const observer = new Observer<T>(() => unsubscribe());
    unsubscribe = subscribe<T>(source, subject, (event) => observer.emit(event));
    return observer;
  };
  return Object.freeze({
    subscribe: (fn: (event: T) => void | Promise<void>) => subscribe<T>(source, subject, fn),
    once: (fn: (event: T) => void | Promise<void>) => subscribeOnce<T>(source, subject, anyEvent, fn),
    filter: (fn: (event: T) => boolean) => toObserver().filter(fn),
    map: <U>(fn: (event: T) => U) => toObserver().map(fn),
    toObserver,
    toPromise: () => toObserver().toPromise(),
  });
};

/**
 * backtest-kit 1.4's `emitters`, listen-only: its subjects by their 1.4 names (those this
 * library has), each offering subscribe, once, filter, map, toObserver and toPromise but
 * no `next`. A subscription here is a listener like one made with `listen*`
 * (`emitters.doneWalkerSubject.toPromise()` resolves when a walker finishes).
 */
export const emitters = Object.freeze({
  signalEmitter: listenOnly("signalEmitter", signalEmitter),
  signalLiveEmitter: listenOnly("signalLiveEmitter", signalLiveEmitter),
  signalBacktestEmitter: listenOnly("signalBacktestEmitter", signalBacktestEmitter),
  errorEmitter: listenOnly("errorEmitter", errorEmitter),
  doneLiveSubject: listenOnly("doneLiveSubject", doneLiveSubject),
  doneBacktestSubject: listenOnly("doneBacktestSubject", doneBacktestSubject),
  doneWalkerSubject: listenOnly("doneWalkerSubject", doneWalkerSubject),
  progressBacktestEmitter: listenOnly("progressBacktestEmitter", progressBacktestEmitter),
  progressWalkerEmitter: listenOnly("progressWalkerEmitter", progressWalkerEmitter),
  progressOptimizerEmitter: listenOnly("progressOptimizerEmitter", progressOptimizerEmitter),
  performanceEmitter: listenOnly("performanceEmitter", performanceEmitter),
  walkerEmitter: listenOnly("walkerEmitter", walkerEmitter),
  walkerCompleteSubject: listenOnly("walkerCompleteSubject", walkerCompleteSubject),
  validationSubject: listenOnly("validationSubject", validationSubject),
  partialProfitSubject: listenOnly("partialProfitSubject", partialProfitSubject),
  partialLossSubject: listenOnly("partialLossSubject", partialLossSubject),
});
