// The protocol settings of an optimizer reach the generated helpers, and the environment
// at run time picks the protocol.
import { test, before, after } from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { addOptimizer, Optimizer } from "backtest-kit";
import { validSchema } from "../helpers/optimizer.mjs";
import { loadGenerated, argsOf } from "../helpers/standIn.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

// The generated getSignal writes its conversation under ./dump: into this file's own directory.
const startDir = process.cwd();
let workDir;
before(async () => {
  workDir = await mkdtemp(join(tmpdir(), "backtest-kit-generated-options-work-"));
  process.chdir(workDir);
});
after(async () => {
  process.chdir(startDir);
  await rm(workDir, { recursive: true, force: true });
});

const ENV_NAMES = ["BACKTEST_KIT_LLM_PROVIDER", "OPENAI_BASE_URL", "OPENAI_MODEL", "OLLAMA_HOST", "OLLAMA_MODEL"];

/** The options the generated json() and text() pass, under the environment `env`. */
const generatedOptions = async (t, llm, env) => {
  const schema = validSchema({ llm, prefix: "gen" });
  addOptimizer(schema);
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName: schema.optimizerName });
  const calls = await loadGenerated(await makeTempDir(t, "backtest-kit-generated-options-"), code);
  const [[strategy]] = argsOf(calls, "addStrategy");
  const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  ENV_NAMES.forEach((name) => delete process.env[name]);
  Object.assign(process.env, env);
  try {
    await strategy.getSignal("BTCUSDT");
  } finally {
    ENV_NAMES.forEach((name) => (saved[name] === undefined ? delete process.env[name] : (process.env[name] = saved[name])));
  }
  // every generated askSignal also says the file's prompt mode: blind by default
  const { blind, ...options } = argsOf(calls, "askSignal").at(-1)[1];
  assert.equal(blind, true);
  return options;
};

test("llm.provider openai: the generated file asks OPENAI_BASE_URL/OPENAI_MODEL at run time, else the optimizer's", async (t) => {
  const llm = { provider: "openai", host: "http://127.0.0.1:8000/v1", model: "qwen2.5-7b" };
  assert.deepEqual(await generatedOptions(t, llm, {}), { provider: "openai", host: llm.host, model: llm.model });
  assert.deepEqual(
    await generatedOptions(t, llm, { OPENAI_BASE_URL: "http://gpu:8000/v1", OPENAI_MODEL: "llama-3.1-70b" }),
    { provider: "openai", host: "http://gpu:8000/v1", model: "llama-3.1-70b" }
  );
  assert.deepEqual(await generatedOptions(t, llm, { BACKTEST_KIT_LLM_PROVIDER: "ollama" }), { provider: "ollama" });
});

test("the default (Ollama) file keeps its options, and BACKTEST_KIT_LLM_PROVIDER=openai switches it", async (t) => {
  assert.deepEqual(await generatedOptions(t, undefined, {}), { host: "https://ollama.com", model: "deepseek-v3.1:671b" });
  assert.deepEqual(await generatedOptions(t, undefined, { BACKTEST_KIT_LLM_PROVIDER: "openai" }), { provider: "openai" });
});

test("bad llm.provider settings are rejected at registration, naming the field and the value", () => {
  assert.throws(() => addOptimizer(validSchema({ llm: { provider: "bard" } })), /llm\.provider must be one of ollama, openai, got "bard"/);
  assert.throws(() => addOptimizer(validSchema({ llm: { provider: "openai" } })), /llm\.model is required with llm\.provider "openai"/);
});
