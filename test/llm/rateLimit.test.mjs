// A 429 or 503 with Retry-After: the pool pauses for it, halves its limit, climbs back,
// and says so through listenWarning.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { askText, formatError, listenWarning, setConfig } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";

const DEFAULTS = { CC_LLM_CONCURRENCY: 4, CC_LLM_RETRY_COUNT: 2, CC_LLM_RETRY_DELAY_MS: 1 };

before(() => setConfig(DEFAULTS));
after(() => setConfig(DEFAULTS));

const REQUESTS = 12;

/**
 * Asks REQUESTS questions at once; the endpoint answers the first one with `status`
 * and `headers` (or what `headers()` returns then) once four requests are in flight, every other request after 40 ms. The server's log interleaves each
 * arrival (with the requests in flight at that moment) with "limited" when the fault is
 * answered and "pause-over" 900 ms later, just before the pool may send again.
 */
const runRateLimited = async (t, status, headers) => {
  const log = [];
  let allArrived;
  const fourInFlight = new Promise((resolve) => (allArrived = resolve));
  const server = await startOllamaServer(async (body, index) => {
    log.push({ arrival: body.messages[0].content, inFlight: server.requests[index].inFlight });
    if (index === 3) allArrived();
    if (index === 0) {
      await fourInFlight;
      log.push("limited");
      const timer = setTimeout(() => log.push("pause-over"), 900);
      t.after(() => clearTimeout(timer));
      return { status, error: "slow down", headers: typeof headers === "function" ? headers() : headers };
    }
    return { delayMs: 40, content: `answer to ${body.messages[0].content}` };
  });
  t.after(server.close);
  const warnings = [];
  t.after(listenWarning((warning) => warning.details.host === server.host && warnings.push(warning)));
  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => askText([{ role: "user", content: `q${i}` }], { host: server.host, model: "m", cache: false }))
  );
  assert.deepEqual(answers, Array.from({ length: REQUESTS }, (_, i) => `answer to q${i}`));
  return { server, log, warnings };
};

/** The arrivals logged after `marker`. */
const arrivalsAfter = (log, marker) => log.slice(log.indexOf(marker) + 1).filter((entry) => typeof entry === "object");

/** A burst of 8 requests held until 4 are in flight: the peak it reaches (4 once the limit is back). */
const burstPeak = async (t) => {
  let open;
  const opened = new Promise((resolve) => (open = resolve));
  const fallback = setTimeout(open, 5_000);
  const server = await startOllamaServer(async (body, index) => {
    if (index === 3) {
      clearTimeout(fallback);
      open();
    }
    await opened;
    return "ok";
  });
  t.after(server.close);
  await Promise.all(Array.from({ length: 8 }, (_, i) => askText([{ role: "user", content: `burst ${i}` }], { host: server.host, model: "m", cache: false })));
  return server.peakInFlight();
};

const assertSlowedDown = ({ server, log, warnings }, status) => {
  assert.equal(server.requests.length, REQUESTS + 1, "the limited request was sent once more");
  assert.equal(server.peakInFlight(), 4);
  const afterFault = log.slice(log.indexOf("limited") + 1);
  const firstArrival = afterFault.findIndex((entry) => typeof entry === "object");
  assert.ok(firstArrival > afterFault.indexOf("pause-over"), `nothing is sent during Retry-After: ${JSON.stringify(afterFault)}`);
  const resumed = arrivalsAfter(log, "pause-over");
  assert.equal(resumed.length, REQUESTS - 4 + 1);
  assert.ok(resumed.slice(0, 2).every((entry) => entry.inFlight <= 2), `the limit is halved: ${JSON.stringify(resumed)}`);
  assert.ok(resumed.every((entry) => entry.inFlight <= 4));

  const limited = warnings.filter((warning) => warning.kind === "llm-rate-limited");
  assert.equal(limited.length, 1);
  assert.equal(limited[0].details.status, status);
  assert.equal(limited[0].details.limit, 2);
  assert.equal(limited[0].details.provider, "ollama");
  assert.equal(limited[0].details.model, "m");
  assert.ok(limited[0].details.retryAfterMs >= 1_000 && limited[0].details.retryAfterMs <= 3_000);
  assert.match(limited[0].message, new RegExp(`answered ${status} for model m: the request pool now sends at most 2 request\\(s\\) at once, and sends nothing for \\d+ ms`));
  const retries = warnings.filter((warning) => warning.kind === "llm-retry");
  assert.equal(retries.length, 1);
  assert.deepEqual(
    { ...retries[0].details, delayMs: retries[0].details.delayMs === limited[0].details.retryAfterMs },
    { provider: "ollama", host: server.host, model: "m", attempt: 1, error: "slow down", delayMs: true }
  );
};

test("429 with Retry-After in seconds: a pause, then half the requests in flight, then back up", async (t) => {
  const run = await runRateLimited(t, 429, { "retry-after": "1" });
  assertSlowedDown(run, 429);
  assert.equal(await burstPeak(t), 4, "the limit climbed back to CC_LLM_CONCURRENCY with the successes");
  assert.equal(run.warnings.find((w) => w.kind === "llm-rate-limited").details.retryAfterMs, 1_000);
});

test("503 with Retry-After as an HTTP date is honoured the same way", async (t) => {
  const run = await runRateLimited(t, 503, () => ({ "retry-after": new Date(Date.now() + 3_000).toUTCString() }));
  assertSlowedDown(run, 503);
  assert.equal(await burstPeak(t), 4, "the limit climbed back to CC_LLM_CONCURRENCY with the successes");
});

test("a retried request without Retry-After raises llm-retry with the doubling pause", async (t) => {
  setConfig({ CC_LLM_RETRY_DELAY_MS: 5 });
  t.after(() => setConfig(DEFAULTS));
  const server = await startOllamaServer((body, index) => (index < 2 ? { status: 500, error: "boom" } : "fine"));
  t.after(server.close);
  const warnings = [];
  t.after(listenWarning((warning) => warning.details.host === server.host && warnings.push(warning)));
  assert.equal(await askText([{ role: "user", content: "x" }], { host: server.host, model: "m", cache: false }), "fine");
  assert.deepEqual(
    warnings.map((w) => [w.kind, w.details.attempt, w.details.delayMs, w.details.error]),
    [["llm-retry", 1, 5, "boom"], ["llm-retry", 2, 10, "boom"]]
  );
  assert.match(warnings[0].message, /LLM request to model m at http:\/\/127\.0\.0\.1:\d+ \(ollama\): attempt 1 of 3 failed, trying again in 5 ms: boom/);
});

test("a Retry-After longer than a minute is cut to 60 s (last: it pauses this process's pool)", async (t) => {
  setConfig({ CC_LLM_RETRY_COUNT: 0 });
  t.after(() => setConfig(DEFAULTS));
  const server = await startOllamaServer(() => ({ status: 429, error: "come back tomorrow", headers: { "retry-after": "86400" } }));
  t.after(server.close);
  const warnings = [];
  t.after(listenWarning((warning) => warning.details.host === server.host && warnings.push(warning)));
  const failure = await askText([{ role: "user", content: "x" }], { host: server.host, model: "m", cache: false }).catch((error) => error);
  assert.match(formatError(failure), /LLM request to model m failed after 1 attempt\(s\): come back tomorrow/);
  assert.deepEqual(warnings.map((w) => [w.kind, w.details.retryAfterMs]), [["llm-rate-limited", 60_000]]);
});
