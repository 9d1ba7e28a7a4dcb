import { randomUUID } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Flushes a directory's entries (a rename) to disk; platforms that cannot open a directory skip it. */
const syncDirectory = async (directory: string) => {
  const handle = await open(directory, "r").catch(() => null);
  if (handle === null) {
    return;
  }
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
};

/**
 * Writes `data` to `filePath` so that it survives a crash or power loss at any instant
 * whole or not at all: the text goes to a temp file beside the target, is flushed to disk
 * (fsync), renamed over the target, and the directory is flushed. Readers only ever see
 * the old file or the whole new one. On failure the temp file is removed and the error
 * rethrown. With `sync` false the flushes are skipped: still whole-or-nothing when the
 * process is killed (kill -9), not after a power loss.
 */
export const writeFileDurable = async (filePath: string, data: string, sync = true): Promise<void> => {
  const tempPath = join(dirname(filePath), `.${basename(filePath)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(tempPath, "w");
    try {
      await handle.writeFile(data, "utf-8");
      if (sync) {
        await handle.sync();
      }
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  if (sync) {
    await syncDirectory(dirname(filePath));
  }
};
