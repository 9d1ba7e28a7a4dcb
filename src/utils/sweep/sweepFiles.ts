import { randomUUID, createHash } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, sep } from "node:path";
import { ISweepJobFile } from "../../interfaces/Sweep.interface";

/** The sha256 of a file's content, in hex, or null when it cannot be read. */
export const hashFile = async (path: string): Promise<string | null> => {
  const content = await readFile(path).catch(() => null);
  return content === null ? null : createHash("sha256").update(content).digest("hex");
};

/** A file's text, or null when it is missing or unreadable. */
export const readTextOrNull = (path: string): Promise<string | null> => readFile(path, "utf8").catch(() => null);

/** Every file under `dir` with its text, by path inside it ("/" separators), sorted by path. */
export const readTree = async (dir: string): Promise<ISweepJobFile[]> => {
  const entries = (await readdir(dir, { recursive: true })).sort();
  const files: ISweepJobFile[] = [];
  for (const entry of entries) {
    const full = join(dir, entry);
    if ((await stat(full)).isFile()) {
      files.push({ path: entry.split(sep).join("/"), content: await readFile(full, "utf8") });
    }
  }
  return files;
};

/** Throws unless `path` names a place inside a directory (relative, no "..", no empty part). */
const assertInsidePath = (path: unknown) => {
  const parts = typeof path === "string" ? path.split("/") : [];
  if (typeof path !== "string" || path === "" || isAbsolute(path) || path.includes("\\") || parts.some((part) => part === "" || part === "." || part === "..")) {
    throw new Error(`a sweep job's file path must stay inside its directory, got ${JSON.stringify(path)}`);
  }
};

/**
 * Writes `files` as the whole content of `dir`: into a staging directory beside it
 * first, which then replaces `dir` by rename, so a reader sees the old directory or the
 * new one, never a mix or half a file. A path that would leave `dir` is refused before
 * anything is written.
 */
export const writeDirWhole = async (dir: string, files: ISweepJobFile[]) => {
  files.forEach((file) => assertInsidePath(file.path));
  const stage = join(dirname(dir), `.${basename(dir)}.${randomUUID()}.tmp`);
  const old = `${stage}.old`;
  let replaced = false;
  try {
    for (const file of files) {
      const target = join(stage, ...file.path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, "utf8");
    }
    await mkdir(stage, { recursive: true });
    replaced = await rename(dir, old).then(() => true, () => false);
    await rename(stage, dir);
    if (replaced) {
      await rm(old, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    if (replaced) {
      await rename(old, dir).catch(() => undefined);
    }
    throw error;
  }
};

/** A fresh directory for one job under `root`. */
export const makeJobDir = async (root: string, jobId: string) => {
  const dir = join(root, `${jobId}.${randomUUID().slice(0, 8)}`);
  await mkdir(dir, { recursive: true });
  return dir;
};

/** Removes a directory and everything in it. */
export const removeTree = (dir: string) => rm(dir, { recursive: true, force: true });
