// The programmatic sweep: Sweep.run and Sweep.background with their progress and done
// events, the sweep's settings reaching every process of a job, and mistakes named by
// field and value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { listenDoneSweep, listenSweepProgress, setConfig, Sweep } from "../../build/index.mjs";
import { makeSweepProject, startBaseline, sweepConfigText } from "../helpers/sweep.mjs";

test("Sweep.run reports progress per job, applies the sweep's settings in the generated file's run, and Sweep.background reports through listenDoneSweep", { timeout: 300_000 }, async (t) => {
  const dir = await makeSweepProject(t, { "b.mjs": sweepConfigText("fb", { day: "2023-03-09" }) });
  const model = await startBaseline(t);
  const cwd = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(cwd));
  process.env.OLLAMA_HOST = model.host;
  process.env.BACKTEST_KIT_LLM_CACHE = "off";
  await setConfig({ CC_LUCK_SIMULATIONS: 37 });

  const progress = [];
  const stopProgress = listenSweepProgress((event) => progress.push(event));
  const result = await Sweep.run(["b.mjs"], { symbols: ["BTCUSDT", "ETHUSDT"], workers: 2 });
  stopProgress();
  assert.deepEqual(result.jobs.map((row) => [row.id, row.status]), [["fb_BTCUSDT", "done"], ["fb_ETHUSDT", "done"]]);
  assert.equal(result.out, join(dir, "sweep"));
  assert.deepEqual(progress.map((event) => event.processedJobs), [0, 1, 2]);
  assert.deepEqual(progress.map((event) => event.progress), [0, 0.5, 1]);
  assert.equal(progress[0].lastJob, null);
  assert.deepEqual(new Set(progress.slice(1).map((event) => event.lastJob.id)), new Set(["fb_BTCUSDT", "fb_ETHUSDT"]));

  const walker = JSON.parse(await readFile(join(dir, "sweep", "fb_BTCUSDT", "walker-results.json"), "utf8"));
  const lucks = walker.strategyResults.map((item) => item.stats.luck).filter((luck) => luck !== null);
  assert.ok(lucks.length > 0, "a strategy traded");
  assert.ok(lucks.every((luck) => luck.simulations === 37), "CC_LUCK_SIMULATIONS of the sweep applied in the walker's process");

  const done = new Promise((resolve) => {
    const stop = listenDoneSweep((event) => {
      stop();
      resolve(event);
    });
  });
  Sweep.background(["b.mjs"], { symbols: ["BTCUSDT"], out: "again" });
  const background = await done;
  assert.deepEqual(background.jobs.map((row) => [row.id, row.status, row.bestStrategy]), [["fb_BTCUSDT", "done", result.jobs[0].bestStrategy]]);
});

test("Sweep.run and Sweep.worker name the field and the value of a mistake", async () => {
  const cases = [
    [() => Sweep.run([], { symbols: ["BTCUSDT"] }), /Sweep\.run: configs must be a non-empty array of config file paths, got \[\]/],
    [() => Sweep.run(["no-such.mjs"], { symbols: ["BTCUSDT"] }), /Sweep\.run: configs\[0\] no-such\.mjs is not a file/],
    [() => Sweep.run(["package.json"], { symbols: [] }), /Sweep\.run: options\.symbols must be a non-empty array of symbols/],
    [() => Sweep.run(["package.json"], { symbols: ["BTCUSDT", "BTCUSDT"] }), /options\.symbols names BTCUSDT twice/],
    [() => Sweep.run(["package.json"], { symbols: ["../x"] }), /options\.symbols\[0\] must be a symbol .*got "\.\.\/x"/],
    [() => Sweep.run(["package.json"], { symbols: ["BTCUSDT"], workers: 0 }), /options\.workers must be a whole number from 1 to 256, got 0/],
    [() => Sweep.run(["package.json"], { symbols: ["BTCUSDT"], queue: "redis://" }), /options\.queue must be a redis:\/\/HOST:PORT URL, got "redis:\/\/"/],
    [() => Sweep.worker({ queue: "redis://u:secret@127.0.0.1:1", concurrency: 1.5 }), /Sweep\.worker: options\.concurrency must be a whole number from 1 to 256, got 1\.5/],
    [() => Sweep.worker({ queue: "http://u:secret@host" }), /Sweep\.worker: options\.queue must be a redis:\/\/HOST:PORT URL, got "http:\/\/u:\*\*\*@host"/],
    [() => Sweep.worker({ queue: "redis://127.0.0.1:1", lockMs: 10 }), /options\.lockMs must be a whole number of ms from 1000 to 3600000, got 10/],
  ];
  for (const [call, message] of cases) {
    await assert.rejects(call, (error) => {
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /secret/);
      return true;
    });
  }
});
