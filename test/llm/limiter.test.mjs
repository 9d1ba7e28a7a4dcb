// The request pool's limiter on its own, on a simulated clock: a model server with a
// fixed number of slots that answers at a fixed latency and queues the rest, under as
// much demand as the pool lets through. No real time passes.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { importSourceModule } from "../helpers/sourceModule.mjs";

let ClientLlmLimiter;
before(async () => {
  ({ ClientLlmLimiter } = await importSourceModule("src/client/llm/ClientLlmLimiter.ts"));
});

const ADAPTIVE = { fixed: null, min: 1, max: 64 };

/** The default CC_LLM_TIMEOUT_MS. */
const TIMEOUT_MS = 60_000;

/** A limiter on a clock the test moves, with requests that time out after `timeoutMs`. */
const createLimiter = (bounds = ADAPTIVE, timeoutMs = TIMEOUT_MS) => {
  const clock = { now: 0, bounds };
  const limiter = new ClientLlmLimiter({ now: () => clock.now, getBounds: () => clock.bounds, getTimeoutMs: () => timeoutMs });
  return { limiter, clock };
};

/**
 * Runs the limiter against a server of `slots` slots answering in `serviceMs` each (the
 * rest wait in its queue, first come first served), with a request always waiting at
 * the pool, for `durationMs` of simulated time. Returns the limit after every answer
 * (with its time) and every move.
 */
const simulate = ({ slots, serviceMs, durationMs, bounds = ADAPTIVE, demand = Infinity, timeoutMs = TIMEOUT_MS }) => {
  const { limiter, clock } = createLimiter(bounds, timeoutMs);
  const events = [];
  const schedule = (at, run) => {
    events.push({ at, run });
    events.sort((a, b) => a.at - b.at);
  };
  const serverQueue = [];
  let inFlight = 0;
  let working = 0;
  const limits = [];
  const moves = [];
  const latencies = [];
  const serve = (token) => {
    working += 1;
    schedule(clock.now + serviceMs, () => finish(token));
  };
  const finish = (token) => {
    working -= 1;
    inFlight -= 1;
    const next = serverQueue.shift();
    if (next !== undefined) serve(next);
    latencies.push(clock.now - token.startedAt);
    const move = limiter.succeed(token, true);
    if (move !== null) moves.push({ at: clock.now, ...move });
    limits.push({ at: clock.now, limit: limiter.limit() });
    fill();
  };
  const fill = () => {
    while (inFlight < Math.min(limiter.limit(), demand)) {
      inFlight += 1;
      const token = limiter.begin(inFlight);
      if (working < slots) serve(token);
      else serverQueue.push(token);
    }
  };
  fill();
  while (events.length > 0 && events[0].at <= durationMs) {
    const event = events.shift();
    clock.now = event.at;
    event.run();
  }
  return { limits, moves, limiter, latencies };
};

/** The limits seen in the second half of the run: where it settled. */
const settled = ({ limits }, durationMs) => limits.filter(({ at }) => at >= durationMs / 2).map(({ limit }) => limit);

test("an endpoint that never queues: the limit doubles from 4 each round of answers up to CC_LLM_CONCURRENCY_MAX", () => {
  const run = simulate({ slots: 1_000, serviceMs: 200, durationMs: 4_000 });
  assert.deepEqual(
    run.moves.map(({ from, to, reason }) => [from, to, reason]),
    [[4, 8, "rising"], [8, 16, "rising"], [16, 32, "rising"], [32, 64, "rising"]]
  );
  assert.equal(run.limiter.snapshot().limit, 64);
  assert.equal(run.limiter.snapshot().peak, 64);
  assert.equal(run.limiter.snapshot().mode, "adaptive");
});

for (const slots of [2, 8, 32]) {
  test(`a server of ${slots} slots at 200 ms: the limit settles around ${slots} (on average at or above it, never far below) and at most twice it`, () => {
    const durationMs = 60_000;
    const run = simulate({ slots, serviceMs: 200, durationMs });
    const limits = settled(run, durationMs);
    const average = limits.reduce((sum, limit) => sum + limit, 0) / limits.length;
    assert.ok(average >= slots, `average settled limit ${average}`);
    assert.ok(Math.min(...limits) >= Math.floor(0.9 * slots), `lowest settled limit ${Math.min(...limits)}`);
    assert.ok(Math.max(...limits) <= 2 * slots, `highest settled limit ${Math.max(...limits)}`);
    const falls = run.moves.filter((move) => move.to < move.from);
    assert.ok(falls.length >= 1, "queueing at the server lowered it at least once");
    assert.ok(falls.every((move) => move.reason === "latency"));
    assert.equal(falls[0].warn, false, "the first fall ends the probing: capacity found, no warning");
    assert.deepEqual(falls.filter((move) => move.warn), [], "probing above capacity is no overload: no warning");
  });
}

test("fast start: a first answer fast enough for a one-slot server to answer 8 within a quarter of the timeout doubles the limit at once", () => {
  const { limiter, clock } = createLimiter();
  const tokens = [1, 2, 3, 4].map((inFlight) => limiter.begin(inFlight));
  clock.now = 1_875; // 2 x 4 x 1,875 ms = 15 s = a quarter of 60 s
  assert.deepEqual(limiter.succeed(tokens[0], true), { from: 4, to: 8, reason: "rising", latencyMs: 1_875, baselineMs: 1_875, warn: false });
  assert.equal(limiter.succeed(tokens[1], true), null, "only the run's first answer: the round of 4 began before the move");
  assert.equal(limiter.limit(), 8);
});

test("no fast start on a slow first answer, on a pool that is not full, or after a Retry-After pause", () => {
  const slow = createLimiter();
  const slowTokens = [1, 2, 3, 4].map((inFlight) => slow.limiter.begin(inFlight));
  slow.clock.now = 1_876;
  assert.equal(slow.limiter.succeed(slowTokens[0], true), null, "8 answers of 1,876 ms one at a time exceed 15 s");
  assert.equal(slow.limiter.limit(), 4);
  const idle = createLimiter();
  const idleToken = idle.limiter.begin(1);
  idle.clock.now = 100;
  assert.equal(idle.limiter.succeed(idleToken, true), null, "one request in flight: the pool was not full");
  const paused = createLimiter();
  const pausedTokens = [1, 2, 3, 4].map((inFlight) => paused.limiter.begin(inFlight));
  paused.clock.now = 100;
  assert.equal(paused.limiter.succeed(pausedTokens[0], false), null);
});

test("a one-slot local model answering in 10 s: the first round never holds a request past the timeout", () => {
  const run = simulate({ slots: 1, serviceMs: 10_000, durationMs: 600_000 });
  assert.equal(run.moves[0].reason, "latency", "the first move is a cut, not a fast start");
  assert.ok(run.limits.every(({ limit }) => limit <= 4));
  assert.equal(Math.max(...run.latencies), 40_000, "the first round's fourth request waits three answers: 40 s, under 60 s");
});

test("the limit does not rise while the pool is not full (demand below the limit)", () => {
  const run = simulate({ slots: 1_000, serviceMs: 200, durationMs: 10_000, demand: 3 });
  assert.deepEqual(run.moves, []);
  assert.equal(run.limiter.limit(), 4);
});

test("recorded latencies: a round at 1.5x the fastest answer cuts the limit to the share the server worked", () => {
  // a 1 s timeout: a first answer in 200 ms is too slow for the fast start (8 x 200 > 250)
  const { limiter, clock } = createLimiter(ADAPTIVE, 1_000);
  const tokens = [1, 2, 3, 4].map((inFlight) => limiter.begin(inFlight));
  const recorded = [200, 200, 400, 400];
  const moves = tokens.map((token, index) => {
    clock.now = recorded[index];
    return limiter.succeed(token, true);
  });
  assert.deepEqual(moves.slice(0, 3), [null, null, null]);
  assert.deepEqual(moves[3], { from: 4, to: 3, reason: "latency", latencyMs: 300, baselineMs: 200, warn: false });
  assert.deepEqual(limiter.snapshot().lastChange, { from: 4, to: 3, reason: "latency", latencyMs: 300, baselineMs: 200 });
});

test("a 429 or a timeout halves the limit once per round, and warns", () => {
  const { limiter, clock } = createLimiter();
  const first = limiter.begin(1);
  const second = limiter.begin(2);
  clock.now = 100;
  assert.deepEqual(limiter.overload(first, "rate-limited"), {
    from: 4, to: 2, reason: "rate-limited", latencyMs: null, baselineMs: null, warn: true,
  });
  assert.equal(limiter.overload(second, "rate-limited"), null, "a request of the same round does not halve again");
  const third = limiter.begin(1);
  assert.deepEqual(limiter.overload(third, "timeout"), {
    from: 2, to: 1, reason: "timeout", latencyMs: null, baselineMs: null, warn: true,
  });
  assert.equal(limiter.overload(limiter.begin(1), "timeout"), null, "CC_LLM_CONCURRENCY_MIN holds");
  assert.equal(limiter.snapshot().falls, 2);
});

test("CC_LLM_CONCURRENCY_MIN and _MAX bound the adaptive limit", () => {
  const high = simulate({ slots: 1_000, serviceMs: 100, durationMs: 5_000, bounds: { fixed: null, min: 1, max: 10 } });
  assert.equal(high.limiter.limit(), 10);
  const low = simulate({ slots: 1, serviceMs: 100, durationMs: 5_000, bounds: { fixed: null, min: 6, max: 64 } });
  assert.ok(low.limits.every(({ limit }) => limit >= 6));
});

test("a fixed limit (CC_LLM_CONCURRENCY set) holds whatever the latency; after a 429 it climbs back one per round, never above", () => {
  const bounds = { fixed: 5, min: 1, max: 64 };
  const run = simulate({ slots: 2, serviceMs: 200, durationMs: 10_000, bounds });
  assert.deepEqual(run.moves, []);
  assert.equal(run.limiter.snapshot().mode, "fixed");
  const { limiter, clock } = createLimiter(bounds);
  assert.equal(limiter.overload(limiter.begin(5), "rate-limited").to, 2);
  const climbs = [];
  for (let round = 0; round < 6; round++) {
    const size = limiter.limit();
    const tokens = Array.from({ length: size }, (_, index) => limiter.begin(index + 1));
    clock.now += 200;
    for (const token of tokens) {
      const move = limiter.succeed(token, true);
      if (move !== null) climbs.push([move.from, move.to, move.warn]);
    }
  }
  assert.deepEqual(climbs, [[2, 3, false], [3, 4, false], [4, 5, false]]);
  assert.equal(limiter.limit(), 5);
});

test("answers within the clock's resolution (0 ms) count as 1 ms: the limit stays a whole number", () => {
  const { limiter } = createLimiter();
  const tokens = [1, 2, 3, 4].map((inFlight) => limiter.begin(inFlight));
  tokens.forEach((token) => limiter.succeed(token, true));
  assert.equal(limiter.limit(), 8, "a round at 0 ms keeps its latency: the limit doubles");
  const next = Array.from({ length: 8 }, (_, index) => limiter.begin(index + 1));
  next.forEach((token) => limiter.succeed(token, true));
  assert.equal(limiter.limit(), 16);
});

test("new bounds (setConfig between runs) start the limiter over", () => {
  const { limiter, clock } = createLimiter();
  limiter.overload(limiter.begin(1), "rate-limited");
  assert.equal(limiter.limit(), 2);
  clock.bounds = { fixed: 3, min: 1, max: 64 };
  assert.equal(limiter.limit(), 3);
  assert.deepEqual(limiter.snapshot(), { mode: "fixed", limit: 3, peak: 3, falls: 0, lastChange: null });
});
