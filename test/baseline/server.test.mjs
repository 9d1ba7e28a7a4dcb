// The baseline model's HTTP side, through the real ollama client where it can be:
// routes, the chat reply's shape, streaming, errors and the options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ollama } from "ollama";
import { serveBaselineModel } from "../../build/index.mjs";
import { candlesBetween, formatCandles, SIGNAL_FORMAT, useBaselineServer } from "../helpers/baseline.mjs";

const baseline = useBaselineServer();

const dayMessages = () => [
  { role: "user", content: formatCandles(candlesBetween("1m", "2023-03-02T00:00Z", "2023-03-02T06:00Z"), "1m") },
  { role: "user", content: "Describe a strategy." },
];

test("it listens on 127.0.0.1 on a free port and /api/tags lists baseline:latest", async () => {
  assert.match(baseline.server.host, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(baseline.server.host, "http://127.0.0.1:0");
  assert.equal(baseline.server.model, "baseline:latest");
  const { models } = await baseline.ollama.list();
  assert.deepEqual(models.map((model) => model.name), ["baseline:latest"]);
  assert.equal(models[0].model, "baseline:latest");
  assert.equal(typeof models[0].details.family, "string");
});

test("a custom model name is the one listed", async (t) => {
  const custom = await serveBaselineModel({ model: "rules:v1" });
  t.after(custom.close);
  assert.equal(custom.model, "rules:v1");
  const { models } = await new Ollama({ host: custom.host }).list();
  assert.deepEqual(models.map((model) => model.name), ["rules:v1"]);
});

test("/api/version answers a version string", async () => {
  const { version } = await baseline.ollama.version();
  assert.equal(typeof version, "string");
  assert.ok(version.length > 0);
});

test("a chat reply has Ollama's shape, a fixed created_at and echoes any model name asked for", async () => {
  const response = await fetch(`${baseline.server.host}/api/chat`, {
    method: "POST",
    body: JSON.stringify({ model: "deepseek-v3.1:671b", messages: dayMessages() }),
  });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.model, "deepseek-v3.1:671b");
  assert.equal(body.created_at, "1970-01-01T00:00:00.000Z");
  assert.equal(body.message.role, "assistant");
  assert.match(body.message.content, /not an LLM/);
  assert.equal(body.done, true);
  assert.equal(body.done_reason, "stop");
  assert.equal(body.total_duration, 0);
});

test("a streamed chat gives the same content as a plain one, then a done chunk", async () => {
  const plain = await baseline.ollama.chat({ model: baseline.server.model, messages: dayMessages(), format: SIGNAL_FORMAT });
  const chunks = [];
  for await (const chunk of await baseline.ollama.chat({ model: baseline.server.model, messages: dayMessages(), format: SIGNAL_FORMAT, stream: true })) {
    chunks.push(chunk);
  }
  assert.equal(chunks.map((chunk) => chunk.message.content).join(""), plain.message.content);
  assert.equal(chunks.at(-1).done, true);
  assert.equal(chunks.at(-1).done_reason, "stop");
  assert.ok(chunks.slice(0, -1).every((chunk) => chunk.done === false));
});

test("an unknown route is a 404 with an error naming it", async () => {
  const response = await fetch(`${baseline.server.host}/api/generate`, { method: "POST", body: "{}" });
  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), { error: "no route POST /api/generate" });
  const wrongMethod = await fetch(`${baseline.server.host}/api/chat`);
  assert.equal(wrongMethod.status, 404);
  assert.match((await wrongMethod.json()).error, /GET \/api\/chat/);
});

test("a malformed JSON body is a 400 with an error", async () => {
  const response = await fetch(`${baseline.server.host}/api/chat`, { method: "POST", body: "{ not json" });
  assert.equal(response.status, 400);
  assert.match(response.headers.get("content-type"), /application\/json/);
  assert.match((await response.json()).error, /not valid JSON/);
});

test("a body with a wrong field is a 400 the ollama client reports with the field and value", async () => {
  await assert.rejects(baseline.ollama.chat({ model: baseline.server.model, messages: [], format: "yaml" }), (error) => {
    assert.equal(error.status_code, 400);
    assert.match(error.message, /format must be "json" or a JSON schema object, got "yaml"/);
    return true;
  });
  await assert.rejects(baseline.ollama.chat({ model: baseline.server.model, messages: [{ role: "user", content: 5 }] }), (error) => {
    assert.equal(error.status_code, 400);
    assert.match(error.message, /messages\[0\]\.content must be a string, got 5/);
    return true;
  });
  const notObject = await fetch(`${baseline.server.host}/api/chat`, { method: "POST", body: "[1, 2]" });
  assert.equal(notObject.status, 400);
  assert.match((await notObject.json()).error, /must be a JSON object, got \[1,2\]/);
});

test("bad options throw naming the field and value; close() stops the server", async () => {
  await assert.rejects(serveBaselineModel({ port: 70_000 }), /port must be a whole number from 0 to 65535, got 70000/);
  await assert.rejects(serveBaselineModel({ model: "" }), /model must be a non-empty string, got ""/);
  await assert.rejects(serveBaselineModel({ hostname: 5 }), /hostname must be a non-empty string, got 5/);
  const other = await serveBaselineModel();
  assert.equal((await fetch(`${other.host}/api/version`)).status, 200);
  await other.close();
  await assert.rejects(fetch(`${other.host}/api/version`));
});
