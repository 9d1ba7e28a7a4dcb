import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";

const run = promisify(execFile);
const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "examples", "optimizer.mjs");

test("the README example asks the Ollama server of OLLAMA_HOST once per training range and writes the file", async (t) => {
  const server = await startOllamaServer((body) => `Strategy from the model after ${body.messages.length} messages`);
  t.after(server.close);
  const cwd = await makeTempDir(t);
  const { stdout } = await run(process.execPath, [EXAMPLE], {
    cwd,
    env: { ...process.env, OLLAMA_HOST: server.host, OLLAMA_MODEL: "loopback-model" },
  });
  assert.match(stdout, /sources 2\/2 \(100%\)/);
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0].body.model, "loopback-model");
  assert.match(server.requests[0].body.messages[0].content, /^Hourly closes of BTCUSDT:\n2023-03-01T00:00:00.000Z /);
  const code = await readFile(join(cwd, "generated", "example_BTCUSDT.mjs"), "utf8");
  assert.equal(code.match(/const strategyPrompt = "Strategy from the model after 3 messages";/g).length, 2);
});

test("without OLLAMA_HOST the example says so and still writes the file", async (t) => {
  const cwd = await makeTempDir(t);
  const env = { ...process.env };
  delete env.OLLAMA_HOST;
  const { stdout } = await run(process.execPath, [EXAMPLE], { cwd, env });
  assert.match(stdout, /OLLAMA_HOST is not set/);
  const code = await readFile(join(cwd, "generated", "example_BTCUSDT.mjs"), "utf8");
  assert.match(code, /Offline stand-in for an LLM/);
});
