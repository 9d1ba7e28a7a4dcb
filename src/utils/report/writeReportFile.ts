import { resolve } from "node:path";
import { IFileSystem } from "../../interfaces/FileSystem.interface";
import { toSafeFileName } from "../toSafeFileName";
import { writeFileAtomic } from "../writeFileAtomic";

/** Writes `report` atomically to `dir`/NAME.md (a safe file name) and returns its path. */
export const writeReportFile = async (fs: IFileSystem, dir: string, name: string, report: string): Promise<string> => {
  const directory = resolve(dir);
  const filePath = resolve(directory, toSafeFileName(name, ".md"));
  await fs.mkdir(directory, { recursive: true });
  await writeFileAtomic(fs, filePath, report);
  return filePath;
};
