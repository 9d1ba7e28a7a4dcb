/** The file operations that writing a file atomically needs; a param so tests can fail them. */
export interface IFileSystem {
  /** Creates a directory, with its parents. */
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** Writes a whole file. */
  writeFile(path: string, data: string, encoding: "utf-8"): Promise<void>;
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file, ignoring a missing one. */
  rm(path: string, options: { force: true }): Promise<void>;
}
