// Several test windows: rangeTest as an array, or walkForward; the one-range file is unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { addOptimizer, listOptimizers, Optimizer } from "../../build/index.mjs";
import { uniqueName, validSchema } from "../helpers/optimizer.mjs";
import { pinnedSchema } from "../helpers/pinnedOptimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "pinned-single-range.mjs.txt");
const day = (iso) => new Date(`${iso}T00:00:00Z`);
const lastMinute = (iso) => new Date(`${iso}T23:59:00Z`);

/** The addFrame calls of a generated file as [name, start ISO, end ISO]. */
const framesOf = (code) =>
  [...code.matchAll(/addFrame\(\{\n +frameName: "([^"]+)",\n +interval: "1m",\n +startDate: new Date\("([^"]+)"\),\n +endDate: new Date\("([^"]+)"\),/g)]
    .map(([, name, start, end]) => [name, start, end]);

/** The addWalker calls as [walker, frame]. */
const walkersOf = (code) =>
  [...code.matchAll(/addWalker\(\{\n +walkerName: "([^"]+)",\n +exchangeName: "[^"]+",\n +frameName: "([^"]+)",/g)]
    .map(([, walker, frame]) => [walker, frame]);

test("a schema with one rangeTest object generates the same bytes as before test windows existed", async () => {
  const optimizerName = uniqueName("pinned");
  addOptimizer(pinnedSchema(optimizerName));
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName });
  assert.equal(code, await readFile(FIXTURE, "utf8"));
});

test("rangeTest as an array: a frame and a walker per window, then the walk-forward launcher", async (t) => {
  const optimizerName = uniqueName("windows");
  addOptimizer(validSchema({
    optimizerName,
    prefix: "win",
    rangeTest: [
      { startDate: day("2023-03-05"), endDate: lastMinute("2023-03-05") },
      { startDate: day("2023-03-07"), endDate: lastMinute("2023-03-07") },
      { startDate: day("2023-03-09"), endDate: lastMinute("2023-03-09") },
    ],
  }));
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName });
  assert.deepEqual(framesOf(code).slice(2), [
    ["win_test_frame-1", "2023-03-05T00:00:00.000Z", "2023-03-05T23:59:00.000Z"],
    ["win_test_frame-2", "2023-03-07T00:00:00.000Z", "2023-03-07T23:59:00.000Z"],
    ["win_test_frame-3", "2023-03-09T00:00:00.000Z", "2023-03-09T23:59:00.000Z"],
  ]);
  assert.deepEqual(walkersOf(code), [
    ["win_walker-1", "win_test_frame-1"], ["win_walker-2", "win_test_frame-2"], ["win_walker-3", "win_test_frame-3"],
  ]);
  assert.ok(code.includes('const walkerNames = ["win_walker-1", "win_walker-2", "win_walker-3"];'));
  assert.ok(code.includes('await Walker.dumpWalkForward(symbol, walkerNames, "win_walker_walk_forward");'));
  assert.ok(!code.includes("Walker.background("), "no single-walker launcher");
  const file = join(await makeTempDir(t, "backtest-kit-windows-"), "windows.mjs");
  await writeFile(file, code);
  const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
  assert.equal(check.status, 0, check.stderr);
});

test("both launchers print errors through formatError with the same code; each window's backtests go to their own folder", async () => {
  const generate = async (overrides) => {
    const optimizerName = uniqueName("launcher");
    addOptimizer(validSchema({ optimizerName, ...overrides }));
    return await Optimizer.getCode("BTCUSDT", { optimizerName });
  };
  const single = await generate({});
  const windows = await generate({
    rangeTest: [
      { startDate: day("2023-03-05"), endDate: lastMinute("2023-03-05") },
      { startDate: day("2023-03-07"), endDate: lastMinute("2023-03-07") },
    ],
  });
  assert.ok(windows.includes("runWalkForward()") && single.includes("Walker.background("));
  const errorBlock = [
    "    listenError((error) => {",
    "        // a strategy the walker skipped is said once, with its reason, in the walker's summary",
    "        // (BACKTEST_KIT_VERBOSE=1 prints its whole chain here too)",
    '        if (process.env.BACKTEST_KIT_VERBOSE === "1" || !/^walker .+ skipped strategy /.test(error?.message)) {',
    '            console.error("Error: " + formatError(error));',
    "        }",
    '        if (error?.code === "ERR_LLM_ENDPOINT_UNREACHABLE") {',
    "            process.exitCode = 1;",
    "        }",
    "    });",
  ].join("\n");
  const doneBlock = "    listenDoneBacktest(async (event) => {\n        await Backtest.dump(event.symbol, event.strategyName);\n    });";
  for (const code of [single, windows]) {
    assert.equal(code.split(errorBlock).length, 2, "one listenError block, through formatError");
    assert.doesNotMatch(code, /Error occurred/);
  }
  assert.equal(single.split(doneBlock).length, 2, "the single-window file dumps each backtest when it completes");
  assert.equal(windows.split(doneBlock).length, 1, "a window's backtest must not overwrite another window's report");
  assert.ok(windows.includes('await Backtest.dump(symbol, strategyName, "./dump/backtest/window-" + window);'));
  assert.ok(windows.includes("await dumpWindowBacktests(symbol, walkerName, index + 1);"));
});

test("walkForward lays out back-to-back training ranges, then the test windows after them", async () => {
  const optimizerName = uniqueName("walk");
  const walkForward = { startDate: day("2023-03-01"), trainDays: 3, testDays: 2, steps: 2 };
  const { rangeTrain, rangeTest, ...rest } = validSchema({ optimizerName, prefix: "wf" });
  addOptimizer({ ...rest, walkForward });
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName });
  assert.deepEqual(framesOf(code), [
    ["wf_train_frame-1", "2023-03-01T00:00:00.000Z", "2023-03-03T23:59:00.000Z"],
    ["wf_train_frame-2", "2023-03-04T00:00:00.000Z", "2023-03-06T23:59:00.000Z"],
    ["wf_test_frame-1", "2023-03-07T00:00:00.000Z", "2023-03-08T23:59:00.000Z"],
    ["wf_test_frame-2", "2023-03-09T00:00:00.000Z", "2023-03-10T23:59:00.000Z"],
  ]);
  const strategies = await Optimizer.getData("BTCUSDT", { optimizerName });
  assert.deepEqual(strategies.map(({ range }) => [range.startDate.toISOString(), range.endDate.toISOString()]), [
    ["2023-03-01T00:00:00.000Z", "2023-03-03T23:59:00.000Z"],
    ["2023-03-04T00:00:00.000Z", "2023-03-06T23:59:00.000Z"],
  ]);
  const listed = (await listOptimizers()).find((schema) => schema.optimizerName === optimizerName);
  assert.deepEqual(listed.walkForward, walkForward);
});

test("a walkForward of one step, or a one-element rangeTest array, generates the single-window file", async () => {
  const optimizerName = uniqueName("one");
  addOptimizer(validSchema({ optimizerName, prefix: "one", rangeTest: [{ startDate: day("2023-03-05"), endDate: lastMinute("2023-03-05") }] }));
  const code = await Optimizer.getCode("BTCUSDT", { optimizerName });
  assert.ok(code.includes('frameName: "one_test_frame",') && code.includes("Walker.background("));
});

const rejects = (overrides, pattern, omit = []) => {
  const schema = validSchema(overrides);
  omit.forEach((key) => delete schema[key]);
  assert.throws(() => addOptimizer(schema), pattern);
  assert.equal(typeof schema.optimizerName, "string");
};

test("bad windows are errors at addOptimizer naming the field and the value", async () => {
  rejects(
    { rangeTest: { startDate: day("2023-03-02"), endDate: lastMinute("2023-03-02") } },
    /rangeTest \(2023-03-02T00:00:00\.000Z - 2023-03-02T23:59:00\.000Z\) overlaps rangeTrain\[0\] \(2023-03-01T00:00:00\.000Z - 2023-03-02T00:00:00\.000Z\): a strategy would be tested on its own training data for optimizerName=/
  );
  rejects(
    { rangeTest: [{ startDate: day("2023-03-05"), endDate: lastMinute("2023-03-05") }, { startDate: day("2023-03-03"), endDate: day("2023-03-03") }] },
    /rangeTest\[1\] \(2023-03-03T00:00:00\.000Z - 2023-03-03T00:00:00\.000Z\) overlaps rangeTrain\[1\]/
  );
  rejects(
    { rangeTest: [{ startDate: day("2023-03-05"), endDate: lastMinute("2023-03-06") }, { startDate: day("2023-03-06"), endDate: lastMinute("2023-03-06") }] },
    /rangeTest\[1\] \(2023-03-06T00:00:00\.000Z - 2023-03-06T23:59:00\.000Z\) overlaps rangeTest\[0\] \(2023-03-05T00:00:00\.000Z - 2023-03-06T23:59:00\.000Z\)/
  );
  rejects(
    { rangeTest: [{ startDate: day("2023-03-05"), endDate: new Date("2999-01-01T00:00:00Z") }] },
    /rangeTest\[0\]\.endDate 2999-01-01T00:00:00\.000Z is in the future \(now .*\): no candles exist there yet/
  );
  rejects({ rangeTest: [] }, /rangeTest must be a range or a non-empty array of ranges, got \[\]/);
  rejects({ rangeTest: [{ startDate: day("2023-03-05"), endDate: day("2023-03-05") }, { startDate: "2023-03-07", endDate: day("2023-03-08") }] },
    /rangeTest\[1\]\.startDate must be a valid Date, got "2023-03-07"/);
});

test("bad walkForward layouts are errors naming the field and the value", () => {
  const start = day("2023-03-01");
  const layouts = [
    [{ startDate: start, trainDays: 0, testDays: 1, steps: 1 }, /walkForward\.trainDays must be a whole number >= 1, got 0/],
    [{ startDate: start, trainDays: 2, testDays: -1, steps: 1 }, /walkForward\.testDays must be a whole number >= 1, got -1/],
    [{ startDate: start, trainDays: 2, testDays: 1, steps: 0 }, /walkForward\.steps must be a whole number >= 1, got 0/],
    [{ startDate: start, trainDays: 2, testDays: 1, steps: 1.5 }, /walkForward\.steps must be a whole number >= 1, got 1\.5/],
    [{ startDate: "2023-03-01", trainDays: 2, testDays: 1, steps: 1 }, /walkForward\.startDate must be a valid Date, got "2023-03-01"/],
    [{ startDate: start, trainDays: 2, testDays: 1, steps: 1, stepDays: 3 }, /walkForward\.stepDays is not one of startDate, trainDays, testDays, steps/],
    [{ startDate: new Date("2999-01-01T00:00:00Z"), trainDays: 1, testDays: 1, steps: 1 }, /walkForward test window 1\.endDate 2999-01-02T23:59:00\.000Z is in the future/],
    ["3 days", /walkForward must be an object \{ startDate, trainDays, testDays, steps \}, got "3 days"/],
  ];
  for (const [walkForward, pattern] of layouts) {
    rejects({ walkForward }, pattern, ["rangeTrain", "rangeTest"]);
  }
  rejects({ walkForward: { startDate: start, trainDays: 2, testDays: 1, steps: 1 } },
    /give either walkForward or rangeTrain and rangeTest, not both/, ["rangeTest"]);
  rejects({}, /rangeTest is required/, ["rangeTest"]);
});

test("hostile names reach the walk-forward launcher as the same strings, never as code", async (t) => {
  const prefix = "p\"`${process.exit(3)}</script>\u2028\\";
  const optimizerName = uniqueName("hostile");
  addOptimizer(validSchema({
    optimizerName,
    prefix,
    rangeTest: [
      { startDate: day("2023-03-05"), endDate: lastMinute("2023-03-05") },
      { startDate: day("2023-03-07"), endDate: lastMinute("2023-03-07") },
    ],
  }));
  const code = await Optimizer.getCode("BTC\"USDT", { optimizerName });
  const names = JSON.parse(/const walkerNames = (\[.*\]);/.exec(code)[1]);
  assert.deepEqual(names, [`${prefix}_walker-1`, `${prefix}_walker-2`]);
  const reportName = JSON.parse(/Walker\.dumpWalkForward\(symbol, walkerNames, (".*")\);/.exec(code)[1]);
  assert.equal(reportName, `${prefix}_walker_walk_forward`);
  assert.equal(JSON.parse(/const symbol = (".*");\n +const walkerNames/.exec(code)[1]), "BTC\"USDT");
  const file = join(await makeTempDir(t, "backtest-kit-windows-hostile-"), "hostile.mjs");
  await writeFile(file, code);
  const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
  assert.equal(check.status, 0, check.stderr);
});
