import { IncomingMessage, ServerResponse } from "node:http";

/**
 * The request body as UTF-8 text, or null when it is larger than `maxBytes` (the rest is
 * read and dropped, so the connection stays usable for the error reply).
 */
export const readBody = (request: IncomingMessage, maxBytes: number) =>
  new Promise<string | null>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      }
    });
    request.on("end", () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

/** Replies `status` with `body` as JSON. */
export const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
};

/** Replies 200 with `lines` as newline-delimited JSON, one object per line. */
export const sendNdjson = (response: ServerResponse, lines: unknown[]) => {
  response.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
  response.end(lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
};
