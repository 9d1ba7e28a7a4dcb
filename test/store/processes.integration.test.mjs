// Several processes writing one store file at once, and a process killed in the middle of a write.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { statSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import { CandleStore } from "../../build/index.mjs";
import { SERIES_PATH, loadSeries, MINUTE } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { SERIES_COUNTS, csvLines, writeCsv, countRows, inspectStore } from "../helpers/candleStore.mjs";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "..", "helpers", "candleStoreChild.mjs");
const SYMBOL = "BTCUSDT";
const MINUTES = Object.freeze({ "1m": 1, "3m": 3, "5m": 5, "15m": 15, "30m": 30, "1h": 60, "2h": 120, "4h": 240, "6h": 360, "8h": 480 });

/** Starts candleStoreChild.mjs on `job`; `waitFor(predicate)` resolves to the first IPC message it accepts. */
const startChild = (job) => {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(job)], { stdio: ["ignore", "inherit", "pipe", "ipc"] });
  const messages = [];
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
  child.on("message", (message) => messages.push(message));
  const waitFor = (predicate) =>
    new Promise((resolve, reject) => {
      const found = messages.find(predicate);
      if (found !== undefined) return resolve(found);
      const onMessage = (message) => {
        if (predicate(message)) {
          child.off("message", onMessage);
          resolve(message);
        }
      };
      child.on("message", onMessage);
      exited.then(({ code, signal, stderr }) =>
        reject(new Error(`child exited (code ${code}, signal ${signal}) before the message: ${stderr}`))
      );
    });
  return { child, messages, exited, waitFor };
};

/** Starts the children, waits until each has opened the store, then lets them all go at once. */
const startTogether = async (jobs) => {
  const children = jobs.map(startChild);
  await Promise.all(children.map(({ waitFor }) => waitFor((m) => m === "ready")));
  for (const { child } of children) child.send("go");
  return children;
};

/** Complete buckets per interval of `minutes` consecutive 1m candles starting on an 8h boundary. */
const bucketCounts = (minutes) =>
  Object.fromEntries(Object.entries(MINUTES).map(([interval, m]) => [interval, Math.floor(minutes / m)]));

/** Writes a CSV of `count` synthetic 1m candles (epoch-ms open times) from 2020-01-01. */
const writeBigCsv = async (dir, count) => {
  const start = Date.UTC(2020, 0, 1);
  const lines = ["open_time,open,high,low,close,volume"];
  for (let i = 0; i < count; i++) {
    const price = 100 + (i % 50);
    lines.push(`${start + i * MINUTE},${price},${price + 1},${price - 1},${price + 0.5},${1 + (i % 7)}`);
  }
  return await writeCsv(dir, "big.csv", lines);
};

test("two processes seeding and fetching the same candles into one file at once store each candle exactly once", async (t) => {
  const dir = await makeTempDir(t);
  const path = join(dir, "candles.sqlite");
  const since = Date.UTC(2023, 2, 5);
  const seed = { seedFile: SERIES_PATH, exchangeName: "seeded", symbol: SYMBOL };
  const read = { read: { exchangeName: "fetched", symbol: SYMBOL, interval: "1m", since, limit: 20000 } };
  const [a, b] = await startTogether([
    { path, steps: [read, seed] },
    { path, steps: [read, seed] },
  ]);
  const [{ results: ra }, { results: rb }] = await Promise.all([a.waitFor((m) => m.results), b.waitFor((m) => m.results)]);
  for (const exit of await Promise.all([a.exited, b.exited])) {
    assert.equal(exit.code, 0, exit.stderr);
  }

  const [seedA, seedB] = [ra[1], rb[1]];
  for (const [interval, n] of Object.entries(SERIES_COUNTS)) {
    assert.equal(seedA[interval].inserted + seedB[interval].inserted, n, `${interval}: each candle inserted by one process`);
    assert.equal(seedA[interval].existing + seedB[interval].existing, n, `${interval}: and found present by the other`);
    assert.equal(countRows(path, "seeded", SYMBOL, interval), n, interval);
  }
  for (const result of [ra[0], rb[0]]) {
    assert.deepEqual(result, { count: 20000, first: since, last: since + 19999 * MINUTE });
  }
  assert.equal(countRows(path, "fetched", SYMBOL, "1m"), 20000);

  const total = Object.values(SERIES_COUNTS).reduce((x, y) => x + y, 0) + 20000;
  assert.deepEqual(inspectStore(path), { integrity: "ok", rows: total, keys: total });
});

test("a process killed in the middle of a large write leaves a sound file with all or none of that write", async (t) => {
  const dir = await makeTempDir(t);
  const path = join(dir, "candles.sqlite");
  const bigMinutes = 150_000;
  const big = await writeBigCsv(dir, bigMinutes);
  const small = await writeCsv(dir, "small.csv", csvLines(loadSeries().slice(0, 1440)));
  const [writer] = await startTogether([
    {
      path,
      steps: [
        { seedFile: small, exchangeName: "crash", symbol: "SMALL" },
        { seedFile: big, exchangeName: "crash", symbol: "BIG" },
      ],
    },
  ]);
  await writer.waitFor((m) => m.starting === 1);

  // The transaction spills its pages into the WAL as it goes: once the WAL has grown by
  // 2 MB (of about 10 MB the whole write takes) the write is under way and far from done.
  const walPath = `${path}-wal`;
  const walSize = () => (existsSync(walPath) ? statSync(walPath).size : 0);
  const base = walSize();
  let exit = null;
  writer.exited.then((result) => (exit = result));
  while (walSize() < base + 2 * 1024 * 1024) {
    assert.equal(exit, null, `the writer ended before it could be killed: ${JSON.stringify(exit)}`);
    await delay(2);
  }
  writer.child.kill("SIGKILL");
  const { signal } = await writer.exited;
  assert.equal(signal, "SIGKILL");
  assert.ok(!writer.messages.some((m) => m.results), "killed before the write reported back");

  const smallTotal = Object.values(bucketCounts(1440)).reduce((x, y) => x + y, 0);
  const bigCounts = bucketCounts(bigMinutes);
  const bigTotal = Object.values(bigCounts).reduce((x, y) => x + y, 0);
  const after = inspectStore(path);
  assert.equal(after.integrity, "ok");
  assert.equal(after.rows, after.keys);
  assert.equal(countRows(path, "crash", "SMALL"), smallTotal, "the earlier, committed write is whole");
  const bigRows = countRows(path, "crash", "BIG");
  assert.ok(bigRows === 0 || bigRows === bigTotal, `all or none of the killed write: ${bigRows} of ${bigTotal}`);

  const again = await CandleStore.seedFile(big, { exchangeName: "crash", symbol: "BIG", path });
  for (const [interval, n] of Object.entries(bigCounts)) {
    assert.equal(again[interval].inserted + again[interval].existing, n, interval);
    assert.equal(countRows(path, "crash", "BIG", interval), n, interval);
  }
  assert.equal(inspectStore(path).integrity, "ok");
});
