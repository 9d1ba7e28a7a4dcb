// Runs the test files of one kind with Node's test runner, several files at once.
// Usage: node test/run.mjs unit|integration|all [--concurrency N]
// Unit tests (*.test.mjs) stay in this process's reach: in-process code and loopback servers.
// Integration tests (*.integration.test.mjs) start processes: the command line, generated
// files run with node, Chromium, redis-server, the docs' blocks.
import { readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

const TEST_DIR = dirname(fileURLToPath(import.meta.url));
const KINDS = ["unit", "integration", "all"];

/** Every test file below `dir`, sorted, as paths relative to the working directory. */
const listTestFiles = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listTestFiles(path) : name.endsWith(".test.mjs") ? [path] : [];
    });

/** Whether a test file belongs to the kind asked for. */
const isOfKind = (file, kind) =>
  kind === "all" || (kind === "integration") === file.endsWith(".integration.test.mjs");

const kind = process.argv[2] ?? "all";
if (!KINDS.includes(kind)) {
  console.error(`test/run.mjs: kind must be one of ${KINDS.join(", ")}, got ${JSON.stringify(kind)}`);
  process.exit(2);
}
const flag = process.argv.indexOf("--concurrency");
// Files at once: every file owns its temp dirs, ports (0) and environment, so only the two
// cores bound this. Unit files mostly wait on loopback servers and timers; integration
// files start processes of their own (a sweep test runs up to 5), so fewer of them.
const DEFAULT_CONCURRENCY = { unit: 6, integration: 4, all: 5 };
const concurrency = flag === -1 ? DEFAULT_CONCURRENCY[kind] : Number(process.argv[flag + 1]);
/**
 * Files whose tests run one after another for minutes (each starts processes, Redis or
 * whole sweeps): they start first, so the rest run beside them instead of after them.
 */
const LONGEST_FIRST = [
  "sweep/queue.integration.test.mjs",
  "sweep/queueFaults.integration.test.mjs",
  "sweep/queueWorkers.integration.test.mjs",
  "sweep/local.integration.test.mjs",
  "cli/newcomer.integration.test.mjs",
  "live/paper.integration.test.mjs",
  "optimizer/templateOverrides.integration.test.mjs",
];

/** Where a file starts: the longest files first, then the other integration files, then the unit files. */
const startRank = (file) => {
  const longest = LONGEST_FIRST.findIndex((name) => file.endsWith(name));
  return longest !== -1 ? longest : LONGEST_FIRST.length + (isOfKind(file, "integration") ? 0 : 1);
};

const files = listTestFiles(TEST_DIR)
  .filter((file) => isOfKind(file, kind))
  .sort((a, b) => startRank(a) - startRank(b));
const { status } = spawnSync(process.execPath, ["--test", `--test-concurrency=${concurrency}`, ...files], { stdio: "inherit" });
process.exit(status ?? 1);
