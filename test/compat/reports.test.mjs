// backtest-kit 1.4 report call forms that name no symbol: Backtest.getData/getReport/dump
// ("my-strategy") and the walker's one-name forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as lib from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { at, series, setupBacktest, collect, uniq } from "../helpers/synthetic.mjs";

const { Backtest, Walker, addWalker } = lib;

const long = { position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 };
const TP = [100, 111, 94, 95];

/** A strategy with one take-profit trade, run on each of `symbols`. */
const ranOn = async (symbols) => {
  const setup = setupBacktest(lib, {
    label: "compat",
    candles: series({ rows: [100, 100, TP, 100, 100], tail: 30 }),
    endDate: at(4),
    signals: () => long,
  });
  for (const symbol of symbols) {
    await collect(Backtest.run(symbol, setup.ctx));
  }
  return setup;
};

test("1.4 Backtest.getData(strategyName) reads the one symbol the strategy ran on", async () => {
  const { strategyName } = await ranOn(["BTCUSDT"]);
  const stats = await Backtest.getData(strategyName);
  assert.ok(stats.totalSignals > 0);
  assert.deepEqual(stats, await Backtest.getData("BTCUSDT", strategyName));
});

test("1.4 Backtest.getReport(strategyName) is the report of that one symbol", async () => {
  const { strategyName } = await ranOn(["BTCUSDT"]);
  const report = await Backtest.getReport(strategyName);
  assert.match(report, new RegExp(`^# Backtest Report: ${strategyName}`));
  assert.equal(report, await Backtest.getReport("BTCUSDT", strategyName));
});

test("1.4 Backtest.dump(strategyName) and dump(strategyName, dir) write the report", async (t) => {
  const dir = await makeTempDir(t);
  const { strategyName } = await ranOn(["BTCUSDT"]);
  const path = await Backtest.dump(strategyName, dir);
  assert.equal(path, join(dir, `${strategyName}.md`));
  assert.equal(await readFile(path, "utf8"), await Backtest.getReport("BTCUSDT", strategyName));
  const other = await makeTempDir(t);
  assert.equal(await Backtest.dump("BTCUSDT", strategyName, other), join(other, `${strategyName}.md`));
  const previous = process.cwd();
  process.chdir(dir);
  try {
    assert.equal(await Backtest.dump(strategyName), join(dir, "dump", "backtest", `${strategyName}.md`));
  } finally {
    process.chdir(previous);
  }
});

test("a strategy that ran on several symbols: the one-name form lists them and says what to write", async () => {
  const { strategyName } = await ranOn(["BTCUSDT", "ETHUSDT"]);
  for (const call of [() => Backtest.getData(strategyName), () => Backtest.getReport(strategyName), () => Backtest.dump(strategyName)]) {
    await assert.rejects(call, (error) => {
      assert.match(error.message, /ran on 2 symbols \(BTCUSDT, ETHUSDT\)/);
      assert.match(error.message, new RegExp(`\\("BTCUSDT", "${strategyName}"\\) or `));
      return true;
    });
  }
  assert.ok((await Backtest.getData("ETHUSDT", strategyName)).totalSignals > 0);
});

test("a strategy that has not run: the one-name form says to run it or name the symbol", async () => {
  const setup = setupBacktest(lib, { label: "idle", candles: series({ rows: [100], tail: 5 }) });
  await assert.rejects(() => Backtest.getData(setup.strategyName), (error) => {
    assert.match(error.message, /^Backtest\.getData\(".*"\): strategy .* has not run on any symbol in this process/);
    assert.match(error.message, /Backtest\.getData\("BTCUSDT", /);
    return true;
  });
  await assert.rejects(() => Backtest.getReport(uniq("missing")), /strategy missing-\w+ not found/);
});

test("walker one-name forms: Walker.getData/getReport/dump(walkerName)", async (t) => {
  const dir = await makeTempDir(t);
  const { strategyName, exchangeName, frameName } = await ranOn(["BTCUSDT"]);
  const walkerName = uniq("walker");
  addWalker({ walkerName, exchangeName, frameName, strategies: [strategyName], metric: "totalPnl" });
  await assert.rejects(() => Walker.getData(walkerName), /walker walker-\w+ has not run on any symbol/);
  await collect(Walker.run("BTCUSDT", { walkerName }));
  const data = await Walker.getData(walkerName);
  assert.equal(data.symbol, "BTCUSDT");
  assert.equal(data.bestStrategy, strategyName);
  assert.equal(await Walker.getReport(walkerName), await Walker.getReport("BTCUSDT", walkerName));
  const path = await Walker.dump(walkerName, dir);
  assert.equal(await readFile(path, "utf8"), await Walker.getReport("BTCUSDT", walkerName));
  await collect(Walker.run("ETHUSDT", { walkerName }));
  await assert.rejects(() => Walker.getReport(walkerName), /ran on 2 symbols \(BTCUSDT, ETHUSDT\)/);
});
