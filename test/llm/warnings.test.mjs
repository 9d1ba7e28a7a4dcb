// The LLM warnings a user can listen to: a re-asked signal and a repaired cache entry
// (llm-retry and llm-rate-limited are pinned in rateLimit.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { askText, listenWarning } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { runAskSignal, WAIT } from "../helpers/signalRun.mjs";
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
      : JSON.stringify(WAIT)
  );
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-reask-");
  const warnings = recordWarnings(t, "llm-reask");
  await runAskSignal("reask", { host: server.host, model: "m", cacheDir });
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

test("a cache directory removed during a run is made again: the answer is still stored", async (t) => {
  const server = await startOllamaServer(() => "good answer");
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-removed-");
  const options = { host: server.host, model: "m", cacheDir };
  await askText(MESSAGES, options);
  const [file] = await listFiles(cacheDir);
  await rm(dirname(file), { recursive: true });
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(JSON.parse(await readFile(file, "utf8")).content, "good answer", "the entry is back in its remade directory");
  assert.equal(await askText(MESSAGES, options), "good answer");
  assert.equal(server.requests.length, 2, "asked again once, then a hit");
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
