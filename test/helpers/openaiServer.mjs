import { createServer } from "node:http";
import { countTokens, promptTokensOf } from "./tokens.mjs";

/** The usage block of an answer, as OpenAI reports it (see tokens.mjs for the count). */
const usageOf = (body, content) => {
  const prompt = promptTokensOf(body);
  const completion = countTokens(content);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
};

const completion = (body, content) =>
  JSON.stringify({
    id: "chatcmpl-loopback",
    object: "chat.completion",
    created: 0,
    model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: usageOf(body, content),
  });

const chunk = (model, delta, finishReason = null, extra = {}) =>
  `data: ${JSON.stringify({
    id: "chatcmpl-loopback",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: delta === null ? [] : [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  })}\n\n`;

/**
 * The content as server-sent events, a few characters per chunk, then (when the body
 * asks with stream_options.include_usage, as OpenAI does) a last chunk with no choices
 * and the usage, then [DONE].
 */
const streamed = (body, content) => {
  const pieces = content.match(/[\s\S]{1,7}/g) ?? [];
  const usage = body.stream_options?.include_usage ? [chunk(body.model, null, null, { usage: usageOf(body, content) })] : [];
  return [
    chunk(body.model, { role: "assistant", content: "" }),
    ...pieces.map((piece) => chunk(body.model, { content: piece })),
    chunk(body.model, {}, "stop"),
    ...usage,
    "data: [DONE]\n\n",
  ];
};

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol at
 * /v1/chat/completions, plain or (when the body says `stream: true`) as server-sent
 * events. `reply(body, index)` decides what happens to request number `index`:
 * - a string: the assistant's content;
 * - `{ status, error, headers }`: that status with OpenAI's `{ error: { message } }` body;
 * - `{ delayMs, content }`: the content, answered after `delayMs` (if still connected).
 * Answers report tokens as OpenAI does (`usage`; streamed: a last chunk when the body asks
 * with stream_options.include_usage) and Ollama does, counted as in tokens.mjs.
 * The same address also answers Ollama's /api/chat (non-streamed) with `reply`, so a
 * test can point both protocols at one host. Every request body, its headers and `inFlight` (requests being answered when it
 * arrived, itself included) are kept in `requests`. `baseURL` ends in /v1.
 */
export const startOpenAiServer = async (reply) => {
  const requests = [];
  let inFlight = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (data) => (raw += data));
    req.on("end", async () => {
      const ollama = req.url === "/api/chat";
      if (req.method !== "POST" || (!req.url.endsWith("/chat/completions") && !ollama)) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const body = JSON.parse(raw);
      const index = requests.length;
      inFlight += 1;
      res.on("close", () => (inFlight -= 1));
      requests.push({ body, headers: req.headers, inFlight, protocol: ollama ? "ollama" : "openai" });
      let outcome = await reply(body, index);
      if (outcome?.delayMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, outcome.delayMs));
        if (res.destroyed) return;
        outcome = outcome.content;
      }
      if (ollama && typeof outcome === "string") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ model: body.model, created_at: new Date(0).toISOString(), message: { role: "assistant", content: outcome }, done: true, prompt_eval_count: promptTokensOf(body), eval_count: countTokens(outcome) }));
      } else if (typeof outcome !== "string") {
        res.writeHead(outcome.status, { "content-type": "application/json", ...outcome.headers });
        res.end(JSON.stringify({ error: { message: outcome.error ?? `status ${outcome.status}`, type: "invalid_request_error" } }));
      } else if (body.stream) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        for (const event of streamed(body, outcome)) res.write(event);
        res.end();
      } else {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(completion(body, outcome));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseURL: `http://127.0.0.1:${server.address().port}/v1`,
    host: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
};
