import { randomUUID } from "node:crypto";
import type { Job, Queue } from "bullmq";
import { ISweepBackend, ISweepJob, ISweepJobOutcome, ISweepQueueParams } from "../../interfaces/Sweep.interface";
import { adoptSweepOutcome, failedSweepRow } from "../../utils/sweep/sweepRows";
import { errorLine } from "../../utils/errorChain";
import { toError } from "../../utils/toError";
import { withTimeout } from "../../utils/withTimeout";
import { redactUrl } from "../../utils/redisUrl";

/** The BullMQ queue every sweep and worker meets on. */
export const SWEEP_QUEUE_NAME = "backtest-kit-sweep";

/** Bound of one Redis call of the sweep; a call past it counts as the queue unreachable. */
const REDIS_CALL_MS = 5_000;

/** BullMQ's module, loaded on first use. */
export type BullMq = typeof import("bullmq");

/** What ClientSweepQueue is constructed with. */
export interface ISweepQueueClientParams extends ISweepQueueParams {
  /** Loads BullMQ. */
  loadBullMq: () => Promise<BullMq>;
  /** Waits `ms`. */
  sleep: (ms: number) => Promise<void>;
  /** The clock, in ms. */
  now: () => number;
}

/** The connection BullMQ opens to the queue's Redis: commands wait while it reconnects. */
export const sweepConnection = (url: string) => ({ url, maxRetriesPerRequest: null });

/**
 * The sweep's side of a queue: puts every job on the BullMQ queue at `url` (one id per
 * sweep and job, so a job is on it once), then looks at the jobs every `pollMs` until
 * each has completed or failed for good, handing each result on once and removing its
 * job. Redis restarted without its data loses the jobs: the missing ones are put on the
 * queue again ("sweep-job-requeued"). A queue unreachable for longer than
 * `unavailableMs` fails the sweep with that said ("sweep-queue-unavailable" first).
 */
export class ClientSweepQueue implements ISweepBackend {
  private unavailableSince: number | null = null;
  private readonly seenStalls = new Map<string, number>();

  constructor(readonly params: ISweepQueueClientParams) {}

  /** Runs every job on the queue; `onOutcome` gets each as it ends. */
  public run = async (jobs: ISweepJob[], onOutcome: (outcome: ISweepJobOutcome) => Promise<void>, signal: AbortSignal) => {
    if (jobs.length === 0) {
      return;
    }
    const { Queue } = await this.params.loadBullMq();
    const queue = new Queue(SWEEP_QUEUE_NAME, { connection: sweepConnection(this.params.url) });
    queue.on("error", (error) => this.params.logger.warn("clientSweepQueue connection", { error: errorLine(error) }));
    const sweepId = randomUUID().slice(0, 8);
    const pending = new Map(jobs.map((job) => [`${sweepId}-${job.id}`, job]));
    const seenAttempts = new Map<string, number>();
    try {
      await this.whileReachable(() => queue.addBulk([...pending].map(([jobId, job]) => ({ name: job.id, data: job, opts: this.jobOptions(jobId) }))));
      while (pending.size > 0) {
        signal.throwIfAborted();
        await this.params.sleep(this.params.pollMs());
        for (const [jobId, job] of [...pending]) {
          signal.throwIfAborted();
          const outcome = await this.whileReachable(() => this.look(queue, jobId, job, seenAttempts));
          if (outcome !== null) {
            pending.delete(jobId);
            await onOutcome(outcome);
            await this.whileReachable(() => queue.remove(jobId)).catch(() => undefined);
          }
        }
      }
    } finally {
      await withTimeout(queue.close(), REDIS_CALL_MS, "closing the sweep's queue").catch(() => queue.disconnect());
    }
  };

  /** The ended job's outcome, or null while it is waiting or running (a lost job is put back). */
  private look = async (queue: Queue, jobId: string, job: ISweepJob, seenAttempts: Map<string, number>): Promise<ISweepJobOutcome | null> => {
    const found: Job | undefined = await queue.getJob(jobId);
    if (found === undefined || found === null) {
      await queue.add(job.id, job, this.jobOptions(jobId));
      const where = redactUrl(this.params.url);
      await this.params.warn("sweep-job-requeued", `sweep job ${job.id} was no longer on the queue at ${where} (Redis restarted?) and was put on it again`, {
        jobId: job.id,
        queue: where,
      });
      return null;
    }
    const state = await found.getState();
    if (state === "completed" || state === "failed") {
      return await this.ended(queue, jobId, job, state, found);
    }
    const attemptsMade = found.attemptsMade ?? 0;
    await this.sayStalls(jobId, job, found.stalledCounter ?? 0);
    if (attemptsMade > (seenAttempts.get(jobId) ?? 0)) {
      seenAttempts.set(jobId, attemptsMade);
      const attempts = this.params.attempts();
      const error = found.failedReason || "the attempt failed";
      await this.params.warn("sweep-retry", `sweep job ${job.id} failed on attempt ${attemptsMade} of ${attempts} and runs again: ${error}`, {
        jobId: job.id,
        attempt: attemptsMade,
        attempts,
        error,
      });
    }
    return null;
  };

  /**
   * The outcome of a job whose state says it ended. The job read before its state may
   * predate the end (no return value or failure reason yet), so it is read again: an
   * ended job no longer changes.
   */
  private ended = async (queue: Queue, jobId: string, job: ISweepJob, state: "completed" | "failed", before: Job): Promise<ISweepJobOutcome> => {
    const found: Job = (await queue.getJob(jobId)) ?? before;
    const attempts = Math.max(1, found.attemptsMade ?? 0);
    return state === "completed"
      ? adoptSweepOutcome(found.returnvalue, job, attempts)
      : { result: failedSweepRow(job, found.failedReason || "the job failed", attempts), files: [] };
  };

  /** Says each time BullMQ gave a job whose worker stopped renewing its lock (died) to another worker. */
  private sayStalls = async (jobId: string, job: ISweepJob, stalls: number) => {
    if (stalls <= (this.seenStalls.get(jobId) ?? 0)) {
      return;
    }
    this.seenStalls.set(jobId, stalls);
    const where = redactUrl(this.params.url);
    await this.params.warn("sweep-job-stalled", `sweep job ${job.id} lost its worker (no lock renewal) and goes to another worker`, {
      jobId: job.id,
      queue: where,
      stalls,
    });
  };

  private jobOptions = (jobId: string) => ({
    jobId,
    attempts: this.params.attempts(),
    backoff: { type: "fixed", delay: 1_000 },
    removeOnComplete: false,
    removeOnFail: false,
  });

  /**
   * Runs a Redis call, bounded; while the queue is unreachable, waits and tries again
   * (said once per outage), and fails once it has been unreachable for `unavailableMs`.
   */
  private whileReachable = async <T>(call: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        const value = await withTimeout(call(), REDIS_CALL_MS, "a call to the sweep's queue");
        this.unavailableSince = null;
        return value;
      } catch (error) {
        await this.waitForQueue(error);
      }
    }
  };

  private waitForQueue = async (error: unknown) => {
    const now = this.params.now();
    const where = redactUrl(this.params.url);
    if (this.unavailableSince === null) {
      this.unavailableSince = now;
      await this.params.warn("sweep-queue-unavailable", `the sweep's queue at ${where} is unreachable (${errorLine(error)}); the sweep waits for it`, {
        queue: where,
        error: errorLine(error),
      });
    }
    const limit = this.params.unavailableMs();
    if (now - this.unavailableSince >= limit) {
      throw toError(
        `sweep: the queue at ${where} has been unreachable for ${Math.round((now - this.unavailableSince) / 1000)} s (CC_SWEEP_QUEUE_TIMEOUT_MS is ${limit}; ` +
          `finished jobs are kept in the output directory, so running the sweep again goes on where it stopped)`,
        error
      );
    }
    await this.params.sleep(this.params.pollMs());
  };
}

export default ClientSweepQueue;
