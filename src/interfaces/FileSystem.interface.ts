/** The file operations the library needs; a param so tests can fail them. */
export interface IFileSystem {
  /** Reads a whole text file. */
  readFile(path: string, encoding: "utf-8"): Promise<string>;
  /** Creates a directory, with its parents. */
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** Writes a whole file. */
  writeFile(path: string, data: string, encoding: "utf-8"): Promise<void>;
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file, ignoring a missing one. */
  rm(path: string, options: { force: true }): Promise<void>;
}
