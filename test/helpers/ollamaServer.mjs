import { createServer } from "node:http";

/**
 * A real HTTP server on 127.0.0.1 that speaks Ollama's /api/chat protocol (non-streamed
 * replies). `reply(body)` decides the assistant's content; every request body is kept.
 */
export const startOllamaServer = async (reply) => {
  const requests = [];
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
      requests.push({ body, headers: req.headers });
      const content = await reply(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          model: body.model,
          created_at: new Date(0).toISOString(),
          message: { role: "assistant", content },
          done: true,
          done_reason: "stop",
        })
      );
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    host: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};
