import { spawn } from "node:child_process";

/** How much of a job process's stderr is kept for error messages. */
const STDERR_TAIL = 8_000;

/** One request to a fresh process that imports the library and serves it over IPC. */
export interface ISweepProcessRequest {
  /** The URL of the library's module (the process imports it and calls Sweep.serveJob). */
  moduleUrl: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** What the process is asked. */
  message: unknown;
  /** Bound of the whole process, in ms: past it the process is killed. */
  timeoutMs: number;
  /** Stops the process. */
  signal: AbortSignal;
}

/**
 * Starts `node` on a one-line module that imports the library and calls
 * `Sweep.serveJob()`, sends it `message` over IPC and resolves to its one reply. A
 * process that ends without replying (crash, kill, timeout, abort) rejects with how it
 * ended and the tail of its stderr.
 */
export const requestInProcess = <T>({ moduleUrl, cwd, env, message, timeoutMs, signal }: ISweepProcessRequest): Promise<T> =>
  new Promise((resolve, reject) => {
    const bootstrap = `import(${JSON.stringify(moduleUrl)}).then((lib) => (lib.Sweep ?? lib.default.Sweep).serveJob());`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", bootstrap], { cwd, env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    let replied = false;
    let reply: T | undefined;
    let timedOut = false;
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    const kill = () => child.kill("SIGKILL");
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    signal.addEventListener("abort", kill, { once: true });
    child.on("spawn", () => child.send(message as object));
    child.on("message", (value) => {
      replied = true;
      reply = value as T;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", kill);
      reject(error);
    });
    child.on("close", (code, exitSignal) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", kill);
      if (replied) {
        resolve(reply as T);
        return;
      }
      const how = timedOut ? `was killed after its bound of ${timeoutMs} ms` : signal.aborted ? "was stopped" : `exited (${exitSignal ?? `code ${code}`})`;
      reject(new Error(`the job process ${how} before replying; stderr ends with:\n${stderr.slice(-2000)}`));
    });
  });

/**
 * The other side, in the started process: answers the one message it is sent with
 * `handle(message, signal)` and exits. When its parent goes away first (killed), the
 * signal aborts, so the work stops, and the process exits.
 */
export const serveOneRequest = (handle: (message: unknown, signal: AbortSignal) => Promise<unknown>): Promise<void> =>
  new Promise((resolve, reject) => {
    if (typeof process.send !== "function") {
      reject(new Error("Sweep.serveJob runs in a process a sweep started (it has no IPC channel)"));
      return;
    }
    const controller = new AbortController();
    process.once("disconnect", () => {
      controller.abort();
      setTimeout(() => process.exit(1), 1_000);
    });
    process.once("message", async (message) => {
      const reply = await handle(message, controller.signal);
      process.send!(reply as object, () => {
        resolve();
        process.exit(0);
      });
    });
  });
