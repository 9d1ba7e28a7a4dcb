import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  Live,
  listenDoneLiveOnce,
  listenSignalLive,
  PersistScheduleAdapter,
  PersistSignalAdapter,
  ReplayClock,
} from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { addParityRun, persistUnder, usePersistUnder } from "../helpers/liveParity.mjs";

const START = "2023-03-10T00:00:00.000Z";
const END = "2023-03-10T11:59:00.000Z";

test("Live.background runs to the rehearsal's end, each tick reaches listenSignalLive, then listenDoneLive; the 1.4 one-name report forms work", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const names = addParityRun("facade", START, END, "scheduledLimit");
  const context = { strategyName: names.strategyName, exchangeName: names.exchangeName };
  const seen = [];
  const stopListening = listenSignalLive((result) => {
    if (result.strategyName === names.strategyName) {
      seen.push(result.action);
    }
  });
  const done = new Promise((resolve) => listenDoneLiveOnce((event) => event.strategyName === names.strategyName, resolve));
  Live.background("BTCUSDT", context, { clock: new ReplayClock(Date.parse(START), Infinity), until: Date.parse(END) });
  const event = await done;
  stopListening();
  assert.deepEqual(event, { exchangeName: names.exchangeName, strategyName: names.strategyName, frameName: "", backtest: false, symbol: "BTCUSDT" });
  for (const action of ["idle", "active", "scheduled", "opened", "closed"]) {
    assert.ok(seen.includes(action), `a ${action} result was sent`);
  }
  const stats = await Live.getData(names.strategyName);
  assert.equal(stats.totalClosed, seen.filter((action) => action === "closed").length);
  assert.equal(stats.eventList.length, stats.totalEvents);
  const report = await Live.getReport(names.strategyName);
  assert.match(report, new RegExp(`^# Live Trading Report: ${names.strategyName}`));
  const path = await Live.dump(names.strategyName, dir);
  assert.equal(await readFile(path, "utf-8"), report);
  const html = await readFile(await Live.dumpHtml("BTCUSDT", names.strategyName, dir), "utf-8");
  assert.match(html, new RegExp(`Paper trading of ${names.strategyName} on BTCUSDT \\(paper, (no open position|open position: long from [0-9.]+ since 2023-03-10T)`));
  assert.ok(html.includes(`"totalSignals":${stats.totalClosed}`), "the report holds the run's closed trades");
});

test("the stop function of Live.background stops a run on the wall clock at its next tick", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const names = addParityRun("stop", START, END, "scheduledLimit");
  const done = new Promise((resolve) => listenDoneLiveOnce((event) => event.strategyName === names.strategyName, resolve));
  const stop = Live.background("BTCUSDT", { strategyName: names.strategyName, exchangeName: names.exchangeName }, {
    clock: new ReplayClock(Date.parse(START), 1),
  });
  setTimeout(stop, 50);
  await done;
});

test("Live.run names the bad argument", () => {
  assert.throws(() => Live.run("BTCUSDT", { strategyName: "no-such", exchangeName: "x" }), /no-such not found source=Live\.run/);
  assert.throws(() => Live.run("", {}), /Live\.run: symbol/);
});

test("a fresh run on a replay clock starts at the clock's start, however fast the clock runs", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const names = addParityRun("start", START, END, "scheduledLimit");
  const clock = new ReplayClock(Date.parse(START), 1_000_000);
  await new Promise((resolve) => setTimeout(resolve, 30)); // the clock is already 8 replayed hours on
  const context = { strategyName: names.strategyName, exchangeName: names.exchangeName };
  for await (const result of Live.run("BTCUSDT", context, { clock, until: Date.parse(START) + 10 * 60_000 })) {
    assert.equal(result.when ?? result.signal.scheduledAt, Date.parse(START));
    break;
  }
});
