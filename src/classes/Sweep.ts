import backtest from "../lib/index";
import { ISweepOptions, ISweepResult, ISweepWorker, ISweepWorkerOptions } from "../interfaces/Sweep.interface";
import { errorEmitter } from "../config/emitters";

const SWEEP_METHOD_NAME_RUN = "Sweep.run";
const SWEEP_METHOD_NAME_BACKGROUND = "Sweep.background";
const SWEEP_METHOD_NAME_WORKER = "Sweep.worker";

/** Static facade of sweeps: many optimizers times many symbols, locally or on a job queue. */
export class SweepUtils {
  /**
   * Runs one job per (config, optimizer, symbol): writes the optimizer's generated file
   * for the symbol, runs its walker to completion and keeps the walker's results. Locally
   * the jobs run in `options.workers` processes (default: the cores); with
   * `options.queue` (redis://...) they go on a BullMQ queue that `backtest-kit worker`
   * processes take. Each job's files go to `out`/`{optimizer}_{symbol}`/, the table to
   * `out`/sweep.md and sweep.json; a failed job is a row with its error; a job whose
   * results exist for the same config content and symbol is kept, not run again.
   */
  public run = async (configs: string[], options: ISweepOptions): Promise<ISweepResult> => {
    backtest.loggerService.info(SWEEP_METHOD_NAME_RUN, { configs, options: { ...options, queue: undefined } });
    return await backtest.sweepGlobalService.run(SWEEP_METHOD_NAME_RUN, configs, options, new AbortController().signal);
  };

  /**
   * Sweep.run without waiting: the result goes to `listenDoneSweep`, a failure to
   * `listenError`. Returns the function that stops it (running job processes are killed,
   * the table is not written).
   */
  public background = (configs: string[], options: ISweepOptions): (() => void) => {
    const controller = new AbortController();
    backtest.sweepGlobalService
      .run(SWEEP_METHOD_NAME_BACKGROUND, configs, options, controller.signal)
      .catch((error) => (controller.signal.aborted ? undefined : errorEmitter.next(error)));
    return () => controller.abort(new Error(`${SWEEP_METHOD_NAME_BACKGROUND} was stopped`));
  };

  /**
   * Starts a worker of the sweep queue at `options.queue`: it takes jobs, `concurrency`
   * at once (default 1), each in its own process in this working directory (which must
   * hold the sweep's configs, byte for byte), until `close()`. `log` gets a line per job.
   */
  public worker = async (options: ISweepWorkerOptions, log: (line: string) => void = () => undefined): Promise<ISweepWorker> => {
    backtest.loggerService.info(SWEEP_METHOD_NAME_WORKER, { concurrency: options?.concurrency, lockMs: options?.lockMs });
    return await backtest.sweepGlobalService.worker(SWEEP_METHOD_NAME_WORKER, options, log);
  };

  /**
   * The body of a sweep's job process: answers the one job its parent sends over IPC
   * and exits. Sweeps and workers start these processes themselves.
   */
  public serveJob = async (): Promise<void> => await backtest.sweepConnectionService.serveJob();
}

/** The Sweep facade. */
export const Sweep = new SweepUtils();
