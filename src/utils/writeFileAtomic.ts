import { randomUUID } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { IFileSystem } from "../interfaces/FileSystem.interface";

/**
 * Writes `data` to `filePath` so that readers only ever see the old file or the whole
 * new one: the text goes to a temp file beside the target, which is then renamed over
 * it. On any failure the temp file is removed and the error is rethrown.
 */
export const writeFileAtomic = async (
  fs: IFileSystem,
  filePath: string,
  data: string
): Promise<void> => {
  const tempPath = join(dirname(filePath), `.${basename(filePath)}.${randomUUID()}.tmp`);
  try {
    await fs.writeFile(tempPath, data, "utf-8");
    await fs.rename(tempPath, filePath);
  } catch (error) {
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
};
