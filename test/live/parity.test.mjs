import { test } from "node:test";
import assert from "node:assert/strict";
import { PersistScheduleAdapter, PersistSignalAdapter } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { addParityRun, backtestTrades, persistUnder, usePersistUnder, rehearse, tradeFacts } from "../helpers/liveParity.mjs";

const START = "2023-03-10T00:00:00.000Z";
const END = "2023-03-10T23:59:00.000Z";

/** The backtest's trades that close within the rehearsal (a later close is a position still open in paper). */
const closedBy = (trades, end) => trades.filter((trade) => !trade.dataEnded && trade.closeTimestamp <= Date.parse(end));

const closedOf = (results) => results.filter((result) => result.action === "closed");

for (const [key, history] of [
  ["emaCross", false],
  ["breakout", false],
  ["scheduledLimit", false],
  ["emaCross", true],
  ["scheduledLimit", true],
]) {
  test(`a rehearsal of ${key} over a day${history ? " (history: read ahead, quiet ticks skipped)" : ""} gives the backtest's trades, one by one`, async (t) => {
    const dir = await makeTempDir(t);
    usePersistUnder(dir);
    const names = addParityRun("parity", START, END, key);
    const expected = closedBy(await backtestTrades("BTCUSDT", names), END).map(tradeFacts);
    assert.ok(expected.length >= 3, `the day has trades of ${key}`);
    const results = await rehearse("BTCUSDT", names, START, END, Infinity, history);
    assert.deepEqual(closedOf(results).map(tradeFacts), expected);
  });
}

for (const history of [false, true]) test(`a rehearsal${history ? " over history" : ""} stopped part-way and run again resumes: the trades are the uninterrupted run's`, async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const names = addParityRun("resume", START, END, "scheduledLimit");
  const expected = closedBy(await backtestTrades("BTCUSDT", names), END).map(tradeFacts);
  const part = history ? 10 : 400;
  const first = await rehearse("BTCUSDT", names, START, END, part, history);
  const second = await rehearse("BTCUSDT", names, START, END, part, history);
  const third = await rehearse("BTCUSDT", names, START, END, Infinity, history);
  assert.ok(closedOf(first).length > 0 && closedOf(third).length > 0, "trades closed in more than one part");
  const all = [...first, ...second, ...third];
  assert.deepEqual(closedOf(all).map(tradeFacts), expected);
  const state = await PersistSignalAdapter.readLiveState("BTCUSDT", names.strategyName);
  assert.deepEqual(state.trades.map(tradeFacts), expected, "the stored trades, neither lost nor doubled");
});
