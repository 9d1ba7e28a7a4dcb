import { createServer } from "node:http";
import { countTokens, promptTokensOf } from "./tokens.mjs";

/** A chat reply in Ollama's non-streamed shape, with the token counts of its final response. */
const chatReply = (body, content) =>
  JSON.stringify({
    model: body.model,
    created_at: new Date(0).toISOString(),
    message: { role: "assistant", content },
    done: true,
    done_reason: "stop",
    prompt_eval_count: promptTokensOf(body),
    eval_count: countTokens(content),
  });

/**
 * A real HTTP server on 127.0.0.1 that speaks Ollama's /api/chat protocol (non-streamed
 * replies). `reply(body, index)` decides what happens to request number `index`:
 * - a string: the assistant's content, answered with 200;
 * - `{ status, error, headers }`: that HTTP status with Ollama's `{ error }` body and
 *   the extra response headers (e.g. `{ "retry-after": "1" }`);
 * - `{ reset: true }`: the connection is destroyed without an answer;
 * - `{ delayMs, content }`: the content, answered after `delayMs`;
 * - `{ rawBody }`: a 200 whose body is exactly `rawBody` (for cut-off JSON).
 * Replies report tokens as Ollama does (`prompt_eval_count`, `eval_count`; see tokens.mjs).
 * Every request body and its headers are kept in `requests`, with `inFlight`: how many
 * requests were being answered when it arrived, itself included. `peakInFlight()` is
 * the most at any time. With `capacity`, at most that many requests are worked on at
 * once (reply and latency); the others wait at the server, first come first served, as
 * at a model server with a fixed number of parallel slots.
 */
export const startOllamaServer = async (reply, { latencyMs = 0, capacity = Infinity } = {}) => {
  const requests = [];
  const timers = new Set();
  let inFlight = 0;
  let peak = 0;
  let working = 0;
  const queue = [];
  const admit = (start) => {
    if (working < capacity) {
      working += 1;
      start();
    } else {
      queue.push(start);
    }
  };
  const leave = () => {
    const next = queue.shift();
    if (next === undefined) {
      working -= 1;
    } else {
      next();
    }
  };
  const later = (ms, fn) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      if (req.method !== "POST" || req.url !== "/api/chat") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: `no route ${req.method} ${req.url}` }));
        return;
      }
      const body = JSON.parse(raw);
      const index = requests.length;
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      requests.push({ body, headers: req.headers, inFlight });
      let admitted = false;
      res.on("close", () => {
        inFlight -= 1;
        if (admitted) leave();
      });
      await new Promise((resolve) => admit(resolve));
      admitted = true;
      if (res.destroyed) {
        leave();
        return;
      }
      const outcome = await reply(body, index);
      const answer = () => {
        if (typeof outcome === "string") {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(chatReply(body, outcome));
        } else if (outcome.reset) {
          req.socket.destroy();
        } else if (outcome.status) {
          res.writeHead(outcome.status, { "content-type": "application/json", ...outcome.headers });
          res.end(JSON.stringify({ error: outcome.error ?? `status ${outcome.status}` }));
        } else if (outcome.rawBody !== undefined) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(outcome.rawBody);
        } else {
          later(outcome.delayMs, () => {
            if (!res.destroyed) {
              res.writeHead(200, { "content-type": "application/json" });
              res.end(chatReply(body, outcome.content));
            }
          });
        }
      };
      if (latencyMs > 0) {
        later(latencyMs, answer);
      } else {
        answer();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    host: `http://127.0.0.1:${port}`,
    requests,
    peakInFlight: () => peak,
    close: () =>
      new Promise((resolve) => {
        timers.forEach(clearTimeout);
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
};
