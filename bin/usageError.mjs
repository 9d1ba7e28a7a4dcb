import { stat } from "node:fs/promises";

/** A mistake in how a command was called: reported with a hint to --help, exit code 2. */
export class UsageError extends Error {}

/** Throws a UsageError unless `file` is an existing file; `label` names it ("config", "CSV"). */
export const assertFileArgument = async (file, label) => {
  const info = await stat(file).catch(() => null);
  if (info === null) {
    throw new UsageError(`${label} file not found: ${file}`);
  }
  if (!info.isFile()) {
    throw new UsageError(`${label} is not a file: ${file}`);
  }
};
