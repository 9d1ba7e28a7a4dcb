import * as nodeFs from "node:fs/promises";
import { IFileSystem } from "../interfaces/FileSystem.interface";

/** The real file system. */
export const NODE_FILE_SYSTEM: IFileSystem = {
  readFile: nodeFs.readFile,
  mkdir: nodeFs.mkdir,
  writeFile: nodeFs.writeFile,
  rename: nodeFs.rename,
  rm: nodeFs.rm,
};
