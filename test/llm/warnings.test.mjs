// The LLM warnings a user can listen to: a re-asked signal and a repaired cache entry
// (llm-retry and llm-rate-limited are pinned in rateLimit.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addExchange, addFrame, addStrategy, askSignal, askText, Backtest, getCandles, listenWarning } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const MESSAGES = [{ role: "user", content: "Describe the market" }];

const listFiles = async (dir) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));

const recordWarnings = (t, kind) => {
  const warnings = [];
  t.after(listenWarning((warning) => warning.kind === kind && warnings.push(warning)));
  return warnings;
};

test("a rejected signal answer raises llm-reask with strategy, symbol, tick, model and the problem", async (t) => {
  const server = await startOllamaServer((body) =>
    body.messages.length === 2
      ? JSON.stringify({ position: "long", note: "no levels" })
      : JSON.stringify({ position: "wait", note: "", priceOpen: 0, priceTakeProfit: 0, priceStopLoss: 0, minuteEstimatedTime: 0 })
  );
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-reask-");
  const names = { exchangeName: "reask-ex", frameName: "reask-frame", strategyName: "reask-strategy" };
  addExchange(createSeriesExchange(names.exchangeName));
  addFrame({ frameName: names.frameName, interval: "1m", startDate: new Date("2023-03-10T00:00:00Z"), endDate: new Date("2023-03-10T01:00:00Z") });
  addStrategy({
    strategyName: names.strategyName,
    interval: "1h",
    getSignal: async (symbol) => {
      const [last] = await getCandles(symbol, "1m", 1);
      return (await askSignal([{ role: "user", content: `close ${last.close}` }], { host: server.host, model: "m", cacheDir })).signal;
    },
  });
  const warnings = recordWarnings(t, "llm-reask");
  for await (const _ of Backtest.run("BTCUSDT", names));
  assert.deepEqual(
    warnings.map((w) => [w.details.strategyName, w.details.symbol, new Date(w.details.when).toISOString(), w.details.model]),
    [
      ["reask-strategy", "BTCUSDT", "2023-03-10T00:00:00.000Z", "m"],
      ["reask-strategy", "BTCUSDT", "2023-03-10T01:00:00.000Z", "m"],
    ]
  );
  assert.match(warnings[0].details.problem, /priceOpen|priceTakeProfit/);
  assert.match(warnings[0].message, /^strategy reask-strategy on BTCUSDT at 2023-03-10T00:00:00\.000Z: the LLM answered an invalid signal, asking once more: /);
  assert.equal(server.requests.length, 4, "each tick asked twice");
});

test("a corrupt and a foreign cache entry each raise llm-cache-repaired and are replaced", async (t) => {
  const server = await startOllamaServer(() => "good answer");
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-repair-");
  const options = { host: server.host, model: "m", cacheDir };
  const warnings = recordWarnings(t, "llm-cache-repaired");
  await askText(MESSAGES, options);
  const [file] = await listFiles(cacheDir);
  const key = JSON.parse(await readFile(file, "utf8")).key;

  await writeFile(file, '{"version":1,"key":"trunc');
  assert.equal(await askText(MESSAGES, options), "good answer");
  await writeFile(file, JSON.stringify({ version: 1, key: "0".repeat(64), content: "someone else's" }));
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(JSON.parse(await readFile(file, "utf8")).content, "good answer");
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(server.requests.length, 3, "two repairs, then a hit");
  assert.deepEqual(
    warnings.map((w) => [w.details.path, w.details.key, w.details.reason]),
    [
      [file, key, "it is not JSON (cut off or overwritten)"],
      [file, key, "it is not a version 1 entry holding this key"],
    ]
  );
  assert.match(warnings[0].message, /^LLM cache entry .* is unusable: it is not JSON \(cut off or overwritten\); the request is sent and its answer replaces the entry$/);

});

test("an entry that cannot be read raises llm-cache-repaired naming why; a replacement that cannot be written fails loudly", async (t) => {
  const server = await startOllamaServer(() => "answer");
  t.after(server.close);
  const [cacheDir, probeDir] = [await makeTempDir(t, "backtest-kit-blocked-"), await makeTempDir(t, "backtest-kit-probe-")];
  const warnings = recordWarnings(t, "llm-cache-repaired");
  await askText(MESSAGES, { host: server.host, model: "m", cacheDir: probeDir });
  const [probe] = await listFiles(probeDir);
  await mkdir(join(cacheDir, probe.slice(probeDir.length + 1)), { recursive: true });
  await assert.rejects(askText(MESSAGES, { host: server.host, model: "m", cacheDir }), /EISDIR|directory/);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].details.reason, /^it cannot be read \(.*EISDIR.*\)$/);
});
