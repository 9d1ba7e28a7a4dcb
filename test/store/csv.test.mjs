// Bad CSV input: every problem names its line (header = line 1) and value; nothing is stored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import { CandleStore } from "../../build/index.mjs";
import { loadSeries } from "../helpers/series.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { SERIES_START, csvLines, writeCsv, countRows } from "../helpers/candleStore.mjs";

const EXCHANGE = "binance";
const SYMBOL = "BTCUSDT";

/** Header + 10 good rows of the real series; `edit(lines)` spoils them. */
const spoiled = (edit) => {
  const lines = csvLines(loadSeries().slice(0, 10));
  edit(lines);
  return lines;
};

/** Replaces field `index` of line `line` (1-based) with `value`. */
const setField = (lines, line, index, value) => {
  const fields = lines[line - 1].split(",");
  fields[index] = value;
  lines[line - 1] = fields.join(",");
};

/** Seeds `lines` into a fresh store: expects a rejection matching every pattern, then checks nothing was stored. */
const expectRejected = async (t, lines, patterns) => {
  const dir = await makeTempDir(t);
  const path = join(dir, "candles.sqlite");
  const file = await writeCsv(dir, "bad.csv", lines);
  const error = await CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path }).then(
    () => assert.fail("seedFile resolved"),
    (error) => error
  );
  assert.ok(error instanceof Error);
  assert.ok(error.message.includes(file), `names the file: ${error.message}`);
  for (const pattern of patterns) {
    assert.match(error.message, pattern);
  }
  const read = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1m", since: new Date(SERIES_START), limit: 10, path,
  });
  assert.deepEqual(read, [], "not even the good rows before the bad one were stored");
  assert.equal(countRows(path, EXCHANGE, SYMBOL), 0);
};

test("a missing column is named (line 1)", async (t) => {
  const lines = spoiled((l) => {
    l[0] = "open_time,open,high,low,close";
    for (let i = 1; i < l.length; i++) l[i] = l[i].split(",").slice(0, 5).join(",");
  });
  await expectRejected(t, lines, [/line 1: /, /missing column volume/]);
});

test("an unparseable number names its line, column and text", async (t) => {
  await expectRejected(t, spoiled((l) => setField(l, 6, 2, "23150.7x")), [/line 6: /, /high must be a number, got "23150\.7x"/]);
  await expectRejected(t, spoiled((l) => setField(l, 3, 5, "")), [/line 3: /, /volume must be a number, got ""/]);
});

test("rows out of order name the line and both times", async (t) => {
  const lines = spoiled((l) => ([l[4], l[5]] = [l[5], l[4]]));
  await expectRejected(t, lines, [/line 6: /, /2023-03-01T00:03:00\.000Z comes before .*2023-03-01T00:04:00\.000Z/]);
});

test("a duplicate row names its line and time", async (t) => {
  const lines = spoiled((l) => l.splice(4, 0, l[3]));
  await expectRejected(t, lines, [/line 5: /, /duplicate open_time 2023-03-01T00:02:00\.000Z/]);
});

test("high below low names the line and both values", async (t) => {
  // line 4 is 2023-03-01 00:02: low 23136.83
  await expectRejected(t, spoiled((l) => setField(l, 4, 2, "23100")), [/line 4: /, /high 23100 < low 23136\.83/]);
});

test("open or close outside [low, high] and non-positive prices name the line and value", async (t) => {
  await expectRejected(t, spoiled((l) => setField(l, 2, 1, "23200")), [/line 2: /, /open 23200 outside \[low 23128\.52, high 23150\.77\]/]);
  await expectRejected(t, spoiled((l) => setField(l, 2, 4, "23100")), [/line 2: /, /close 23100 outside/]);
  await expectRejected(t, spoiled((l) => setField(l, 7, 3, "0")), [/line 7: /, /low must be positive, got 0/]);
  await expectRejected(t, spoiled((l) => setField(l, 7, 5, "-1")), [/line 7: /, /volume must be >= 0, got -1/]);
});

test("a bad open_time names the line and text", async (t) => {
  await expectRejected(t, spoiled((l) => setField(l, 3, 0, "2023-02-30 00:00:00+00:00")), [/line 3: /, /open_time .*got "2023-02-30 00:00:00\+00:00"/]);
  await expectRejected(t, spoiled((l) => setField(l, 3, 0, "yesterday")), [/line 3: /, /got "yesterday"/]);
  await expectRejected(t, spoiled((l) => setField(l, 11, 0, "2023-03-01 00:09:30+00:00")), [/line 11: /, /"2023-03-01 00:09:30\+00:00" is not aligned to 1m/]);
});

test("a row with a field too many or too few names the line", async (t) => {
  await expectRejected(t, spoiled((l) => (l[8] += ",1")), [/line 9: /, /expected 6 fields like the header, got 7/]);
});

test("a file that is not gzip-compressed text where gzip was expected names the file", async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, "broken.csv.gz");
  await writeFile(file, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]));
  await assert.rejects(
    CandleStore.seedFile(file, { exchangeName: EXCHANGE, symbol: SYMBOL, path: join(dir, "candles.sqlite") }),
    (error) => error.message.includes(`candle CSV ${file} could not be decompressed`)
  );
});

test("open times with a zone offset or Z are read as the UTC instant they name", async (t) => {
  const dir = await makeTempDir(t);
  const path = join(dir, "candles.sqlite");
  const lines = [
    "open_time,open,high,low,close,volume",
    "2023-03-01 02:00:00+02:00,1,1,1,1,1",
    "2023-03-01T00:01:00Z,2,2,2,2,2",
    "2023-03-01 00:02:00,3,3,3,3,3",
  ];
  await CandleStore.seedFile(await writeCsv(dir, "zones.csv", lines), { exchangeName: EXCHANGE, symbol: SYMBOL, path });
  const read = await CandleStore.read({
    exchangeName: EXCHANGE, symbol: SYMBOL, interval: "1m", since: new Date(SERIES_START), limit: 3, path,
  });
  assert.deepEqual(read.map((c) => [c.timestamp, c.open]), [[SERIES_START, 1], [SERIES_START + 60_000, 2], [SERIES_START + 120_000, 3]]);
});
