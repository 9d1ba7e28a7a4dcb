import { ILogger } from "../../interfaces/Logger.interface";
import { RaiseWarning } from "../../contract/Warning.contract";
import { ISweepBackend, ISweepJob, ISweepJobOutcome, SweepJobLauncher } from "../../interfaces/Sweep.interface";
import { failedSweepRow } from "../../utils/sweep/sweepRows";

/** What ClientSweepLocal is constructed with. */
export interface ISweepLocalParams {
  logger: ILogger;
  warn: RaiseWarning;
  /** Runs one attempt of a job in its own process. */
  launch: SweepJobLauncher;
  /** Processes at once. */
  workers: number;
  /** Attempts a job gets before it ends failed. */
  attempts: () => number;
}

/**
 * Runs a sweep's jobs on this machine: at most `workers` at once, each attempt in a
 * fresh process (a config's registrations and a crash stay inside it). A failed attempt
 * that another could fix (not a config problem) runs again, up to `attempts`, each retry
 * said through "sweep-retry"; then the job ends failed with its error.
 */
export class ClientSweepLocal implements ISweepBackend {
  constructor(readonly params: ISweepLocalParams) {}

  /** Runs every job; `onOutcome` gets each as it ends. */
  public run = async (jobs: ISweepJob[], onOutcome: (outcome: ISweepJobOutcome) => Promise<void>, signal: AbortSignal) => {
    const waiting = [...jobs];
    const slot = async () => {
      for (let job = waiting.shift(); job !== undefined && !signal.aborted; job = waiting.shift()) {
        await onOutcome(await this.runJob(job, signal));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.params.workers, jobs.length) }, slot));
    signal.throwIfAborted();
  };

  private runJob = async (job: ISweepJob, signal: AbortSignal): Promise<ISweepJobOutcome> => {
    const attempts = this.params.attempts();
    for (let attempt = 1; ; attempt += 1) {
      const reply = await this.params.launch(job, signal);
      if (reply.ok) {
        return { ...reply.outcome, result: { ...reply.outcome.result, attempts: attempt } };
      }
      const { error, retryable } = reply.failure;
      if (!retryable || attempt >= attempts || signal.aborted) {
        return { result: failedSweepRow(job, error, attempt), files: [] };
      }
      this.params.logger.info("clientSweepLocal retry", { id: job.id, attempt, error });
      await this.params.warn("sweep-retry", `sweep job ${job.id} failed on attempt ${attempt} of ${attempts} and runs again: ${error}`, {
        jobId: job.id,
        attempt,
        attempts,
        error,
      });
    }
  };
}

export default ClientSweepLocal;
