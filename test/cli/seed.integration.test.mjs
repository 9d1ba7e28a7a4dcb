// backtest-kit seed <csv> --exchange NAME --symbol SYMBOL [--store FILE]: the checks and
// errors of CandleStore.seedFile, what it stored printed, exit 2 for usage, 1 for failures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { writeFile } from "node:fs/promises";
import { loadSeries } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { csvLines, writeCsv, countRows } from "../helpers/candleStore.mjs";
import { runCli } from "../helpers/cli.mjs";

const TWO_HOURS = () => csvLines(loadSeries().slice(0, 120));

test("seed stores a plain CSV and prints candles, intervals and range; seeding again stores nothing twice", async (t) => {
  const dir = await makeTempDir(t);
  const store = join(dir, "candles.sqlite");
  const file = await writeCsv(dir, "btc.csv", TWO_HOURS());
  const first = await runCli(["seed", file, "--exchange", "binance", "--symbol", "BTCUSDT", "--store", store]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`^Seeded binance BTCUSDT from ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} into `));
  assert.match(first.stdout, /^ {2}1m +120 candles \(120 new, 0 already stored, 2023-03-01T00:00:00\.000Z to 2023-03-01T01:59:00\.000Z\)$/m);
  assert.match(first.stdout, /^ {2}1h +2 candles \(2 new, 0 already stored, 2023-03-01T00:00:00\.000Z to 2023-03-01T01:00:00\.000Z\)$/m);
  assert.equal(countRows(store, "binance", "BTCUSDT", "1m"), 120);
  const again = await runCli(["seed", file, "--exchange", "binance", "--symbol", "BTCUSDT", "--store", store]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /1m +120 candles \(0 new, 120 already stored/);
});

test("seed reads a gzip CSV into the store named by BACKTEST_KIT_CANDLE_STORE", async (t) => {
  const dir = await makeTempDir(t);
  const store = join(dir, "env.sqlite");
  const file = join(dir, "btc.csv.gz");
  await writeFile(file, gzipSync(TWO_HOURS().join("\n") + "\n"));
  const { code, stdout, stderr } = await runCli(["seed", file, "--exchange", "binance", "--symbol", "BTCUSDT"], {
    env: { BACKTEST_KIT_CANDLE_STORE: store },
  });
  assert.equal(code, 0, stderr);
  assert.ok(stdout.includes(`into ${store}:`), stdout);
  assert.equal(countRows(store, "binance", "BTCUSDT", "1m"), 120);
});

test("a bad line: exit 1, the error names the file and the line, nothing is stored", async (t) => {
  const dir = await makeTempDir(t);
  const store = join(dir, "candles.sqlite");
  const lines = TWO_HOURS();
  lines[5] = lines[5].replace(/,[^,]+$/, ",lots");
  const file = await writeCsv(dir, "bad.csv", lines);
  const { code, stderr } = await runCli(["seed", file, "--exchange", "binance", "--symbol", "BTCUSDT", "--store", store]);
  assert.equal(code, 1);
  assert.match(stderr, /^backtest-kit: .*bad\.csv.*line 6.*"lots"/);
  assert.equal(stderr.trim().split("\n").length, 1, stderr);
  await assert.rejects(access(store), { code: "ENOENT" }, "no store was written");
});

test("usage mistakes exit 2 and say what to write: no file, missing --exchange or --symbol, a missing file", async (t) => {
  const dir = await makeTempDir(t);
  const file = await writeCsv(dir, "btc.csv", TWO_HOURS());
  const cases = [
    [["seed"], /seed needs a CSV file/],
    [["seed", file, "--symbol", "BTCUSDT"], /seed needs --exchange, e\.g\. --exchange binance/],
    [["seed", file, "--exchange", "binance"], /seed needs --symbol, e\.g\. --symbol BTCUSDT/],
    [["seed", join(dir, "missing.csv"), "--exchange", "binance", "--symbol", "BTCUSDT"], /CSV file not found: .*missing\.csv/],
    [["seed", file, file, "--exchange", "binance", "--symbol", "BTCUSDT"], /seed takes one CSV file, got 2/],
    [["seed", file, "--exchange", "binance", "--symbol", "BTCUSDT", "--out", dir], /seed takes --exchange, --symbol, --store and --bundled; --out is not one of them/],
  ];
  for (const [args, pattern] of cases) {
    const { code, stderr } = await runCli(args, { cwd: dir });
    assert.equal(code, 2, `${args.join(" ")}: ${stderr}`);
    assert.match(stderr, pattern);
    assert.match(stderr, /Run backtest-kit --help for usage\./);
  }
  await assert.rejects(access(join(dir, ".backtest-kit")), { code: "ENOENT" });
});

test("seed of a CSV with a header and no rows stores nothing, so it fails: exit 1, one line with the reason", async (t) => {
  const dir = await makeTempDir(t);
  const store = join(dir, "candles.sqlite");
  const file = await writeCsv(dir, "empty.csv", [TWO_HOURS()[0]]);
  const { code, stdout, stderr } = await runCli(["seed", file, "--exchange", "binance", "--symbol", "BTCUSDT", "--store", store]);
  assert.equal(code, 1, stderr);
  assert.equal(stdout, "");
  assert.equal(stderr, `backtest-kit: seed stored nothing: ${file} has a header but no candle rows\n`);
});
