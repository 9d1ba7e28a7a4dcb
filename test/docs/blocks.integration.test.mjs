// Every ```js block of the README and of docs/ runs as written, in a fresh project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT, cleanEnv, docFiles, jsBlocks, projectWith } from "../helpers/docBlocks.mjs";

const run = promisify(execFile);

/** A block that does not finish in this time fails its test instead of hanging the suite. */
const BLOCK_TIMEOUT_MS = 60_000;

for (const file of await docFiles()) {
  const blocks = jsBlocks(await readFile(join(ROOT, file), "utf8"));
  for (const { code, line } of blocks) {
    test(`${file}:${line}: the js block runs as written`, async (t) => {
      const cwd = await projectWith(t, code, "block.mjs");
      const { stderr } = await run(process.execPath, ["block.mjs"], { cwd, env: cleanEnv(), timeout: BLOCK_TIMEOUT_MS });
      assert.doesNotMatch(stderr, /Error|Warning:/, `the block wrote to stderr:\n${stderr}`);
    });
  }
}

test("the README and the guides hold js blocks to run", async () => {
  const counts = await Promise.all((await docFiles()).map(async (file) => jsBlocks(await readFile(join(ROOT, file), "utf8")).length));
  assert.ok(counts.reduce((a, b) => a + b, 0) >= 5, `only ${counts} blocks`);
});
