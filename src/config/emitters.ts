import { Subject } from "functools-kit";
import ProgressOptimizerContract from "../contract/ProgressOptimizer.contract";
import ProgressBacktestContract from "../contract/ProgressBacktest.contract";
import ProgressWalkerContract from "../contract/ProgressWalker.contract";
import DoneContract from "../contract/Done.contract";
import WalkerContract from "../contract/Walker.contract";
import { IStrategyTickResult } from "../interfaces/Strategy.interface";
import { IWalkerResults } from "../interfaces/Walker.interface";
import WarningContract, { RaiseWarning } from "../contract/Warning.contract";
import ProgressSweepContract from "../contract/ProgressSweep.contract";
import { ISweepResult } from "../interfaces/Sweep.interface";
import PartialProfitContract from "../contract/PartialProfit.contract";
import PartialLossContract from "../contract/PartialLoss.contract";
import PerformanceContract from "../contract/Performance.contract";
import { IRiskRefusal } from "../interfaces/Risk.interface";
import { ILiveTickResult } from "../interfaces/Live.interface";

/** Progress of optimizer data collection; `listenOptimizerProgress` subscribes to it. */
export const progressOptimizerEmitter = new Subject<ProgressOptimizerContract>();

/** Progress of sweeps through their jobs; `listenSweepProgress` subscribes to it. */
export const progressSweepEmitter = new Subject<ProgressSweepContract>();

/** Sweeps that ended, with every job's row; `listenDoneSweep` subscribes to it. */
export const doneSweepSubject = new Subject<ISweepResult>();

/** Every signal event (scheduled, opened, closed, cancelled) of any run. */
export const signalEmitter = new Subject<IStrategyTickResult>();

/** Signal events of backtests. */
export const signalBacktestEmitter = new Subject<IStrategyTickResult>();

/** Every tick result of live runs (idle and active too); `listenSignalLive` subscribes to it. */
export const signalLiveEmitter = new Subject<ILiveTickResult>();

/** A live run stopped; `listenDoneLive` subscribes to it. */
export const doneLiveSubject = new Subject<DoneContract>();

/** Errors of runs, with their context in the message. */
export const errorEmitter = new Subject<Error>();

/** Rejected signals. */
export const validationSubject = new Subject<Error>();

/** A backtest finished. */
export const doneBacktestSubject = new Subject<DoneContract>();

/** A walker finished. */
export const doneWalkerSubject = new Subject<DoneContract>();

/** Progress of a backtest through its ticks. */
export const progressBacktestEmitter = new Subject<ProgressBacktestContract>();

/** Progress of a walker through its strategies. */
export const progressWalkerEmitter = new Subject<ProgressWalkerContract>();

/** One strategy of a walker finished. */
export const walkerEmitter = new Subject<WalkerContract>();

/** A walker finished, with its results. */
export const walkerCompleteSubject = new Subject<IWalkerResults>();

/** Faults the library worked around instead of failing; `listenWarning` subscribes to it. */
export const warningEmitter = new Subject<WarningContract>();

/** Sends one warning to `listenWarning`; resolves once the listeners have taken it. */
export const raiseWarning: RaiseWarning = async (kind, message, details) => {
  await warningEmitter.next({ kind, message, details } as WarningContract);
};

/** A rejected signal goes to listenValidation, then to listenError. */
export const reportInvalidSignal = async (error: Error) => {
  await validationSubject.next(error);
  await errorEmitter.next(error);
};

/** Signals a risk profile refused (with listenValidation's error); the backtest report lists them. */
export const riskRefusalEmitter = new Subject<IRiskRefusal>();

/** Profit milestones of open signals; `listenPartialProfit` subscribes to it. */
export const partialProfitSubject = new Subject<PartialProfitContract>();

/** Loss milestones of open signals; `listenPartialLoss` subscribes to it. */
export const partialLossSubject = new Subject<PartialLossContract>();

/** Timings of the engine; `listenPerformance` subscribes to it. */
export const performanceEmitter = new Subject<PerformanceContract>();

const listenerCounts = new WeakMap<object, number>();

/** Counts a user listener (listen*) of `subject` in (+1) or out (-1). */
export const noteListener = (subject: object, change: 1 | -1) => {
  listenerCounts.set(subject, (listenerCounts.get(subject) ?? 0) + change);
};

/**
 * Whether any user listener (listen*) follows `subject` now: work done only for listeners
 * (the engine's per-tick timings, partial milestone events) is skipped when none does.
 */
export const isListened = (subject: object): boolean => (listenerCounts.get(subject) ?? 0) > 0;
