import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, and the backtest-kit command in it. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(ROOT, "bin", "backtest-kit.mjs");

/** Runs node with `args` in `cwd` with exactly `env`; resolves to { code, stdout, stderr }. */
export const runNode = (args, { cwd, env }) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });

/**
 * Runs the command with `args` in `cwd`, with this process's environment plus `env`
 * (without the test runner's context and OLLAMA_HOST); resolves to { code, stdout, stderr }.
 */
export const runCli = (args, { cwd = ROOT, env = {} } = {}) => {
  const childEnv = { ...process.env, ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  if (env.OLLAMA_HOST === undefined) {
    delete childEnv.OLLAMA_HOST;
  }
  return runNode([CLI, ...args], { cwd, env: childEnv });
};
