import { spawn, execFileSync } from "node:child_process";
import { createServer, connect } from "node:net";
import { existsSync } from "node:fs";

/** Where Debian's redis-server package puts the binary, then the PATH. */
const findRedisServer = () => {
  if (existsSync("/usr/bin/redis-server")) {
    return "/usr/bin/redis-server";
  }
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
};

/** A loopback port nobody listens on right now. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Sends PING until the server answers PONG, for at most `timeoutMs`. */
const waitForPong = async (port, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answered = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let text = "";
      socket.setTimeout(500, () => socket.destroy());
      socket.on("connect", () => socket.write("PING\r\n"));
      socket.on("data", (chunk) => {
        text += chunk;
        if (text.includes("PONG")) {
          socket.end();
          resolve(true);
        }
      });
      socket.on("error", () => resolve(false));
      socket.on("close", () => resolve(text.includes("PONG")));
    });
    if (answered) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server on 127.0.0.1:${port} did not answer PING within ${timeoutMs} ms`);
};

/**
 * Starts Debian's redis-server on a free loopback port, without persistence (no RDB, no
 * AOF), and resolves to `{ url, port, stop(), restart() }`: `stop` ends it (SIGTERM, then
 * SIGKILL after 5 s), `restart` stops it and starts a new empty one on the same port, as
 * a server restarted without persistence comes back. Stopped when the test ends.
 * Throws when the binary is missing (`.ci/run` installs the redis-server package).
 */
export const startRedis = async (t) => {
  const binary = findRedisServer();
  if (binary === null) {
    throw new Error("redis-server is not installed: apt-get install redis-server (.ci/run does)");
  }
  const port = await freePort();
  let child = null;
  const start = async () => {
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    await waitForPong(port, 10_000);
  };
  const stop = async () => {
    const current = child;
    child = null;
    if (current === null || current.exitCode !== null || current.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => current.once("exit", resolve));
    current.kill("SIGTERM");
    const timer = setTimeout(() => current.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  t?.after(stop);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
};
