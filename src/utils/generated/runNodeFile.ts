import { spawn } from "node:child_process";
import { ILeakCheckRunOutcome } from "../../interfaces/LeakCheck.interface";

/** How much of a child's stderr is kept for error messages. */
const STDERR_TAIL = 8_000;

/**
 * Runs `node file` in `cwd` with `env` (stdout ignored, stderr kept, its tail at most
 * 8,000 characters); resolves with the exit code or signal. A run still going after
 * `timeoutMs` is killed and resolves with signal "SIGKILL"; `signal` kills it too (and rejects).
 * `nodeArgs` go to node before the file (e.g. `--import` of a module run first).
 */
export const runNodeFile = (
  file: string,
  cwd: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
  signal?: AbortSignal,
  nodeArgs: string[] = []
): Promise<ILeakCheckRunOutcome> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, file], { cwd, env, stdio: ["ignore", "ignore", "pipe"], signal, killSignal: "SIGKILL" });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, exitSignal) => {
      clearTimeout(timer);
      resolve({ code, signal: exitSignal, stderr });
    });
  });
