import { ILiveClock } from "../../interfaces/Live.interface";

/** Resolves after `ms` of real time, or at once when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener("abort", done, { once: true });
  });

/** The wall clock. */
export class RealClock implements ILiveClock {
  /** The current time, UTC ms. */
  public now = () => Date.now();

  /** Resolves once the wall clock reaches `time` (or `signal` aborts). */
  public waitUntil = async (time: number, signal: AbortSignal) => {
    while (!signal.aborted && Date.now() < time) {
      await pause(time - Date.now(), signal);
    }
  };
}

/**
 * A past period replayed `speed` times faster than real time, from `start` (UTC ms);
 * speed Infinity jumps to each awaited time at once (a rehearsal at full speed).
 */
export class ReplayClock implements ILiveClock {
  private readonly realStart = Date.now();
  private jumpedTo: number;
  /** True at speed Infinity: each awaited time is reached at once. */
  public readonly fullSpeed: boolean;

  constructor(
    readonly start: number,
    readonly speed: number
  ) {
    if (!(speed > 0)) {
      throw new Error(`ReplayClock: speed must be a number above 0 (Infinity for full speed), got ${speed}`);
    }
    this.jumpedTo = start;
    this.fullSpeed = speed === Infinity;
  }

  /** The replayed time, UTC ms. */
  public now = () =>
    this.speed === Infinity ? this.jumpedTo : this.start + (Date.now() - this.realStart) * this.speed;

  /** Resolves once the replayed time reaches `time` (or `signal` aborts). */
  public waitUntil = async (time: number, signal: AbortSignal) => {
    if (this.speed === Infinity) {
      this.jumpedTo = Math.max(this.jumpedTo, time);
      return;
    }
    while (!signal.aborted && this.now() < time) {
      await pause((time - this.now()) / this.speed, signal);
    }
  };
}
