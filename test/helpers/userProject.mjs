// A project of a user's own, where backtest-kit is installed from its packed tarball (as
// `npm install` would place it), not linked to this repository: only what the package
// ships (files in package.json) is there, and its dependencies sit beside it.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./cli.mjs";

/** Runs `command args` in `cwd`; resolves to { code, signal, stdout, stderr, timedOut }, killed after `timeoutMs`. */
export const runProcess = (command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });

/** Packs this package with npm pack into `dir`; resolves to the tarball's path. */
const packInto = async (dir) => {
  const packed = await runProcess("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, timeoutMs: 120_000 });
  if (packed.code !== 0) {
    throw new Error(`npm pack failed: ${packed.stderr.slice(-2000)}`);
  }
  const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
  return join(dir, filename);
};

/**
 * A fresh project with backtest-kit installed from its tarball into node_modules/, its
 * dependencies beside it (linked from this repository's install, as npm would place them),
 * and node_modules/.bin/backtest-kit. Resolves to { dir, cli, remove }: `cli` is the
 * installed command's file; `remove` deletes the project.
 */
export const installPackedProject = async (label = "backtest-kit-user-") => {
  const dir = await mkdtemp(join(tmpdir(), label));
  const tarball = await packInto(dir);
  const installed = join(dir, "node_modules", "backtest-kit");
  await mkdir(installed, { recursive: true });
  const untar = await runProcess("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], { cwd: dir });
  if (untar.code !== 0) {
    throw new Error(`tar failed: ${untar.stderr}`);
  }
  await rm(tarball);
  const { dependencies } = JSON.parse(await readFile(join(installed, "package.json"), "utf8"));
  for (const name of Object.keys(dependencies)) {
    await mkdir(join(dir, "node_modules", name, ".."), { recursive: true });
    await symlink(join(ROOT, "node_modules", name), join(dir, "node_modules", name), "dir");
  }
  await mkdir(join(dir, "node_modules", ".bin"));
  await symlink(join("..", "backtest-kit", "bin", "backtest-kit.mjs"), join(dir, "node_modules", ".bin", "backtest-kit"));
  return {
    dir,
    cli: join(dir, "node_modules", ".bin", "backtest-kit"),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
};
