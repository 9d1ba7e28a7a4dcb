// Bad provider settings are clear errors naming the field (or variable) and the value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { askText } from "backtest-kit";

const MESSAGES = [{ role: "user", content: "x" }];

const withEnv = async (vars, run) => {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
};

test("options.provider, options.stream and a stream without openai are rejected naming field and value", async () => {
  await assert.rejects(askText(MESSAGES, { provider: "anthropic" }), /askText: options\.provider must be one of ollama, openai, got "anthropic"/);
  await assert.rejects(askText(MESSAGES, { provider: "openai", model: "m", stream: "yes" }), /askText: options\.stream must be a boolean, got "yes"/);
  await assert.rejects(askText(MESSAGES, { provider: "ollama", stream: true }), /askText: options\.stream is only for provider "openai", and the provider is "ollama"/);
});

test("BACKTEST_KIT_LLM_PROVIDER with an unknown value is an error naming the variable and the value", async () => {
  await withEnv({ BACKTEST_KIT_LLM_PROVIDER: "gemini" }, async () => {
    await assert.rejects(askText(MESSAGES), /askText: BACKTEST_KIT_LLM_PROVIDER must be one of ollama, openai, got "gemini"/);
  });
});

test("provider openai without a model says where to name one", async () => {
  await withEnv({ OPENAI_MODEL: "" }, async () => {
    await assert.rejects(askText(MESSAGES, { provider: "openai" }), /askText: no model for provider "openai": set options\.model or OPENAI_MODEL/);
  });
});
