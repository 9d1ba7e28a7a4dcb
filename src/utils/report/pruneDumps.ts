import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "../writeFileAtomic";
import { NODE_FILE_SYSTEM } from "../nodeFileSystem";
import { tryParseJson } from "../tryParseJson";

/** The file beside the dumps directory (./dump/.strategy-runs.json) that holds the start times of the latest runs. */
const runsFileOf = (dir: string) => join(dirname(dir), `.${basename(dir)}-runs.json`);

/** What pruning the dumps directory did. */
export interface IPruneDumpsResult {
  /** The dumps directory (absolute). */
  dir: string;
  /** Runs whose dumps are kept (this one included); 0 keeps all. */
  keepRuns: number;
  /** Folders removed: no run among the kept ones wrote or reused them. */
  removed: number;
  /** Folders left. */
  kept: number;
}

/** The start times (ms) the runs file holds, oldest first; [] when it is missing or unreadable. */
const readRunStarts = async (file: string): Promise<number[]> => {
  const text = await readFile(file, "utf8").catch(() => null);
  const parsed = text === null ? null : tryParseJson(text);
  return parsed?.ok && Array.isArray(parsed.value) ? parsed.value.filter((item): item is number => Number.isFinite(item)).sort((a, b) => a - b) : [];
};

/**
 * Notes a run starting at `now` in `dir` (created if needed) and removes every folder
 * older than the start of the `keepRuns`-th latest run: a run's folders are written, or
 * touched when reused, after it starts, so the latest runs keep theirs. 0 keeps all and
 * notes nothing.
 */
export const pruneDumpsIn = async (dir: string, keepRuns: number, now: number): Promise<IPruneDumpsResult> => {
  await mkdir(dir, { recursive: true });
  if (keepRuns === 0) {
    const folders = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    return { dir, keepRuns, removed: 0, kept: folders.length };
  }
  const runsFile = runsFileOf(dir);
  const starts = [...(await readRunStarts(runsFile)), now];
  const kept = starts.slice(-keepRuns);
  await writeFileAtomic(NODE_FILE_SYSTEM, runsFile, JSON.stringify(kept));
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory());
  if (starts.length <= keepRuns) {
    return { dir, keepRuns, removed: 0, kept: folders.length };
  }
  const cutoff = kept[0];
  let removed = 0;
  for (const folder of folders) {
    const path = join(dir, folder.name);
    const info = await stat(path).catch(() => null);
    if (info !== null && info.mtimeMs < cutoff) {
      await rm(path, { recursive: true, force: true });
      removed += 1;
    }
  }
  return { dir, keepRuns, removed, kept: folders.length - removed };
};
