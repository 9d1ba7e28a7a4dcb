/** Progress of a sweep through its jobs, sent at its start and as each job ends. */
export interface ProgressSweepContract {
  /** Every job of the sweep. */
  totalJobs: number;
  /** Jobs ended so far: done, failed or kept from an earlier sweep. */
  processedJobs: number;
  /** Of those, the failed ones. */
  failedJobs: number;
  /** Of those, the ones kept from an earlier sweep. */
  reusedJobs: number;
  /** processedJobs / totalJobs, from 0 to 1. */
  progress: number;
  /** The job that just ended (null in the first event). */
  lastJob: { id: string; optimizerName: string | null; symbol: string; status: "done" | "failed"; reused: boolean } | null;
}

export default ProgressSweepContract;
