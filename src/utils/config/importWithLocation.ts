import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bound of the child that asks node where a module graph fails to parse. */
const LOCATE_TIMEOUT_MS = 15_000;

/** Most characters of a source line shown above the caret. */
const MAX_LINE_CHARS = 200;

/** A stack frame's file URL, line and column (`at file:///a/b.mjs:7:9` or `(file:///a/b.mjs:7:9)`). */
const FRAME = /(file:\/\/[^\s)]+):(\d+):(\d+)/g;

/** The head node prints for a module that does not parse: `file:///a/b.mjs:7`, the line, the caret. */
const SYNTAX_HEAD = /^(file:\/\/\S+|\/\S+):(\d+)\n([^\n]*)\n([ \t]*\^+)[^\n]*\n/m;

/** A path from a file URL, or the text as it is. */
const toPath = (location: string) => (location.startsWith("file://") ? fileURLToPath(location) : location);

/** `path:line[:column]` then the source line and its caret, indented as node prints them. */
const locationBlock = (path: string, line: number, column: number | null, source: string, caret: string) =>
  [`${path}:${line}${column === null ? "" : `:${column}`}`, source, caret].join("\n");

/** The frame of `file` in a stack, else the first frame of a file outside node_modules. */
const pickFrame = (stack: string, file: string) => {
  const frames = [...stack.matchAll(FRAME)].map((match) => ({ path: toPath(match[1]), line: Number(match[2]), column: Number(match[3]) }));
  return frames.find((frame) => frame.path === file) ?? frames.find((frame) => !frame.path.includes("/node_modules/")) ?? null;
};

/** The location block of a runtime throw: the frame's source line with a caret under its column. */
const locateThrow = async (error: Error, file: string): Promise<string | null> => {
  const frame = pickFrame(error.stack ?? "", file);
  if (frame === null) {
    return null;
  }
  const text = await readFile(frame.path, "utf8").catch(() => null);
  const source = text?.split(/\r?\n/)[frame.line - 1];
  if (source === undefined) {
    return null;
  }
  const shown = source.slice(0, MAX_LINE_CHARS);
  const caret = `${source.slice(0, frame.column - 1).replace(/[^\t]/g, " ")}^`;
  return locationBlock(frame.path, frame.line, frame.column, shown, caret.slice(0, MAX_LINE_CHARS + 1));
};

/**
 * The location block of a module graph that does not parse: node names the file, line and
 * caret only when it prints the error itself, so a child imports the same module and its
 * stderr is read. Nothing of the graph runs there (a graph that does not parse is never
 * evaluated); a child that does not fail in time is killed and gives no location.
 */
const locateSyntaxError = (file: string, cwd: string): Promise<string | null> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", "await import(process.argv[1]);", pathToFileURL(file).href], {
      cwd,
      env: process.env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(0, 64_000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), LOCATE_TIMEOUT_MS);
    const finish = () => {
      clearTimeout(timer);
      const match = SYNTAX_HEAD.exec(stderr);
      resolve(match === null ? null : locationBlock(toPath(match[1]), Number(match[2]), null, match[3], match[4]));
    };
    child.on("error", finish);
    child.on("close", finish);
  });

/** True for a SyntaxError raised while node linked a module graph (no user frame in its stack). */
const isParseError = (error: unknown): error is SyntaxError =>
  error instanceof SyntaxError && [...(error.stack ?? "").matchAll(FRAME)].length === 0;

/**
 * Imports the module at the absolute path `file`. When it does not parse or throws while
 * loading, rejects with an error whose message is the file and line (column for a throw),
 * the source line with a caret under the place, then the error's own `Name: message`
 * (the original kept as `cause`); without a location found, with the original error.
 */
export const importWithLocation = async (file: string, cwd = process.cwd()): Promise<Record<string, unknown>> => {
  try {
    return await import(pathToFileURL(file).href);
  } catch (error) {
    if (!(error instanceof Error)) {
      throw error;
    }
    const block = isParseError(error) ? await locateSyntaxError(file, cwd) : await locateThrow(error, file);
    if (block === null) {
      throw error;
    }
    throw new Error(`${block}\n${error.name}: ${error.message}`, { cause: error });
  }
};
