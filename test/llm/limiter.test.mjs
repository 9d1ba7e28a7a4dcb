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

/** A limiter on a clock the test moves. */
const createLimiter = (bounds = ADAPTIVE) => {
  const clock = { now: 0, bounds };
  const limiter = new ClientLlmLimiter({ now: () => clock.now, getBounds: () => clock.bounds });
  return { limiter, clock };
};

/**
 * Runs the limiter against a server of `slots` slots answering in `serviceMs` each (the
 * rest wait in its queue, first come first served), with a request always waiting at
 * the pool, for `durationMs` of simulated time. Returns the limit after every answer
 * (with its time) and every move.
 */
const simulate = ({ slots, serviceMs, durationMs, bounds = ADAPTIVE, demand = Infinity }) => {
  const { limiter, clock } = createLimiter(bounds);
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
  const serve = (token) => {
    working += 1;
    schedule(clock.now + serviceMs, () => finish(token));
  };
  const finish = (token) => {
    working -= 1;
    inFlight -= 1;
    const next = serverQueue.shift();
    if (next !== undefined) serve(next);
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
  return { limits, moves, limiter };
};

/** The limits seen in the second half of the run: where it settled. */
const settled = ({ limits }, durationMs) => limits.filter(({ at }) => at >= durationMs / 2).map(({ limit }) => limit);

test("an endpoint that never queues: the limit doubles from 8 each round of answers up to CC_LLM_CONCURRENCY_MAX", () => {
  const run = simulate({ slots: 1_000, serviceMs: 200, durationMs: 4_000 });
  assert.deepEqual(
    run.moves.map(({ from, to, reason }) => [from, to, reason]),
    [[8, 16, "rising"], [16, 32, "rising"], [32, 64, "rising"]]
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

test("the limit does not rise while the pool is not full (demand below the limit)", () => {
  const run = simulate({ slots: 1_000, serviceMs: 200, durationMs: 10_000, demand: 3 });
  assert.deepEqual(run.moves, []);
  assert.equal(run.limiter.limit(), 8);
});

test("recorded latencies: a round at 1.5x the fastest answer cuts the limit to the share the server worked", () => {
  const { limiter, clock } = createLimiter();
  const tokens = [1, 2, 3, 4, 5, 6, 7, 8].map((inFlight) => limiter.begin(inFlight));
  const recorded = [200, 200, 200, 200, 400, 400, 400, 400];
  const moves = tokens.map((token, index) => {
    clock.now = recorded[index];
    return limiter.succeed(token, true);
  });
  assert.deepEqual(moves.slice(0, 7), [null, null, null, null, null, null, null]);
  // 8 x 200 / 300 = 5.33: the server worked on 6 of the 8 at a time
  assert.deepEqual(moves[7], { from: 8, to: 6, reason: "latency", latencyMs: 300, baselineMs: 200, warn: false });
  assert.deepEqual(limiter.snapshot().lastChange, { from: 8, to: 6, reason: "latency", latencyMs: 300, baselineMs: 200 });
});

test("a 429 or a timeout halves the limit once per round, and warns", () => {
  const { limiter, clock } = createLimiter();
  const first = limiter.begin(1);
  const second = limiter.begin(2);
  clock.now = 100;
  assert.deepEqual(limiter.overload(first, "rate-limited"), {
    from: 8, to: 4, reason: "rate-limited", latencyMs: null, baselineMs: null, warn: true,
  });
  assert.equal(limiter.overload(second, "rate-limited"), null, "a request of the same round does not halve again");
  const third = limiter.begin(1);
  assert.deepEqual(limiter.overload(third, "timeout"), {
    from: 4, to: 2, reason: "timeout", latencyMs: null, baselineMs: null, warn: true,
  });
  assert.equal(limiter.overload(limiter.begin(1), "timeout").to, 1);
  assert.equal(limiter.overload(limiter.begin(1), "timeout"), null, "CC_LLM_CONCURRENCY_MIN holds");
  assert.equal(limiter.snapshot().falls, 3);
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
  const tokens = Array.from({ length: 8 }, (_, index) => limiter.begin(index + 1));
  tokens.forEach((token) => limiter.succeed(token, true));
  assert.equal(limiter.limit(), 16, "a round at 0 ms keeps its latency: the limit doubles");
  const next = Array.from({ length: 16 }, (_, index) => limiter.begin(index + 1));
  next.forEach((token) => limiter.succeed(token, true));
  assert.equal(limiter.limit(), 32);
});

test("new bounds (setConfig between runs) start the limiter over", () => {
  const { limiter, clock } = createLimiter();
  limiter.overload(limiter.begin(1), "rate-limited");
  assert.equal(limiter.limit(), 4);
  clock.bounds = { fixed: 3, min: 1, max: 64 };
  assert.equal(limiter.limit(), 3);
  assert.deepEqual(limiter.snapshot(), { mode: "fixed", limit: 3, peak: 3, falls: 0, lastChange: null });
});
