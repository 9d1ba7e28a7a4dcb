// An endpoint that cannot be reached (a refused connection, 401/403 on every attempt):
// the pool stops sending to it after CC_LLM_BREAKER_FAILURES attempts in a row, and
// every request to it fails with one error naming the endpoint and what to check.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { askText, formatError, listenError, setConfig } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { runAskSignal } from "../helpers/signalRun.mjs";

const SETTINGS = { CC_LLM_RETRY_DELAY_MS: 1, CC_LLM_RETRY_COUNT: 2, CC_LLM_BREAKER_FAILURES: 3 };

before(() => setConfig(SETTINGS));
after(() => setConfig(SETTINGS));

const MESSAGES = [{ role: "user", content: "Describe the market" }];

const start = async (t, reply) => {
  const server = await startOllamaServer(reply);
  t.after(server.close);
  return server;
};

test("401 on every attempt: three attempts, then one error naming the endpoint and the key to check; later calls send nothing", async (t) => {
  const server = await start(t, () => ({ status: 401, error: "unauthorized" }));
  const options = { host: server.host, model: "m1", cache: false };
  let first;
  await assert.rejects(askText(MESSAGES, options), (error) => ((first = error), true));
  assert.equal(first.code, "ERR_LLM_ENDPOINT_UNREACHABLE");
  assert.equal(
    formatError(first),
    `LLM endpoint ${server.host} (ollama) is unreachable: 3 attempt(s) in a row failed (CC_LLM_BREAKER_FAILURES), so no more requests are sent to it; check the API key (OLLAMA_API_KEY) and its access to the model: unauthorized`
  );
  assert.equal(server.requests.length, 3, "401 is tried up to the breaker's count");
  await assert.rejects(askText([{ role: "user", content: "another question" }], options), (error) => error === first);
  assert.equal(server.requests.length, 3, "nothing more is sent once the breaker is open");
});

test("403 for many requests at once: each fails with the same error, and the breaker stops the sending", async (t) => {
  const server = await start(t, () => ({ status: 403, error: "forbidden" }));
  const options = { host: server.host, model: "m1", cache: false };
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) => askText([{ role: "user", content: `question ${i}` }], options))
  );
  assert.ok(outcomes.every((outcome) => outcome.status === "rejected"));
  assert.equal(new Set(outcomes.map((outcome) => outcome.reason)).size, 1, "one error for all of them");
  assert.match(formatError(outcomes[0].reason), /is unreachable: .*check the API key .*: forbidden$/);
  assert.ok(server.requests.length < 20, `requests sent ${server.requests.length}`);
});

test("a success between failures resets the count: an endpoint that fails now and then is not cut off", async (t) => {
  const server = await start(t, (body, index) => (index % 3 === 2 ? `answer ${index}` : { status: 401, error: "unauthorized" }));
  const options = { host: server.host, model: "m1", cache: false };
  assert.equal(await askText(MESSAGES, options), "answer 2");
  assert.equal(await askText([{ role: "user", content: "again" }], options), "answer 5");
  assert.equal(server.requests.length, 6);
});

test("a refused connection opens the breaker with the address to check", async (t) => {
  const server = await start(t, () => "never");
  await server.close();
  await assert.rejects(askText(MESSAGES, { host: server.host, model: "m1", cache: false }), (error) =>
    new RegExp(`^LLM endpoint ${server.host} \\(ollama\\) is unreachable: .*check that the model server runs and listens at this address: .*ECONNREFUSED`).test(formatError(error))
  );
});

test("askSignal against an endpoint that refuses the key fails the backtest once: one error, none per tick", async (t) => {
  const server = await start(t, () => ({ status: 401, error: "unauthorized" }));
  const errors = [];
  t.after(listenError((error) => errors.push(formatError(error))));
  await assert.rejects(
    runAskSignal("breaker-signal", { host: server.host, model: "m1", cache: false }, new Date("2023-03-10T06:00:00Z")),
    (error) => /is unreachable: .*check the API key \(OLLAMA_API_KEY\).*: unauthorized$/.test(formatError(error))
  );
  assert.equal(errors.length, 1, errors.join("\n"));
  assert.match(errors[0], /^backtest of strategy breaker-signal-strategy .* failed: .* is unreachable: .*: unauthorized$/);
  assert.equal(server.requests.length, 3);
});
