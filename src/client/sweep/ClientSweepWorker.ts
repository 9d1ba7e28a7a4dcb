import type { Job } from "bullmq";
import { ILogger } from "../../interfaces/Logger.interface";
import { ISweepJob, ISweepJobOutcome, ISweepWorker, SweepJobLauncher } from "../../interfaces/Sweep.interface";
import { BullMq, SWEEP_QUEUE_NAME, sweepConnection } from "./ClientSweepQueue";
import { errorLine } from "../../utils/errorChain";
import { withTimeout } from "../../utils/withTimeout";
import { redactUrl } from "../../utils/redisUrl";

/** What ClientSweepWorker is constructed with. */
export interface ISweepWorkerParams {
  logger: ILogger;
  /** Loads BullMQ. */
  loadBullMq: () => Promise<BullMq>;
  /** Runs one attempt of a job in its own process. */
  launch: SweepJobLauncher;
  /** Where the worker says what it takes and how each job ended (one line each). */
  log: (line: string) => void;
}

/** What a worker is started with (checked). */
export interface ISweepWorkerStart {
  url: string;
  concurrency: number;
  lockMs: number;
}

/** Bound of closing a worker with no job running (Redis may be gone: BullMQ would wait for it). */
const IDLE_CLOSE_MS = 5_000;

/** Bound of connecting to the queue when the worker starts. */
const READY_MS = 30_000;

/** Throws unless the job's data is a sweep job. */
const assertSweepJob = (data: unknown): ISweepJob => {
  const job = data as ISweepJob;
  const fields = ["id", "config", "configHash", "optimizerName", "symbol"] as const;
  const bad = fields.find((field) => typeof job?.[field] !== "string" || job[field] === "");
  if (bad !== undefined || typeof job.timeoutMs !== "number" || typeof job.settings !== "object") {
    throw new Error(`the queue's job is not a sweep job (${bad === undefined ? "settings or timeoutMs" : bad} is missing)`);
  }
  return job;
};

/**
 * A worker of the sweep queue: takes jobs from the BullMQ queue at `url`, `concurrency`
 * at once, each attempt in its own process, and hands back each job's row and files. A
 * config here that differs from the sweep's, is missing or does not load fails the job
 * for good (BullMQ's UnrecoverableError); other failures use the job's attempts. A worker
 * that dies mid-job loses its lock after `lockMs`; another worker's stalled-job check
 * then takes the job up again.
 */
export class ClientSweepWorker {
  constructor(readonly params: ISweepWorkerParams) {}

  /** Starts taking jobs; resolves once connected. */
  public start = async ({ url, concurrency, lockMs }: ISweepWorkerStart): Promise<ISweepWorker> => {
    const { Worker, UnrecoverableError } = await this.params.loadBullMq();
    const running = new Set<AbortController>();
    const process = async (job: Job): Promise<ISweepJobOutcome> => {
      const data = assertSweepJob(job.data);
      const controller = new AbortController();
      running.add(controller);
      this.params.log(`sweep worker: job ${data.id} (attempt ${job.attemptsMade + 1}) started`);
      try {
        const reply = await this.params.launch(data, controller.signal);
        if (reply.ok) {
          this.params.log(`sweep worker: job ${data.id} done, best ${reply.outcome.result.bestStrategy ?? "none"}`);
          return reply.outcome;
        }
        this.params.log(`sweep worker: job ${data.id} failed: ${reply.failure.error}`);
        throw reply.failure.retryable ? new Error(reply.failure.error) : new UnrecoverableError(reply.failure.error);
      } finally {
        running.delete(controller);
      }
    };
    const worker = new Worker(SWEEP_QUEUE_NAME, process, {
      connection: sweepConnection(url),
      concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 1,
    });
    worker.on("error", (error) => this.params.logger.warn("clientSweepWorker connection", { error: errorLine(error) }));
    await withTimeout(worker.waitUntilReady(), READY_MS, `connecting to the sweep queue at ${redactUrl(url)}`).catch(async (error) => {
      await worker.close(true).catch(() => undefined);
      throw error;
    });
    this.params.logger.info("clientSweepWorker started", { concurrency, lockMs });
    return {
      close: async (timeoutMs = 60_000) => {
        const bound = running.size === 0 ? Math.min(timeoutMs, IDLE_CLOSE_MS) : timeoutMs;
        await withTimeout(worker.close(), bound, "waiting for the worker's running jobs").catch(async () => {
          running.forEach((controller) => controller.abort());
          await withTimeout(worker.close(true), IDLE_CLOSE_MS, "closing the worker").catch(() => worker.disconnect());
        });
      },
    };
  };
}

export default ClientSweepWorker;
