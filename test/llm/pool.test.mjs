// The process-wide LLM request pool: a limit of requests in flight, a bounded queue,
// identical requests shared, cache hits outside the pool.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { askText, setConfig } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const DEFAULTS = { CC_LLM_CONCURRENCY: 4, CC_LLM_QUEUE_LIMIT: 10_000, CC_LLM_RETRY_DELAY_MS: 1 };

before(() => setConfig(DEFAULTS));
after(() => setConfig(DEFAULTS));

const question = (i) => [{ role: "user", content: `question ${i}` }];
const answerOf = (body) => `answer to ${body.messages.at(-1).content}`;

/** A promise and its resolver. */
const gate = () => {
  let open;
  const opened = new Promise((resolve) => (open = resolve));
  return { opened, open };
};

/**
 * A reply that holds every request until `count` requests have arrived (or 5 s have
 * passed, so a pool that never gets there fails the assertion instead of hanging).
 */
const holdUntil = (count) => {
  const { opened, open } = gate();
  const fallback = setTimeout(open, 5_000);
  return async (body, index) => {
    if (index + 1 >= count) {
      clearTimeout(fallback);
      open();
    }
    await opened;
    return answerOf(body);
  };
};

const start = async (t, reply, options) => {
  const server = await startOllamaServer(reply, options);
  t.after(server.close);
  return server;
};

test("never more requests in flight than CC_LLM_CONCURRENCY, and exactly that many under load", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 3 });
  t.after(() => setConfig(DEFAULTS));
  const server = await start(t, holdUntil(3), { latencyMs: 20 });
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => askText(question(i), { host: server.host, model: "m", cache: false }))
  );
  assert.deepEqual(answers, Array.from({ length: 12 }, (_, i) => `answer to question ${i}`));
  assert.equal(server.requests.length, 12);
  assert.equal(server.peakInFlight(), 3);
  assert.ok(server.requests.every((request) => request.inFlight <= 3));
});

test("CC_LLM_CONCURRENCY 1 sends one request at a time, in the order they were asked", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 1 });
  t.after(() => setConfig(DEFAULTS));
  const server = await start(t, (body) => answerOf(body), { latencyMs: 5 });
  await Promise.all(Array.from({ length: 6 }, (_, i) => askText(question(i), { host: server.host, model: "m", cache: false })));
  assert.equal(server.peakInFlight(), 1);
  assert.deepEqual(
    server.requests.map((request) => request.body.messages[0].content),
    Array.from({ length: 6 }, (_, i) => `question ${i}`)
  );
});

test("a full queue rejects the request with an error naming CC_LLM_QUEUE_LIMIT; the others are answered", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 1, CC_LLM_QUEUE_LIMIT: 2 });
  t.after(() => setConfig(DEFAULTS));
  const server = await start(t, (body) => answerOf(body), { latencyMs: 20 });
  const outcomes = await Promise.allSettled(
    Array.from({ length: 5 }, (_, i) => askText(question(i), { host: server.host, model: "m", cache: false }))
  );
  assert.deepEqual(outcomes.map((outcome) => outcome.status), ["fulfilled", "fulfilled", "fulfilled", "rejected", "rejected"]);
  for (const { reason } of outcomes.slice(3)) {
    assert.match(reason.message, /LLM request pool is full: 2 requests already wait for one of 1 slot\(s\) \(CC_LLM_QUEUE_LIMIT is 2\)/);
  }
  assert.equal(server.requests.length, 3);
});

test("identical requests in flight at once are sent once and all get the answer", async (t) => {
  const server = await start(t, (body) => answerOf(body), { latencyMs: 30 });
  const dirs = [await makeTempDir(t, "backtest-kit-pool-a-"), await makeTempDir(t, "backtest-kit-pool-b-")];
  const asks = [
    ...Array.from({ length: 4 }, () => askText(question("same"), { host: server.host, model: "m", cache: false })),
    ...dirs.map((cacheDir) => askText(question("same"), { host: server.host, model: "m", cacheDir })),
    askText(question("other"), { host: server.host, model: "m", cache: false }),
  ];
  const answers = await Promise.all(asks);
  assert.deepEqual(answers, [...Array(6).fill("answer to question same"), "answer to question other"]);
  assert.equal(server.requests.length, 2);
  for (const cacheDir of dirs) {
    assert.equal(await askText(question("same"), { host: server.host, model: "m", cacheDir }), "answer to question same");
  }
  assert.equal(server.requests.length, 2, "both caches got the shared answer");
});

test("a cache hit takes no slot: it is answered while the only slot is busy", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 1 });
  t.after(() => setConfig(DEFAULTS));
  const held = gate();
  const server = await start(t, async (body) => {
    if (body.messages[0].content === "question slow") await held.opened;
    return answerOf(body);
  });
  const cacheDir = await makeTempDir(t, "backtest-kit-pool-hit-");
  const options = { host: server.host, model: "m", cacheDir };
  await askText(question("cached"), options);
  const order = [];
  const slow = askText(question("slow"), { ...options, cache: false }).then(() => order.push("slow"));
  while (server.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
  await askText(question("cached"), options).then(() => order.push("cached"));
  held.open();
  await slow;
  assert.deepEqual(order, ["cached", "slow"]);
  assert.equal(server.requests.length, 2);
});

test("the pool settings are checked by setConfig", () => {
  assert.throws(
    () => setConfig({ CC_LLM_CONCURRENCY: -1 }),
    /^Error: setConfig: CC_LLM_CONCURRENCY must be a whole number from 0 to 1000 \(0: the pool finds the limit itself\), got -1$/
  );
  assert.throws(() => setConfig({ CC_LLM_CONCURRENCY: 2.5 }), /CC_LLM_CONCURRENCY must be a whole number from 0 to 1000 \(0: .*\), got 2\.5/);
  assert.throws(() => setConfig({ CC_LLM_CONCURRENCY_MAX: 0 }), /CC_LLM_CONCURRENCY_MAX must be a whole number from 1 to 1000, got 0/);
  assert.throws(
    () => setConfig({ CC_LLM_CONCURRENCY_MIN: 8, CC_LLM_CONCURRENCY_MAX: 4 }),
    /^Error: setConfig: CC_LLM_CONCURRENCY_MIN \(8\) must not be above CC_LLM_CONCURRENCY_MAX \(4\)$/
  );
  assert.throws(() => setConfig({ CC_LLM_BREAKER_FAILURES: 0 }), /CC_LLM_BREAKER_FAILURES must be a whole number from 1 to 1000, got 0/);
  setConfig({ CC_LLM_CONCURRENCY: 0 });
  setConfig(DEFAULTS);
  assert.throws(() => setConfig({ CC_LLM_QUEUE_LIMIT: "10" }), /CC_LLM_QUEUE_LIMIT must be a whole number from 1 to 1000000, got "10"/);
});
