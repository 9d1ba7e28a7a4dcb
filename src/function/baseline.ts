import { createServer, IncomingMessage, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { ClientBaselineModel } from "../client/baseline/ClientBaselineModel";
import {
  IBaselineChatRequest,
  IBaselineModelOptions,
  IBaselineModelServer,
} from "../interfaces/BaselineModel.interface";
import { findChatRequestProblem } from "../utils/llm/checkChatRequest";
import { describeValue } from "../utils/describeValue";
import { rememberEphemeralHost } from "../utils/baseline/ephemeralHosts";
import { readBody, sendJson, sendNdjson } from "../utils/llm/httpJson";
import { baselineTokenCounts } from "../utils/baseline/baselineTokens";

/** Model name listed when none is given. */
const DEFAULT_MODEL = "baseline:latest";

/** Fixed time of every reply, so replies are byte-for-byte deterministic. */
const CREATED_AT = new Date(0).toISOString();

/** What /api/version reports. */
const VERSION = "0.0.0-baseline";

/** Largest accepted request body. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Zero timings of a finished reply (nothing is sampled); its token counts come from baselineTokenCounts. */
const TIMINGS = {
  total_duration: 0,
  load_duration: 0,
  prompt_eval_duration: 0,
  eval_duration: 0,
};

/** The /api/tags entry of the model. */
const tagOf = (model: string) => ({
  name: model,
  model,
  modified_at: CREATED_AT,
  size: 0,
  digest: "",
  details: {
    parent_model: "",
    format: "rules",
    family: "baseline",
    families: ["baseline"],
    parameter_size: "0",
    quantization_level: "none",
  },
});

/** Answers one /api/chat body: 400 for a malformed one, NDJSON when it asks to stream. */
const chat = (response: ServerResponse, raw: string, model: string, baseline: ClientBaselineModel) => {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    sendJson(response, 400, { error: `the request body is not valid JSON: ${(error as Error).message}` });
    return;
  }
  const problem = findChatRequestProblem(body);
  if (problem !== null) {
    sendJson(response, 400, { error: problem });
    return;
  }
  const request = body as IBaselineChatRequest;
  const content = baseline.answer({ ...request, messages: request.messages ?? [] });
  const head = { model: request.model ?? model, created_at: CREATED_AT };
  const finished = { done: true, done_reason: "stop", ...TIMINGS, ...baselineTokenCounts(request.messages ?? [], content) };
  if (request.stream === true) {
    sendNdjson(response, [
      { ...head, message: { role: "assistant", content }, done: false },
      { ...head, message: { role: "assistant", content: "" }, ...finished },
    ]);
    return;
  }
  sendJson(response, 200, { ...head, message: { role: "assistant", content }, ...finished });
};

/** Routes one request; anything but the three routes is a 404. */
const route = async (request: IncomingMessage, response: ServerResponse, model: string, baseline: ClientBaselineModel) => {
  const path = (request.url ?? "").split("?")[0];
  const key = `${request.method} ${path}`;
  if (key === "GET /api/tags") {
    sendJson(response, 200, { models: [tagOf(model)] });
    return;
  }
  if (key === "GET /api/version") {
    sendJson(response, 200, { version: VERSION });
    return;
  }
  if (key !== "POST /api/chat") {
    await readBody(request, 0);
    sendJson(response, 404, { error: `no route ${request.method} ${path}` });
    return;
  }
  const raw = await readBody(request, MAX_BODY_BYTES);
  if (raw === null) {
    sendJson(response, 413, { error: `the request body is larger than ${MAX_BODY_BYTES} bytes` });
    return;
  }
  chat(response, raw, model, baseline);
};

/** The options with defaults, or a throw naming the bad field and value. */
const resolveOptions = (options: IBaselineModelOptions) => {
  const { port = 0, hostname = "127.0.0.1", model = DEFAULT_MODEL } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`serveBaselineModel: port must be a whole number from 0 to 65535, got ${describeValue(port)}`);
  }
  if (typeof hostname !== "string" || hostname.trim() === "") {
    throw new Error(`serveBaselineModel: hostname must be a non-empty string, got ${describeValue(hostname)}`);
  }
  if (typeof model !== "string" || model.trim() === "") {
    throw new Error(`serveBaselineModel: model must be a non-empty string, got ${describeValue(model)}`);
  }
  return { port, hostname, model };
};

/**
 * Starts an Ollama-compatible HTTP server whose "model" is the baseline: a transparent,
 * deterministic technical-analysis rule set, not an LLM. It reads candle lines
 * (`2023-03-01T00:05:00.000Z[5m]: O:23150.1 H:23160 L:23140.5 C:23155 V:12.3`) in the
 * messages. A chat without `format` (the strategy question) gets a description of those
 * candles ending with a line `BASELINE PARAMETERS: mode=trend; fastEma=9; slowEma=21;
 * takeProfitPercent=1.2; stopLossPercent=0.8; holdMinutes=240`. A chat with `format`
 * (the signal question) gets the JSON of an IBaselineSignal that the last such line's
 * rule gives for the candles, "wait" when it gives none.
 *
 * It serves `POST /api/chat` (plain or streamed), `GET /api/tags` and `GET /api/version`,
 * answers any model name a chat asks for, and listens on 127.0.0.1 on a free port
 * unless told otherwise. Close it when done: it keeps the process alive. A file an
 * optimizer generates with `llm.host` set to a free-port server of this process asks
 * http://127.0.0.1:11435 instead (where `backtest-kit baseline` listens), as that port is
 * gone once this process exits.
 *
 * @example
 * const baseline = await serveBaselineModel();
 * const ollama = new Ollama({ host: baseline.host });
 * // ... ollama.chat({ model: baseline.model, messages }) ...
 * await baseline.close();
 */
export async function serveBaselineModel(options: IBaselineModelOptions = {}): Promise<IBaselineModelServer> {
  const { port, hostname, model } = resolveOptions(options);
  const baseline = new ClientBaselineModel();
  const server = createServer((request, response) => {
    route(request, response, model, baseline).catch((error) => {
      if (!response.headersSent) {
        sendJson(response, 500, { error: `baseline model failed: ${error instanceof Error ? error.message : describeValue(error)}` });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const listening = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const host = `http://${listening}:${address.port}`;
  if (port === 0) {
    rememberEphemeralHost(host);
  }
  return {
    host,
    model,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
