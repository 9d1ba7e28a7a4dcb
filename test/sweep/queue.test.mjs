// The sweep's queue client on its own: an in-memory stand-in for BullMQ's Queue and a
// fake clock, so its polling, hand-back, requeue, retry/stall notes and outage bound are
// checked without Redis and without waiting. (The real queue against redis-server is
// test/sweep/queue.integration.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientSweepQueue, SWEEP_QUEUE_NAME } from "../../build/testing.mjs";

const URL_WITH_PASSWORD = "redis://sweeper:hunter2@127.0.0.9:6379/2";
const REDACTED = "redis://sweeper:***@127.0.0.9:6379/2";
const POLL_MS = 500;

const sweepJob = (id) => ({
  id,
  config: "sweep.config.mjs",
  configHash: "c0ffee",
  optimizerName: id.split("_")[0],
  symbol: id.split("_")[1],
  settings: {},
  timeoutMs: 60_000,
});

/** A done row as a worker hands it back (its name fields deliberately wrong). */
const doneOutcome = (bestStrategy) => ({
  result: {
    id: "someone-else", config: "other.mjs", configHash: "bad", optimizerName: "other", symbol: "ETHUSDT",
    status: "done", reused: true, walkerName: "wk", metric: "sharpeRatio", bestStrategy, bestMetric: 1.5,
    trades: 12, strategies: 3, error: null, attempts: 1,
  },
  files: [{ path: "result.json", content: "{}" }],
});

/**
 * BullMQ's module as far as the sweep uses it: one in-memory queue whose jobs a test
 * moves between states from `onPoll`, called at each of the sweep's sleeps with the
 * fake clock advanced. `failCalls` makes every queue call reject (Redis unreachable).
 */
const createBroker = ({ onPoll = () => {} } = {}) => {
  const broker = {
    jobs: new Map(),
    added: [],
    removed: [],
    queues: [],
    closed: 0,
    failCalls: false,
    clock: 1_000_000,
    sleeps: [],
    warnings: [],
  };
  const reachable = async () => {
    if (broker.failCalls) {
      throw new Error("connect ECONNREFUSED 127.0.0.9:6379");
    }
  };
  const store = (name, data, opts) => {
    broker.added.push(opts.jobId);
    broker.jobs.set(opts.jobId, { name, data, opts, state: "waiting", attemptsMade: 0, stalledCounter: 0 });
  };
  class Queue {
    constructor(name, options) {
      broker.queues.push({ name, options });
    }
    on() {}
    async addBulk(list) {
      await reachable();
      list.forEach(({ name, data, opts }) => store(name, data, opts));
    }
    async add(name, data, opts) {
      await reachable();
      store(name, data, opts);
    }
    async getJob(jobId) {
      await reachable();
      const job = broker.jobs.get(jobId);
      if (job === undefined) {
        return undefined;
      }
      const snapshot = { ...job, getState: async () => job.state };
      broker.afterGetJob?.(job);
      return snapshot;
    }
    async remove(jobId) {
      await reachable();
      broker.removed.push(jobId);
      broker.jobs.delete(jobId);
    }
    async close() {
      broker.closed += 1;
    }
    disconnect() {}
  }
  broker.job = (id) => [...broker.jobs].find(([jobId]) => jobId.endsWith(`-${id}`))?.[1];
  broker.params = (extra = {}) => ({
    logger: { log() {}, info() {}, warn() {}, debug() {} },
    warn: async (kind, message, details) => {
      broker.warnings.push({ kind, message, details });
    },
    url: URL_WITH_PASSWORD,
    attempts: () => 3,
    unavailableMs: () => 60_000,
    pollMs: () => POLL_MS,
    loadBullMq: async () => ({ Queue }),
    sleep: async (ms) => {
      broker.sleeps.push(ms);
      broker.clock += ms;
      onPoll(broker, broker.sleeps.length);
    },
    now: () => broker.clock,
    ...extra,
  });
  return broker;
};

/** Runs the client over `ids`; resolves to the outcomes in the order handed on. */
const runSweep = async (broker, ids, signal = new AbortController().signal) => {
  const outcomes = [];
  await new ClientSweepQueue(broker.params()).run(ids.map(sweepJob), async (outcome) => outcomes.push(outcome), signal);
  return outcomes;
};

test("every job goes on the queue once; each ended job is handed on once, under its own name, and removed", async () => {
  const broker = createBroker({
    onPoll: (b, poll) => {
      if (poll === 2) {
        Object.assign(b.job("opt_BTCUSDT"), { state: "completed", attemptsMade: 1, returnvalue: doneOutcome("ema") });
      }
      if (poll === 3) {
        Object.assign(b.job("opt_ETHUSDT"), { state: "failed", attemptsMade: 3, failedReason: "walker failed: model gone" });
      }
    },
  });
  const outcomes = await runSweep(broker, ["opt_BTCUSDT", "opt_ETHUSDT"]);
  assert.deepEqual(broker.queues.map((queue) => [queue.name, queue.options.connection]), [
    [SWEEP_QUEUE_NAME, { url: URL_WITH_PASSWORD, maxRetriesPerRequest: null }],
  ]);
  assert.equal(broker.added.length, 2, "each job added once");
  assert.match(broker.added[0], /^[0-9a-f]{8}-opt_BTCUSDT$/, "job ids are the sweep's id and the job's");
  assert.equal(broker.added[1], broker.added[0].replace("opt_BTCUSDT", "opt_ETHUSDT"), "one sweep id for all its jobs");
  assert.deepEqual(outcomes.map((outcome) => [outcome.result.id, outcome.result.status]), [["opt_BTCUSDT", "done"], ["opt_ETHUSDT", "failed"]]);
  const done = outcomes[0].result;
  assert.deepEqual(
    [done.config, done.configHash, done.optimizerName, done.symbol, done.reused, done.bestStrategy, done.attempts],
    ["sweep.config.mjs", "c0ffee", "opt", "BTCUSDT", false, "ema", 1],
    "the row is filed under the job's own name"
  );
  assert.deepEqual([outcomes[1].result.error, outcomes[1].result.attempts, outcomes[1].files], ["walker failed: model gone", 3, []]);
  assert.deepEqual(broker.removed, broker.added, "each ended job is removed from the queue");
  assert.deepEqual(broker.sleeps, [POLL_MS, POLL_MS, POLL_MS], "it looks every pollMs until the last job ends");
  assert.equal(broker.closed, 1);
  assert.deepEqual(broker.warnings, []);
});

test("a job that ends between the read of the job and the read of its state gives its real outcome", async () => {
  const broker = createBroker({
    onPoll: (b, poll) => {
      if (poll === 1) {
        b.afterGetJob = (job) => {
          const ending = job.data.id === "opt_BTCUSDT"
            ? { state: "completed", attemptsMade: 1, returnvalue: doneOutcome("ema") }
            : { state: "failed", attemptsMade: 3, failedReason: "walker failed: model gone" };
          Object.assign(job, ending);
        };
      }
    },
  });
  const outcomes = await runSweep(broker, ["opt_BTCUSDT", "opt_ETHUSDT"]);
  assert.deepEqual(
    outcomes.map(({ result }) => [result.id, result.status, result.bestStrategy, result.error]),
    [["opt_BTCUSDT", "done", "ema", null], ["opt_ETHUSDT", "failed", null, "walker failed: model gone"]]
  );
});

test("a job whose outcome is not a sweep outcome ends failed, saying so", async () => {
  const broker = createBroker({
    onPoll: (b) => Object.assign(b.job("opt_BTCUSDT"), { state: "completed", attemptsMade: 2, returnvalue: { nope: true } }),
  });
  const [outcome] = await runSweep(broker, ["opt_BTCUSDT"]);
  assert.deepEqual([outcome.result.status, outcome.result.error, outcome.result.attempts], ["failed", "the worker handed back no sweep job outcome", 2]);
});

test("a job gone from the queue (Redis restarted without its data) is put back once per loss, said with the URL redacted", async () => {
  const broker = createBroker({
    onPoll: (b, poll) => {
      if (poll === 1) {
        b.jobs.clear();
      }
      if (poll === 3) {
        Object.assign(b.job("opt_BTCUSDT"), { state: "completed", attemptsMade: 1, returnvalue: doneOutcome("ema") });
      }
    },
  });
  const outcomes = await runSweep(broker, ["opt_BTCUSDT"]);
  assert.equal(outcomes.length, 1);
  assert.equal(broker.added.length, 2, "added, then added again after the loss");
  assert.equal(broker.added[1], broker.added[0], "under the same job id");
  assert.deepEqual(broker.job("opt_BTCUSDT")?.opts ?? null, null, "and removed once it ended");
  assert.deepEqual(broker.warnings.map((warning) => [warning.kind, warning.details]), [
    ["sweep-job-requeued", { jobId: "opt_BTCUSDT", queue: REDACTED }],
  ]);
  assert.ok(!broker.warnings[0].message.includes("hunter2"));
});

test("a job's failed attempts and lost workers are each said once, then its end is handed on", async () => {
  const broker = createBroker({
    onPoll: (b, poll) => {
      const job = b.job("opt_BTCUSDT");
      if (poll === 1 || poll === 2) {
        Object.assign(job, { state: "delayed", attemptsMade: 1, failedReason: "model timed out" });
      }
      if (poll === 3) {
        Object.assign(job, { state: "active", stalledCounter: 1 });
      }
      if (poll === 4) {
        Object.assign(job, { state: "active", attemptsMade: 2, failedReason: "model timed out again" });
      }
      if (poll === 5) {
        Object.assign(job, { state: "completed", returnvalue: doneOutcome("ema") });
      }
    },
  });
  const [outcome] = await runSweep(broker, ["opt_BTCUSDT"]);
  assert.equal(outcome.result.attempts, 2);
  assert.deepEqual(broker.warnings.map((warning) => [warning.kind, warning.details]), [
    ["sweep-retry", { jobId: "opt_BTCUSDT", attempt: 1, attempts: 3, error: "model timed out" }],
    ["sweep-job-stalled", { jobId: "opt_BTCUSDT", queue: REDACTED, stalls: 1 }],
    ["sweep-retry", { jobId: "opt_BTCUSDT", attempt: 2, attempts: 3, error: "model timed out again" }],
  ]);
});

test("an outage shorter than the bound is said once and waited out; one as long as the bound fails the sweep with the cause", async () => {
  const recovering = createBroker({
    onPoll: (b, poll) => {
      b.failCalls = poll >= 2 && poll <= 5;
      if (poll === 6) {
        Object.assign(b.job("opt_BTCUSDT"), { state: "completed", attemptsMade: 1, returnvalue: doneOutcome("ema") });
      }
    },
  });
  const outcomes = await runSweep(recovering, ["opt_BTCUSDT"]);
  assert.equal(outcomes.length, 1);
  assert.deepEqual(recovering.warnings.map((warning) => [warning.kind, warning.details]), [
    ["sweep-queue-unavailable", { queue: REDACTED, error: "connect ECONNREFUSED 127.0.0.9:6379" }],
  ]);

  const lost = createBroker({ onPoll: (b, poll) => (b.failCalls = poll >= 1) });
  const began = lost.clock;
  const failure = await runSweep(lost, ["opt_BTCUSDT"]).then(() => null, (error) => error);
  assert.ok(failure instanceof Error, "the sweep fails");
  assert.match(
    failure.message,
    /^sweep: the queue at redis:\/\/sweeper:\*\*\*@127\.0\.0\.9:6379\/2 has been unreachable for 60 s \(CC_SWEEP_QUEUE_TIMEOUT_MS is 60000; finished jobs are kept in the output directory, so running the sweep again goes on where it stopped\): connect ECONNREFUSED 127\.0\.0\.9:6379$/
  );
  assert.match(failure.cause.message, /ECONNREFUSED/);
  assert.equal(lost.clock - began - POLL_MS, 60_000, "after exactly the bound of the clock it was given");
  assert.equal(lost.warnings.filter((warning) => warning.kind === "sweep-queue-unavailable").length, 1, "said once per outage");
  assert.equal(lost.closed, 1, "the queue is closed");
});

test("a second outage after the queue came back is said again and measured from its own start", async () => {
  const broker = createBroker({
    onPoll: (b, poll) => {
      b.failCalls = (poll >= 1 && poll <= 100) || (poll >= 102 && poll <= 200);
      if (poll === 201) {
        Object.assign(b.job("opt_BTCUSDT"), { state: "completed", attemptsMade: 1, returnvalue: doneOutcome("ema") });
      }
    },
  });
  const outcomes = await runSweep(broker, ["opt_BTCUSDT"]);
  assert.equal(outcomes.length, 1, "two outages of 50 s each under a bound of 60 s: the sweep goes on");
  assert.equal(broker.warnings.filter((warning) => warning.kind === "sweep-queue-unavailable").length, 2);
});

test("an aborted sweep stops looking and closes its queue", async () => {
  const controller = new AbortController();
  const broker = createBroker({ onPoll: (b, poll) => poll === 2 && controller.abort(new Error("stopped by the user")) });
  await assert.rejects(runSweep(broker, ["opt_BTCUSDT"], controller.signal), /stopped by the user/);
  assert.equal(broker.sleeps.length, 2);
  assert.equal(broker.closed, 1);
  assert.deepEqual(broker.removed, []);
});

test("no jobs: the queue is never opened", async () => {
  const broker = createBroker();
  assert.deepEqual(await runSweep(broker, []), []);
  assert.deepEqual(broker.queues, []);
});
