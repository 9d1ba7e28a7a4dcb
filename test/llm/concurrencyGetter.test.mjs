// Where the request pool's limit stands (getLlmConcurrency): null until the pool sends a
// request (and again after its bounds change), then the mode, limit, peak, falls, last
// move and the one-line summary the backtest-kit command prints.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { askText, getLlmConcurrency, setConfig } from "../../build/index.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";

before(() => setConfig({ CC_LLM_RETRY_DELAY_MS: 1 }));
after(() => setConfig({ CC_LLM_CONCURRENCY: 0, CC_LLM_RETRY_DELAY_MS: 1_000 }));

/** Asks `count` different questions at once, uncached, of `server`. */
const askMany = (server, model, count) =>
  Promise.all(
    Array.from({ length: count }, (_, index) =>
      askText([{ role: "user", content: `question ${index}` }], { host: server.host, model, cache: false })
    )
  );

test("null before the pool sent any request", () => {
  assert.equal(getLlmConcurrency(), null);
});

test("a fixed pool: fixed at CC_LLM_CONCURRENCY, null again after the setting changes", async (t) => {
  const server = await startOllamaServer(() => "fine", { latencyMs: 5 });
  t.after(server.close);
  setConfig({ CC_LLM_CONCURRENCY: 3 });
  assert.equal(getLlmConcurrency(), null);
  await askMany(server, "fixed", 6);
  assert.deepEqual(getLlmConcurrency(), {
    mode: "fixed",
    limit: 3,
    peak: 3,
    falls: 0,
    lastChange: null,
    text: "LLM requests in flight: fixed at 3 (highest 3, fell 0 time(s))",
  });
  setConfig({ CC_LLM_CONCURRENCY: 2 });
  assert.equal(getLlmConcurrency(), null);
});

test("a fixed pool halved by a 429 says where it moved from and why", async (t) => {
  const server = await startOllamaServer((body, index) => (index === 0 ? { status: 429, error: "slow down" } : "fine"));
  t.after(server.close);
  setConfig({ CC_LLM_CONCURRENCY: 4 });
  await askMany(server, "limited", 1);
  const concurrency = getLlmConcurrency();
  assert.equal(concurrency.mode, "fixed");
  assert.equal(concurrency.falls, 1);
  assert.deepEqual({ from: concurrency.lastChange.from, to: concurrency.lastChange.to, reason: concurrency.lastChange.reason }, { from: 4, to: 2, reason: "rate-limited" });
  assert.equal(concurrency.text, `LLM requests in flight: fixed at ${concurrency.limit} (highest 4, fell 1 time(s), last moved from 4 to 2 (rate-limited))`);
});

test("an adaptive pool (CC_LLM_CONCURRENCY unset) says it settled, within the bounds", async (t) => {
  const server = await startOllamaServer(() => "fine", { latencyMs: 20, capacity: 2 });
  t.after(server.close);
  setConfig({ CC_LLM_CONCURRENCY: 0 });
  assert.equal(getLlmConcurrency(), null);
  await askMany(server, "adaptive", 24);
  const { mode, limit, peak, falls, lastChange, text } = getLlmConcurrency();
  assert.equal(mode, "adaptive");
  assert.ok(limit >= 1 && limit <= peak && peak <= 64, JSON.stringify({ limit, peak }));
  const moved = lastChange ? `, last moved from ${lastChange.from} to ${lastChange.to} (${lastChange.reason})` : "";
  assert.equal(text, `LLM requests in flight: adaptive, settled at ${limit} (highest ${peak}, fell ${falls} time(s)${moved})`);
});
