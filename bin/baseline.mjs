import { serveBaselineModel } from "../build/index.mjs";
import { UsageError } from "./usageError.mjs";

/** The port `backtest-kit baseline` listens on without --port (generated files ask it by default). */
export const BASELINE_PORT = 11435;

/** The port of `--port`, or the default; a usage error for anything but a whole number from 1 to 65535. */
const parsePort = (text) => {
  if (text === undefined) {
    return BASELINE_PORT;
  }
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port < 1 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
};

/**
 * `backtest-kit baseline [--port 11435]`: serves the baseline model (a deterministic rule
 * set speaking Ollama's protocol, not an LLM) in the foreground on 127.0.0.1, says where at
 * start, and stops on SIGINT or SIGTERM. A port in use fails naming it and what to do.
 */
export const runBaseline = async ({ port: portText, log = (text) => console.log(text) }) => {
  const port = parsePort(portText);
  const model = await serveBaselineModel({ port }).catch((error) => {
    if (error?.code === "EADDRINUSE") {
      throw new Error(
        `baseline: port ${port} is in use (another baseline or model server?): stop it, or choose another with --port and set OLLAMA_HOST to match`,
        { cause: error }
      );
    }
    throw error;
  });
  const stopped = new Promise((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  log(
    [
      `baseline model listening on ${model.host} (model ${model.model}); stop it with Ctrl+C`,
      "It is NOT an LLM: a transparent, deterministic technical-analysis rule set answering in Ollama's protocol.",
      `In another terminal: export OLLAMA_HOST=${model.host}, then run backtest-kit optimize and the generated file.`,
    ].join("\n")
  );
  await stopped;
  await model.close();
  log("baseline model stopped");
};
