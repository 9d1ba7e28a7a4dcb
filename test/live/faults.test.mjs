import { test } from "node:test";
import assert from "node:assert/strict";
import { listenWarning, PersistScheduleAdapter, PersistSignalAdapter, setConfig } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { createSeriesExchange, MINUTE } from "../helpers/series.mjs";
import { addParityRun, backtestTrades, persistUnder, usePersistUnder, rehearse, tradeFacts } from "../helpers/liveParity.mjs";

const START = "2023-03-12T00:00:00.000Z";
const END = "2023-03-12T11:59:00.000Z";
const at = (iso) => Date.parse(iso);

setConfig({ CC_LIVE_CANDLE_POLL_MS: 5, CC_LIVE_CANDLE_WAIT_MS: 100 });

/**
 * The series exchange with faults on 1m replies: `late` candles are left out of the
 * first `lateAsks` replies that should hold them; `missing` ones never come; replies are
 * reversed (`reversed`) or have each candle twice (`twice`).
 */
const faultyExchange = ({ late = [], lateAsks = 3, missing = [], reversed = false, twice = false }) => {
  const base = createSeriesExchange("unused");
  const asks = new Map();
  return {
    ...base,
    getCandles: async (symbol, interval, since, limit) => {
      let candles = await base.getCandles(symbol, interval, since, limit);
      if (interval !== "1m") {
        return candles;
      }
      candles = candles.filter((candle) => {
        if (missing.includes(candle.timestamp)) {
          return false;
        }
        if (!late.includes(candle.timestamp)) {
          return true;
        }
        const count = (asks.get(candle.timestamp) ?? 0) + 1;
        asks.set(candle.timestamp, count);
        return count > lateAsks;
      });
      if (twice) {
        candles = candles.flatMap((candle) => [candle, { ...candle }]);
      }
      return reversed ? candles.slice().reverse() : candles;
    },
  };
};

/** Warnings of `kinds` raised while `run` runs. */
const collect = async (kinds, run) => {
  const seen = [];
  const stop = listenWarning((warning) => {
    if (kinds.includes(warning.kind)) {
      seen.push(warning);
    }
  });
  try {
    return { value: await run(), seen };
  } finally {
    stop();
  }
};

const useTempStores = async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
};

/** The paper trades of a rehearsal on `exchange` against the backtest of the period on the series. */
const compare = async (label, exchange) => {
  const clean = addParityRun(`${label}-clean`, START, END, "scheduledLimit");
  const expected = (await backtestTrades("BTCUSDT", clean))
    .filter((trade) => !trade.dataEnded && trade.closeTimestamp <= at(END))
    .map(tradeFacts);
  const names = addParityRun(label, START, END, "scheduledLimit", exchange);
  const results = await rehearse("BTCUSDT", names, START, END);
  return { expected, actual: results.filter((result) => result.action === "closed").map(tradeFacts), results };
};

test("candles that arrive late are waited for and said once each; the trades are the backtest's", async (t) => {
  await useTempStores(t);
  const late = [at("2023-03-12T02:10:00Z"), at("2023-03-12T05:00:00Z"), at("2023-03-12T09:31:00Z")];
  const { value, seen } = await collect(["live-candle-late", "live-gap"], () => compare("late", faultyExchange({ late })));
  assert.deepEqual(value.actual, value.expected);
  assert.ok(value.expected.length >= 3);
  assert.deepEqual(
    seen.map((warning) => [warning.kind, warning.details.candle]),
    late.map((candle) => ["live-candle-late", candle])
  );
});

test("replies out of order or with each candle twice change no trade", async (t) => {
  await useTempStores(t);
  for (const fault of [{ reversed: true }, { twice: true }]) {
    const { expected, actual } = await compare(`fault-${Object.keys(fault)[0]}`, faultyExchange(fault));
    assert.deepEqual(actual, expected, JSON.stringify(fault));
  }
});

test("a candle that never arrives is said as a gap after the bound, the run goes on, one result per tick", async (t) => {
  await useTempStores(t);
  const missing = at("2023-03-12T03:00:00Z");
  const names = addParityRun("gap", START, END, "scheduledLimit", faultyExchange({ missing: [missing] }));
  const { value: results, seen } = await collect(["live-candle-late", "live-gap"], () => rehearse("BTCUSDT", names, START, END));
  assert.deepEqual(
    seen.map((warning) => [warning.kind, warning.details.candle]),
    [
      ["live-candle-late", missing],
      ["live-gap", missing],
    ]
  );
  const ticks = results.filter((result) => result.action === "idle" || result.action === "active").map((result) => result.when);
  assert.equal(new Set(ticks).size, ticks.length, "no tick processed twice");
  const closed = results.filter((result) => result.action === "closed");
  assert.equal(new Set(closed.map((result) => result.signal.id)).size, closed.length, "no trade doubled");
  assert.ok(closed.length >= 3);
  const lastTick = Math.max(...ticks);
  assert.ok(lastTick >= at(END) - 10 * MINUTE, "the run reached the end of the period");
});
