import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, basename } from "node:path";
import { addOptimizer, formatError, Optimizer } from "backtest-kit";
import { validSchema, uniqueName } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

/** Registers an optimizer with a fixed prefix, recording onDump calls. */
const register = (overrides = {}) => {
  const dumps = [];
  const schema = validSchema({
    prefix: "dump",
    callbacks: { onDump: (symbol, filepath) => dumps.push([symbol, filepath]) },
    ...overrides,
  });
  addOptimizer(schema);
  return { schema, dumps, context: { optimizerName: schema.optimizerName } };
};

test("dump writes {optimizerName}_{symbol}.mjs into an absolute directory, creating it, and reports the path", async (t) => {
  const { schema, dumps, context } = register();
  const dir = join(await makeTempDir(t), "a", "b");
  const filepath = await Optimizer.dump("BTCUSDT", context, dir);
  assert.equal(filepath, join(dir, `${schema.optimizerName}_BTCUSDT.mjs`));
  assert.deepEqual(dumps, [["BTCUSDT", filepath]]);
  assert.equal(await readFile(filepath, "utf8"), await Optimizer.getCode("BTCUSDT", context));
  assert.deepEqual(await readdir(dir), [basename(filepath)]);
});

test("a relative directory is resolved against the working directory; the default is the working directory", async (t) => {
  const { schema, context } = register();
  const cwd = await makeTempDir(t);
  const previous = process.cwd();
  process.chdir(cwd);
  t.after(() => process.chdir(previous));
  const nested = await Optimizer.dump("ETHUSDT", context, "out/nested");
  assert.equal(nested, join(cwd, "out", "nested", `${schema.optimizerName}_ETHUSDT.mjs`));
  const here = await Optimizer.dump("ETHUSDT", context);
  assert.equal(here, join(cwd, `${schema.optimizerName}_ETHUSDT.mjs`));
  assert.ok((await readFile(here, "utf8")).startsWith("#!/usr/bin/env node"));
});

test("dump never writes outside its directory, whatever the optimizerName or symbol contain", async (t) => {
  const root = await makeTempDir(t);
  const dir = join(root, "inside");
  const cases = [
    [`../../${uniqueName("escape")}`, "../../etc/passwd"],
    [`..\\..\\${uniqueName("win")}`, "C:\\Windows\\x"],
    [`..`, "/abs/olute"],
    [`.${uniqueName("hidden")}`, "a\u0000b\nc"],
  ];
  const written = [];
  for (const [optimizerName, symbol] of cases) {
    const { context } = register({ optimizerName });
    const filepath = await Optimizer.dump(symbol, context, dir);
    assert.equal(dirname(filepath), dir);
    assert.doesNotMatch(basename(filepath), /[\/\\\u0000\n]|^\./);
    written.push(basename(filepath));
  }
  assert.deepEqual((await readdir(root)), ["inside"]);
  assert.deepEqual((await readdir(dir)).sort(), written.sort());
});

test("over-long names are shortened with a hash, so they are written and never collide", async (t) => {
  const dir = await makeTempDir(t);
  const stem = "x".repeat(300);
  const first = register({ optimizerName: `${stem}-${uniqueName("a")}` });
  const second = register({ optimizerName: `${stem}-${uniqueName("b")}` });
  const firstPath = await Optimizer.dump("BTCUSDT", first.context, dir);
  const secondPath = await Optimizer.dump("BTCUSDT", second.context, dir);
  assert.notEqual(firstPath, secondPath);
  for (const filepath of [firstPath, secondPath]) {
    assert.ok(Buffer.byteLength(basename(filepath)) <= 200);
    assert.ok(basename(filepath).endsWith(".mjs"));
  }
  assert.equal((await readdir(dir)).length, 2);
});

test("a failed write leaves neither a partial file nor a temp file, and says what failed", async (t) => {
  const { schema, dumps, context } = register();
  const dir = await makeTempDir(t);
  const target = join(dir, `${schema.optimizerName}_BTCUSDT.mjs`);
  await mkdir(join(target, "occupied"), { recursive: true });
  await assert.rejects(Optimizer.dump("BTCUSDT", context, dir), (error) => {
    assert.match(error.message, new RegExp(`^optimizer ${schema.optimizerName} could not write ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: EISDIR: `));
    assert.ok(error.message.endsWith(error.cause.message), "the message ends with the cause");
    assert.equal(formatError(error), error.message);
    assert.ok(error.cause);
    return true;
  });
  assert.deepEqual(await readdir(dir), [basename(target)]);
  assert.deepEqual(await readdir(target), ["occupied"]);
  assert.deepEqual(dumps, []);
});

test("an existing file is replaced whole", async (t) => {
  const { schema, context } = register();
  const dir = await makeTempDir(t);
  const target = join(dir, `${schema.optimizerName}_BTCUSDT.mjs`);
  await writeFile(target, "old content that is much longer than nothing ".repeat(1000));
  await Optimizer.dump("BTCUSDT", context, dir);
  assert.equal(await readFile(target, "utf8"), await Optimizer.getCode("BTCUSDT", context));
  assert.deepEqual(await readdir(dir), [basename(target)]);
});

test("when code generation fails nothing is written", async (t) => {
  const { context } = register({
    callbacks: { onCode: () => { throw new Error("refused"); } },
  });
  const dir = join(await makeTempDir(t), "never");
  await assert.rejects(Optimizer.dump("BTCUSDT", context, dir), (error) => /callbacks\.onCode failed: refused$/.test(formatError(error)));
  await assert.rejects(readdir(dir), { code: "ENOENT" });
});
