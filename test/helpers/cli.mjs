import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root and its command. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = join(ROOT, "bin", "backtest-kit.mjs");

/** Runs the CLI with `args` in `cwd`, `env` added to this process's; resolves to { code, stdout, stderr }. */
export const cli = (args, cwd = ROOT, env = {}) =>
  new Promise((resolve, reject) => {
    const full = { ...process.env, ...env };
    delete full.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: full, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
