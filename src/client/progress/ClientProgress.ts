import { IProgressParams } from "../../interfaces/Progress.interface";
import ProgressOptimizerContract from "../../contract/ProgressOptimizer.contract";
import ProgressWalkerContract from "../../contract/ProgressWalker.contract";
import ProgressBacktestContract from "../../contract/ProgressBacktest.contract";
import ProgressSweepContract from "../../contract/ProgressSweep.contract";

/** Width of the bar, in characters. */
const BAR_WIDTH = 24;

/** Terminal width when the stream does not tell. */
const DEFAULT_COLUMNS = 100;

/** ANSI: back to the start of the line, then clear it. */
const CLEAR_LINE = "\r\x1b[2K";

/** The job the bar shows: what it is, how far it got, and when it started. */
interface IJob {
  id: string;
  label: string;
  progress: number;
  startedAt: number;
  finished: boolean;
  /** Whether a plain line of this job was written yet. */
  shown: boolean;
}

const percent = (progress: number) => `${(progress * 100).toFixed(1).padStart(5)}%`;

const bar = (progress: number) => {
  const filled = Math.round(progress * BAR_WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
};

/** m:ss (or h:mm:ss) of a duration in ms. */
const clock = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
};

/** Time left, extrapolated from the time spent so far; unknown until some progress is made. */
const eta = (job: IJob, now: number) => {
  if (job.finished) {
    return `done in ${clock(now - job.startedAt)}`;
  }
  if (job.progress <= 0) {
    return "ETA --:--";
  }
  const elapsed = now - job.startedAt;
  return `ETA ${clock((elapsed * (1 - job.progress)) / job.progress)}`;
};

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/**
 * One progress bar for long work: optimizer sources, walker strategies and the backtest
 * frames inside them. A walker's bar moves with its strategies' frames (strategy k of n
 * at p% is (k + p) / n overall). On a terminal the line is redrawn in place and ends
 * with a newline when the job finishes; elsewhere a plain line is written at most every
 * `intervalMs`, plus the first and the last one of each job.
 */
export class ClientProgress {
  private job: IJob | null = null;
  private walker: ProgressWalkerContract | null = null;
  private lastPlainAt = -Infinity;

  constructor(readonly params: IProgressParams) {}

  /** An optimizer progress event. */
  public onOptimizer = (event: ProgressOptimizerContract) => {
    const label = `optimizer ${event.optimizerName} ${event.symbol}: ${event.processedSources}/${event.totalSources} sources`;
    this.show(`optimizer:${event.optimizerName}:${event.symbol}`, label, event.progress);
  };

  /**
   * A walker progress event (sent after each strategy). Its first strategy ran before
   * the walker said anything, as a plain backtest on the walker's frame: the walker's
   * job starts when that backtest started.
   */
  public onWalker = (event: ProgressWalkerContract) => {
    this.walker = event.progress >= 1 ? null : event;
    const label = `walker ${event.walkerName} ${event.symbol}: ${event.processedStrategies}/${event.totalStrategies} strategies`;
    const firstBacktest = this.job?.id.startsWith("backtest:") && this.job.id.endsWith(`:${event.symbol}:${event.frameName}`);
    this.show(`walker:${event.walkerName}:${event.symbol}`, label, event.progress, firstBacktest ? this.job?.startedAt : undefined);
  };

  /** A backtest progress event: inside a running walker it moves the walker's bar. */
  public onBacktest = (event: ProgressBacktestContract) => {
    const frames = `${event.processedFrames}/${event.totalFrames} frames`;
    const walker = this.walker;
    if (walker !== null && walker.symbol === event.symbol && walker.frameName === event.frameName) {
      const strategy = Math.min(walker.processedStrategies + 1, walker.totalStrategies);
      const label = `walker ${walker.walkerName} ${walker.symbol}: strategy ${strategy}/${walker.totalStrategies} ${event.strategyName}, ${frames}`;
      const overall = (walker.processedStrategies + clamp01(event.progress)) / walker.totalStrategies;
      this.show(`walker:${walker.walkerName}:${walker.symbol}`, label, Math.min(overall, 0.999));
      return;
    }
    const label = `backtest ${event.strategyName} ${event.symbol}: ${frames}`;
    this.show(`backtest:${event.strategyName}:${event.symbol}:${event.frameName}`, label, event.progress);
  };

  /** A sweep progress event: one bar for the whole sweep, counting ended jobs. */
  public onSweep = (event: ProgressSweepContract) => {
    const failed = event.failedJobs > 0 ? `, ${event.failedJobs} failed` : "";
    const kept = event.reusedJobs > 0 ? `, ${event.reusedJobs} kept` : "";
    this.show("sweep", `sweep: ${event.processedJobs}/${event.totalJobs} jobs${failed}${kept}`, event.progress);
  };

  /** Ends a line left open on a terminal. */
  public close = () => {
    if (this.params.stream.isTTY && this.job !== null && !this.job.finished) {
      this.params.stream.write("\n");
    }
    this.job = null;
  };

  private show(id: string, label: string, progress: number, startedAt?: number) {
    const now = this.params.now();
    const job = this.trackJob(id, label, clamp01(progress), now, startedAt ?? now);
    if (job === null) {
      return;
    }
    const line = `${bar(job.progress)} ${percent(job.progress)} ${job.label} ${eta(job, now)}`;
    if (this.params.stream.isTTY) {
      const columns = this.params.stream.columns ?? DEFAULT_COLUMNS;
      this.params.stream.write(`${CLEAR_LINE}${line.slice(0, Math.max(10, columns - 1))}${job.finished ? "\n" : ""}`);
      return;
    }
    if (!job.shown || job.finished || now - this.lastPlainAt >= this.params.intervalMs) {
      job.shown = true;
      this.lastPlainAt = now;
      this.params.stream.write(`${line}\n`);
    }
  }

  /** The job after this event, or null when the event adds nothing (a finished job repeating itself). */
  private trackJob(id: string, label: string, progress: number, now: number, startedAt: number): IJob | null {
    const current = this.job;
    if (current !== null && current.id === id && current.finished && progress >= 1) {
      return null;
    }
    if (current === null || current.id !== id || progress < current.progress || current.finished) {
      if (current !== null && !current.finished && this.params.stream.isTTY) {
        this.params.stream.write("\n");
      }
      this.job = { id, label, progress, startedAt, finished: progress >= 1, shown: false };
      return this.job;
    }
    current.label = label;
    current.progress = progress;
    current.finished = progress >= 1;
    return current;
  }
}

export default ClientProgress;
