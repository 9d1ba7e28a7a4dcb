// Runs backtest-kit 1.4's spec files (the reference's test/ directory with spec/ and mock/,
// copied somewhere by the user; none is kept in this repository) unchanged against this
// build, the way the reference's own runner does: worker-testbed's run() over all of
// them, after a setup that applies the reference's test settings. As in the reference,
// the runner ends with process.exit, so tape adds one "test exited without ending" line
// for the last test that ran; it is not a spec of its own.
// Usage: node bench/referenceSpecs.mjs REFERENCE_TEST_DIR [WORK_DIR]
// WORK_DIR (default: a fresh temp dir) must be able to resolve "worker-testbed", e.g. a
// directory where `npm install worker-testbed@1.0.11` was run. Prints a line per spec
// file (loaded or why not) and the runner's TAP output with its pass/fail counts.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

const [testDir, workArg] = process.argv.slice(2);
if (testDir === undefined) {
  console.error("usage: node bench/referenceSpecs.mjs REFERENCE_TEST_DIR [WORK_DIR]");
  process.exit(2);
}
const BUILD = resolve(dirname(fileURLToPath(import.meta.url)), "../build/index.mjs");
const work = workArg === undefined ? mkdtempSync(join(tmpdir(), "reference-specs-")) : resolve(workArg);
const specDir = join(testDir, "spec");
const files = readdirSync(specDir).filter((name) => name.endsWith(".test.mjs")).sort();

mkdirSync(join(work, "test", "spec"), { recursive: true });
mkdirSync(join(work, "build"), { recursive: true });
for (const name of files) {
  cpSync(join(specDir, name), join(work, "test", "spec", name));
}
cpSync(join(testDir, "mock"), join(work, "test", "mock"), { recursive: true });
writeFileSync(join(work, "build", "index.mjs"), `export * from ${JSON.stringify(pathToFileURL(BUILD).href)};\n`);
// The reference's setup: its settings for old specs, within the ranges this library accepts.
writeFileSync(
  join(work, "test", "setup.mjs"),
  `import { setConfig } from "../build/index.mjs";
setConfig({ CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: 0, CC_MAX_STOPLOSS_DISTANCE_PERCENT: 100, CC_MAX_SIGNAL_LIFETIME_MINUTES: 525600 });
`
);

/** Which spec files load: a file whose imports are missing cannot run at all. */
const loadable = [];
for (const name of files) {
  const probe = spawnSync(process.execPath, ["--input-type=module", "-e", `import ${JSON.stringify(pathToFileURL(join(work, "test", "spec", name)).href)};`], {
    cwd: work,
    encoding: "utf8",
    timeout: 60_000,
  });
  const missing = /does not provide an export named '([^']+)'/.exec(probe.stderr ?? "");
  if (missing !== null) {
    console.log(`cannot load ${name}: the build has no export ${missing[1]}`);
  } else if (probe.status !== 0) {
    console.log(`cannot load ${name}: ${(probe.stderr ?? "").split("\n").find((line) => /Error/.test(line)) ?? "exit " + probe.status}`);
  } else {
    loadable.push(name);
    console.log(`loads ${name}`);
  }
}
writeFileSync(
  join(work, "test", "index.mjs"),
  [
    `import "./setup.mjs";`,
    `import { run } from "worker-testbed";`,
    ...loadable.map((name) => `import "./spec/${name}";`),
    `run(import.meta.url, () => { console.log("All tests are finished"); process.exit(0); });`,
  ].join("\n")
);
const { status } = spawnSync(process.execPath, [join(work, "test", "index.mjs")], { cwd: work, stdio: "inherit", timeout: 600_000 });
process.exit(status ?? 1);
