import { spawn } from "node:child_process";

/**
 * Runs `node file` in `cwd` with `env`; resolves to { code, signal, stdout, stderr };
 * rejects (fails the test) if it has not exited within `killAfterMs`.
 */
export const runNode = (file, cwd, env, killAfterMs = 120_000) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${file} did not exit within ${killAfterMs} ms\nstderr:\n${stderr.slice(-4000)}`));
    }, killAfterMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
