import { queued } from "functools-kit";
import type { Subject } from "functools-kit";
import backtest from "../lib/index";
import {
  doneBacktestSubject,
  doneWalkerSubject,
  errorEmitter,
  progressBacktestEmitter,
  progressOptimizerEmitter,
  progressSweepEmitter,
  doneSweepSubject,
  progressWalkerEmitter,
  signalBacktestEmitter,
  signalEmitter,
  signalLiveEmitter,
  doneLiveSubject,
  validationSubject,
  walkerCompleteSubject,
  walkerEmitter,
  warningEmitter,
  raiseWarning,
  partialProfitSubject,
  partialLossSubject,
  performanceEmitter,
  noteListener,
} from "../config/emitters";
import PartialProfitContract from "../contract/PartialProfit.contract";
import PartialLossContract from "../contract/PartialLoss.contract";
import PerformanceContract from "../contract/Performance.contract";
import { GLOBAL_CONFIG } from "../config/params";
import { registrationOnly } from "../config/registration";
import { describeListenerTimeout, settleWithin } from "../utils/settleWithin";
import { errorLine } from "../utils/errorChain";
import ProgressOptimizerContract from "../contract/ProgressOptimizer.contract";
import ProgressBacktestContract from "../contract/ProgressBacktest.contract";
import ProgressWalkerContract from "../contract/ProgressWalker.contract";
import ProgressSweepContract from "../contract/ProgressSweep.contract";
import { ISweepResult } from "../interfaces/Sweep.interface";
import DoneContract from "../contract/Done.contract";
import WalkerContract from "../contract/Walker.contract";
import { IStrategyTickResult } from "../interfaces/Strategy.interface";
import { IWalkerResults } from "../interfaces/Walker.interface";
import { ILiveTickResult } from "../interfaces/Live.interface";
import WarningContract, { WarningDetails } from "../contract/Warning.contract";

type Listener<T> = (event: T) => void | Promise<void>;

const checkFunction = (source: string, name: string, value: unknown) => {
  if (typeof value !== "function") {
    throw new Error(`${source}: ${name} must be a function, got ${typeof value}`);
  }
};

/**
 * Says what became of a listener through listenWarning, never awaited (a stuck warning
 * listener cannot wait on itself). A warning listener's own faults raise nothing, so
 * they cannot feed themselves warnings forever: a timeout is logged (a throw is logged
 * by subscribe either way).
 */
const sayListenerFault = <K extends "listener-timeout" | "listener-error">(
  subject: Subject<unknown>,
  kind: K,
  message: string,
  details: WarningDetails[K]
) => {
  if (subject === (warningEmitter as Subject<unknown>)) {
    if (kind === "listener-timeout") {
      backtest.loggerService.warn(`event.listenWarning: ${message}`, details);
    }
    return;
  }
  void raiseWarning(kind, message, details);
};

/**
 * Subscribes `fn` to `subject`: events reach it in order, one at a time (an async
 * listener finishes before it gets the next one), and the emitter waits for it, at most
 * CC_LISTENER_TIMEOUT_MS per event: past that a "listener-timeout" warning is raised and
 * the run goes on; the listener's later settling is ignored. A listener that throws
 * is logged and raises a "listener-error" warning, and breaks neither the run nor the
 * other listeners.
 */
export const subscribe = <T>(source: string, subject: Subject<T>, fn: Listener<T>): (() => void) => {
  backtest.loggerService.log(source);
  checkFunction(source, "fn", fn);
  if (registrationOnly.active) {
    return () => undefined;
  }
  const listener = source.replace(/^event\./, "");
  const emitter = subject as Subject<unknown>;
  const unsubscribe = subject.subscribe(
    queued(async (event: T) => {
      const timeoutMs = GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS;
      try {
        if (!(await settleWithin(fn(event), timeoutMs))) {
          const message = describeListenerTimeout(listener, timeoutMs);
          sayListenerFault(emitter, "listener-timeout", message, { listener, timeoutMs });
        }
      } catch (thrown) {
        backtest.loggerService.warn(`${source} listener threw`, { error: thrown });
        const error = errorLine(thrown);
        const message = `${listener} threw: ${error}; the event went on to the other listeners`;
        sayListenerFault(emitter, "listener-error", message, { listener, error });
      }
    })
  );
  noteListener(subject, 1);
  let subscribed = true;
  return () => {
    if (subscribed) {
      subscribed = false;
      noteListener(subject, -1);
      unsubscribe();
    }
  };
};

/** Like subscribe, but only for the first event that passes `filterFn`; then unsubscribes. */
export const subscribeOnce = <T>(
  source: string,
  subject: Subject<T>,
  filterFn: (event: T) => boolean,
  fn: Listener<T>
): (() => void) => {
  checkFunction(source, "filterFn", filterFn);
  let done = false;
  const unsubscribe = subscribe<T>(source, subject, async (event) => {
    if (done || !filterFn(event)) {
      return;
    }
    done = true;
    unsubscribe();
    await fn(event);
  });
  return unsubscribe;
};

/** Calls `fn` with every optimizer progress event. @returns A function that unsubscribes. */
export const listenOptimizerProgress = (fn: Listener<ProgressOptimizerContract>) =>
  subscribe("event.listenOptimizerProgress", progressOptimizerEmitter, fn);

/** Calls `fn` with every sweep progress event: at the sweep's start and as each job ends. @returns A function that unsubscribes. */
export const listenSweepProgress = (fn: Listener<ProgressSweepContract>) =>
  subscribe("event.listenSweepProgress", progressSweepEmitter, fn);

/** Calls `fn` with each sweep's result when it ends (how `Sweep.background` reports). @returns A function that unsubscribes. */
export const listenDoneSweep = (fn: Listener<ISweepResult>) => subscribe("event.listenDoneSweep", doneSweepSubject, fn);

/** Calls `fn` with every signal event (scheduled, opened, closed, cancelled) of any run. */
export const listenSignal = (fn: Listener<IStrategyTickResult>) => subscribe("event.listenSignal", signalEmitter, fn);

/** Calls `fn` once, with the first signal event that passes `filterFn`. */
export const listenSignalOnce = (filterFn: (event: IStrategyTickResult) => boolean, fn: Listener<IStrategyTickResult>) =>
  subscribeOnce("event.listenSignalOnce", signalEmitter, filterFn, fn);

/** Calls `fn` with every signal event of backtests. */
export const listenSignalBacktest = (fn: Listener<IStrategyTickResult>) =>
  subscribe("event.listenSignalBacktest", signalBacktestEmitter, fn);

/** Calls `fn` once, with the first backtest signal event that passes `filterFn`. */
export const listenSignalBacktestOnce = (
  filterFn: (event: IStrategyTickResult) => boolean,
  fn: Listener<IStrategyTickResult>
) => subscribeOnce("event.listenSignalBacktestOnce", signalBacktestEmitter, filterFn, fn);

/** Calls `fn` with every tick result of live runs: idle, active, scheduled, opened, closed, cancelled. */
export const listenSignalLive = (fn: Listener<ILiveTickResult>) => subscribe("event.listenSignalLive", signalLiveEmitter, fn);

/** Calls `fn` once, with the first live tick result that passes `filterFn`. */
export const listenSignalLiveOnce = (filterFn: (event: ILiveTickResult) => boolean, fn: Listener<ILiveTickResult>) =>
  subscribeOnce("event.listenSignalLiveOnce", signalLiveEmitter, filterFn, fn);

/** Calls `fn` whenever a live run stops (stopped, or a rehearsal reached its end). */
export const listenDoneLive = (fn: Listener<DoneContract>) => subscribe("event.listenDoneLive", doneLiveSubject, fn);

/** Calls `fn` once, when the first live run that passes `filterFn` stops. */
export const listenDoneLiveOnce = (filterFn: (event: DoneContract) => boolean, fn: Listener<DoneContract>) =>
  subscribeOnce("event.listenDoneLiveOnce", doneLiveSubject, filterFn, fn);

/** Calls `fn` with every error of a run (failures, timeouts, rejected signals), with context. */
export const listenError = (fn: Listener<Error>) => subscribe("event.listenError", errorEmitter, fn);

/** Calls `fn` with every rejected signal. */
export const listenValidation = (fn: Listener<Error>) => subscribe("event.listenValidation", validationSubject, fn);

/** Calls `fn` whenever a backtest finishes. */
export const listenDoneBacktest = (fn: Listener<DoneContract>) =>
  subscribe("event.listenDoneBacktest", doneBacktestSubject, fn);

/** Calls `fn` once, when the first backtest that passes `filterFn` finishes. */
export const listenDoneBacktestOnce = (filterFn: (event: DoneContract) => boolean, fn: Listener<DoneContract>) =>
  subscribeOnce("event.listenDoneBacktestOnce", doneBacktestSubject, filterFn, fn);

/** Calls `fn` whenever a walker finishes. */
export const listenDoneWalker = (fn: Listener<DoneContract>) => subscribe("event.listenDoneWalker", doneWalkerSubject, fn);

/** Calls `fn` once, when the first walker that passes `filterFn` finishes. */
export const listenDoneWalkerOnce = (filterFn: (event: DoneContract) => boolean, fn: Listener<DoneContract>) =>
  subscribeOnce("event.listenDoneWalkerOnce", doneWalkerSubject, filterFn, fn);

/** Calls `fn` with a backtest's progress (once per whole percent and at the end). */
export const listenBacktestProgress = (fn: Listener<ProgressBacktestContract>) =>
  subscribe("event.listenBacktestProgress", progressBacktestEmitter, fn);

/** Calls `fn` after each strategy of a walker with its statistics and the best so far. */
export const listenWalker = (fn: Listener<WalkerContract>) => subscribe("event.listenWalker", walkerEmitter, fn);

/** Calls `fn` once, with the first walker step that passes `filterFn`. */
export const listenWalkerOnce = (filterFn: (event: WalkerContract) => boolean, fn: Listener<WalkerContract>) =>
  subscribeOnce("event.listenWalkerOnce", walkerEmitter, filterFn, fn);

/** Calls `fn` with a walker's progress through its strategies. */
export const listenWalkerProgress = (fn: Listener<ProgressWalkerContract>) =>
  subscribe("event.listenWalkerProgress", progressWalkerEmitter, fn);

/** Calls `fn` with a walker's results when it finishes. */
export const listenWalkerComplete = (fn: Listener<IWalkerResults>) =>
  subscribe("event.listenWalkerComplete", walkerCompleteSubject, fn);

/**
 * Calls `fn` with every fault the library worked around instead of failing (a retried
 * call, a repaired reply, data that ended early, ...); `event.kind` says which.
 */
export const listenWarning = (fn: Listener<WarningContract>) => subscribe("event.listenWarning", warningEmitter, fn);

/** Calls `fn` once, with the first warning that passes `filterFn`. */
export const listenWarningOnce = (filterFn: (event: WarningContract) => boolean, fn: Listener<WarningContract>) =>
  subscribeOnce("event.listenWarningOnce", warningEmitter, filterFn, fn);

/** Calls `fn` with every profit milestone of an open signal (10%, 20%, ... 100% of the way to take-profit), once per signal and level. */
export const listenPartialProfit = (fn: Listener<PartialProfitContract>) =>
  subscribe("event.listenPartialProfit", partialProfitSubject, fn);

/** Calls `fn` once, with the first profit milestone that passes `filterFn`. */
export const listenPartialProfitOnce = (filterFn: (event: PartialProfitContract) => boolean, fn: Listener<PartialProfitContract>) =>
  subscribeOnce("event.listenPartialProfitOnce", partialProfitSubject, filterFn, fn);

/** Calls `fn` with every loss milestone of an open signal (10%, 20%, ... 100% of the way to stop-loss), once per signal and level. */
export const listenPartialLoss = (fn: Listener<PartialLossContract>) => subscribe("event.listenPartialLoss", partialLossSubject, fn);

/** Calls `fn` once, with the first loss milestone that passes `filterFn`. */
export const listenPartialLossOnce = (filterFn: (event: PartialLossContract) => boolean, fn: Listener<PartialLossContract>) =>
  subscribeOnce("event.listenPartialLossOnce", partialLossSubject, filterFn, fn);

/** Calls `fn` with every timing of the engine (a run, a visited tick, a signal). */
export const listenPerformance = (fn: Listener<PerformanceContract>) => subscribe("event.listenPerformance", performanceEmitter, fn);
