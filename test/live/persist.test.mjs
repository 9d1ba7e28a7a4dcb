import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  Live,
  PersistBase,
  PersistPartialAdapter,
  PersistRiskAdapter,
  PersistScheduleAdapter,
  PersistSignalAdapter,
  ReplayClock,
} from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { addParityRun, persistUnder, storedLongRow } from "../helpers/liveParity.mjs";

test("PersistBase keeps values as JSON files, one per key, and says which file is unreadable", async (t) => {
  const dir = await makeTempDir(t);
  const store = new PersistBase("BTCUSDT_s1", dir);
  await store.waitForInit(true);
  assert.equal(await store.hasValue("BTCUSDT"), false);
  await store.writeValue("BTCUSDT", { id: "a", price: 1.5 });
  await store.writeValue("BTCUSDT", { id: "b", price: 2.5 });
  assert.deepEqual(await store.readValue("BTCUSDT"), { id: "b", price: 2.5 });
  assert.deepEqual(await store.keys(), ["BTCUSDT"]);
  await writeFile(join(store.directory, "broken.json"), "{\"id\": ");
  await assert.rejects(store.readValue("broken"), /persist BTCUSDT_s1: .*broken\.json is not JSON/);
  await assert.rejects(store.readValue("absent"), /persist BTCUSDT_s1: cannot read "absent"/);
});

test("a write cut short leaves the old value whole; its temp file is removed at the next start", async (t) => {
  const dir = await makeTempDir(t);
  const store = new PersistBase("torn", dir);
  await store.waitForInit(true);
  await store.writeValue("state", { trades: [1, 2, 3] });
  // What a process killed between writing the temp file and renaming it leaves behind.
  await writeFile(join(store.directory, ".state.json.0000-dead.tmp"), "{\"trades\": [1, 2, 3, 4");
  const reopened = new PersistBase("torn", dir);
  await reopened.waitForInit(false);
  assert.deepEqual(await reopened.readValue("state"), { trades: [1, 2, 3] });
  assert.deepEqual(await readdir(reopened.directory), ["state.json"]);
});

test("keys that are not file names are kept inside the store's directory", async (t) => {
  const dir = await makeTempDir(t);
  const store = new PersistBase("../escape/../name", dir);
  await store.waitForInit(true);
  await store.writeValue("../../etc/passwd", { ok: true });
  assert.deepEqual(await store.readValue("../../etc/passwd"), { ok: true });
  assert.ok(store.directory.startsWith(dir));
  assert.equal((await readdir(dir)).length, 1, "one directory, inside the base directory");
});

test("the risk and partial adapters keep 1.4's shapes, with empty defaults", async (t) => {
  const dir = await makeTempDir(t);
  PersistRiskAdapter.usePersistRiskAdapter(persistUnder(dir));
  PersistPartialAdapter.usePersistPartialAdapter(persistUnder(dir));
  assert.deepEqual(await PersistRiskAdapter.readPositionData("risk-a"), []);
  assert.deepEqual(await PersistPartialAdapter.readPartialData("BTCUSDT"), {});
  const positions = [["BTCUSDT:s1", { signal: { id: "x" }, strategyName: "s1", exchangeName: "e", openTimestamp: 5 }]];
  await PersistRiskAdapter.writePositionData(positions, "risk-a");
  await PersistPartialAdapter.writePartialData({ x: { profitLevels: [10], lossLevels: [] } }, "BTCUSDT");
  assert.deepEqual(await PersistRiskAdapter.readPositionData("risk-a"), positions);
  assert.deepEqual(await PersistPartialAdapter.readPartialData("BTCUSDT"), { x: { profitLevels: [10], lossLevels: [] } });
});

test("usePersistSignalAdapter plugs in another store: a live run writes to it, and a 1.4 signal in it is resumed", async () => {
  const values = new Map();
  const inits = [];
  class MemoryStore {
    constructor(entityName, baseDir) {
      this.prefix = `${baseDir}|${entityName}|`;
    }
    async waitForInit(initial) {
      inits.push(initial);
    }
    async readValue(id) {
      return structuredClone(values.get(this.prefix + id));
    }
    async hasValue(id) {
      return values.has(this.prefix + id);
    }
    async writeValue(id, value) {
      values.set(this.prefix + id, structuredClone(value));
    }
  }
  PersistSignalAdapter.usePersistSignalAdapter(MemoryStore);
  PersistScheduleAdapter.usePersistScheduleAdapter(MemoryStore);
  PersistRiskAdapter.usePersistRiskAdapter(MemoryStore);
  PersistPartialAdapter.usePersistPartialAdapter(MemoryStore);
  const start = "2023-03-10T06:00:00.000Z";
  const names = addParityRun("custom", start, "2023-03-10T08:00:00.000Z", "scheduledLimit");
  const stored = {
    ...storedLongRow("stored-before-restart", names, { scheduledAt: Date.parse(start) - 10 * 60_000, pendingAt: Date.parse(start) - 10 * 60_000 }),
    _isScheduled: false,
  };
  await PersistSignalAdapter.writeSignalData(stored, "BTCUSDT", names.strategyName);
  const results = [];
  const context = { strategyName: names.strategyName, exchangeName: names.exchangeName };
  for await (const result of Live.run("BTCUSDT", context, { clock: new ReplayClock(Date.parse(start), Infinity), until: new Date(start) })) {
    results.push(result);
  }
  for await (const result of Live.run("BTCUSDT", context, {
    clock: new ReplayClock(Date.parse(start), Infinity),
    until: Date.parse(start) + 60 * 60_000,
  })) {
    results.push(result);
  }
  const closed = results.find((result) => result.action === "closed");
  assert.equal(closed.signal.id, "stored-before-restart");
  assert.equal(closed.closeReason, "time_expired");
  assert.equal(closed.closeTimestamp, stored.pendingAt + 30 * 60_000);
  assert.ok(inits.length >= 2 && inits.every((initial) => initial === true));
  const state = await PersistSignalAdapter.readLiveState("BTCUSDT", names.strategyName);
  assert.equal(state.trades[0].signal.id, "stored-before-restart");
  assert.equal(await PersistSignalAdapter.readSignalData("BTCUSDT", names.strategyName).then((row) => row?.id ?? null), state.open?.signal.id ?? null);
  assert.ok([...values.keys()].every((key) => key.startsWith("./dump/data/")), "the stores got 1.4's base directories");
});

test("a 1.4 store that answers one row without scheduledAt and pendingAt under every key (rows of earlier 1.x keep only `timestamp`) is resumed from that timestamp", async () => {
  const start = "2023-03-10T06:00:00.000Z";
  const names = addParityRun("legacy", start, "2023-03-10T08:00:00.000Z", "scheduledLimit");
  const row = storedLongRow("legacy-row", names, { timestamp: Date.parse(start) - 10 * 60_000 });
  const writes = [];
  PersistSignalAdapter.usePersistSignalAdapter(
    class {
      async waitForInit() {}
      async readValue() {
        return structuredClone(row);
      }
      async hasValue() {
        return true;
      }
      async writeValue(id) {
        writes.push(id);
      }
    }
  );
  const results = [];
  const context = { strategyName: names.strategyName, exchangeName: names.exchangeName };
  for await (const result of Live.run("BTCUSDT", context, {
    clock: new ReplayClock(Date.parse(start), Infinity),
    until: Date.parse(start) + 60 * 60_000,
  })) {
    results.push(result);
  }
  assert.equal(results[0].action, "active");
  assert.equal(results[0].signal.id, "legacy-row");
  const closed = results.find((result) => result.action === "closed");
  assert.equal(closed.signal.id, "legacy-row");
  assert.equal(closed.closeReason, "time_expired");
  assert.equal(closed.closeTimestamp, row.timestamp + 30 * 60_000);
  assert.ok(writes.includes("live-state"), "the run stored its own state");
});
