import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addRisk,
  addStrategy,
  getCandles,
  lib,
  listenPartialLoss,
  listenPartialProfit,
  listenValidation,
  Live,
  PersistRiskAdapter,
  PersistSignalAdapter,
  ReplayClock,
} from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { addParityRun, backtestTrades, storedLongRow, tradeFacts, usePersistUnder } from "../helpers/liveParity.mjs";
import { createEmaCrossStrategy } from "../helpers/strategies.mjs";
import { uniqueName } from "../helpers/optimizer.mjs";

const START = "2023-03-10T00:00:00.000Z";
const END = "2023-03-10T23:59:00.000Z";

/** A live rehearsal of `strategyName` from `start` until `until`, at full speed, ended by `stop(result, results)`. */
const rehearseUntil = async (strategyName, exchangeName, start, until, stop = () => false) => {
  const results = [];
  const run = Live.run("BTCUSDT", { strategyName, exchangeName }, { clock: new ReplayClock(Date.parse(start), Infinity), until: new Date(until) });
  for await (const result of run) {
    results.push(result);
    if (stop(result, results)) {
      break;
    }
  }
  return results;
};

const closedOf = (results) => results.filter((result) => result.action === "closed");

/** A strategy that wants a long position at every 5 minutes, at the market. */
const alwaysLong = (strategyName, riskName) => ({
  strategyName,
  riskName,
  interval: "5m",
  getSignal: async (symbol) => {
    const [last] = await getCandles(symbol, "1m", 1);
    return { position: "long", priceTakeProfit: last.close * 1.01, priceStopLoss: last.close * 0.99, minuteEstimatedTime: 60 };
  },
});

/** A risk profile that refuses a signal while any position is open under it. */
const addOnePositionRisk = () => {
  const riskName = uniqueName("one-position");
  addRisk({
    riskName,
    validations: [
      ({ activePositionCount }) => {
        if (activePositionCount >= 1) {
          throw new Error(`a position is open already (${activePositionCount})`);
        }
      },
    ],
  });
  return riskName;
};

test("a live run stopped with a position open keeps it in its risk profile: after a restart the profile refuses another strategy's entry, and the trades are the backtest's", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const riskName = addOnePositionRisk();
  const names = addParityRun("live-risk", START, END, "emaCross");
  const strategyName = uniqueName("live-risk-ema");
  const otherName = uniqueName("live-risk-always");
  addStrategy({ ...createEmaCrossStrategy(strategyName), riskName });
  addStrategy(alwaysLong(otherName, riskName));
  const withRisk = { ...names, strategyName };
  const expected = (await backtestTrades("BTCUSDT", withRisk)).filter((trade) => !trade.dataEnded && trade.closeTimestamp <= Date.parse(END));
  assert.ok(expected.length >= 3, "the day has trades");

  const first = await rehearseUntil(strategyName, names.exchangeName, START, END, (result) => result.action === "opened");
  const opened = first.at(-1);
  assert.equal(opened.action, "opened");
  const stored = await PersistRiskAdapter.readPositionData(riskName);
  assert.deepEqual(
    stored.map(([key, position]) => [key, position.signal.id]),
    [[`${strategyName}:BTCUSDT`, opened.signal.id]],
    "the open position is in the risk store"
  );

  // A restart: the profile's portfolio is read again from its store.
  lib.riskGlobalService.clear(riskName);
  const refusals = [];
  const stopListening = listenValidation((error) => refusals.push(error.message));
  const lifetimeEnd = opened.signal.pendingAt + opened.signal.minuteEstimatedTime * 60_000;
  const other = await rehearseUntil(otherName, names.exchangeName, new Date(opened.signal.pendingAt).toISOString(), new Date(lifetimeEnd - 60_000));
  stopListening();
  assert.equal(closedOf(other).length + other.filter((result) => result.action === "opened").length, 0, "the other strategy never opened");
  const ownRefusals = refusals.filter((message) => message.includes(`risk ${riskName} refused`));
  assert.ok(ownRefusals.length > 0, "the other strategy's entry was refused");
  assert.ok(ownRefusals.every((message) => message.includes("1 open position(s)")), ownRefusals.join("\n"));

  lib.riskGlobalService.clear(riskName);
  const rest = await rehearseUntil(strategyName, names.exchangeName, START, END);
  assert.deepEqual([...first, ...rest].filter((result) => result.action === "closed").map(tradeFacts), expected.map(tradeFacts));
  const last = rest.filter((result) => result.action === "opened" || result.action === "closed").at(-1);
  const stillOpen = last.action === "opened" ? [[`${strategyName}:BTCUSDT`, last.signal.id]] : [];
  const left = await PersistRiskAdapter.readPositionData(riskName);
  assert.deepEqual(left.map(([key, position]) => [key, position.signal.id]), stillOpen, "closed positions left the store");
});

/** The milestones told for `strategyName`, as facts that do not depend on ids. */
const listenMilestones = (strategyName) => {
  const events = [];
  const record = (side) => (event) => {
    if (event.data.strategyName === strategyName) {
      events.push({ side, level: event.level, pendingAt: event.data.pendingAt, price: event.currentPrice, timestamp: event.timestamp, backtest: event.backtest });
    }
  };
  const stops = [listenPartialProfit(record("profit")), listenPartialLoss(record("loss"))];
  return { events, stop: () => stops.forEach((stop) => stop()) };
};

/** The milestones of a live rehearsal of `names` stopped three times right after a milestone (mid-position) and resumed each time. */
const interruptedMilestones = async (names) => {
  const interrupted = listenMilestones(names.strategyName);
  const stops = [];
  /** Stops at the first tick of an open position after a new milestone was told. */
  const stopAfterMilestone = (result) => {
    if (result.action === "active" && interrupted.events.length > (stops.at(-1) ?? 0)) {
      stops.push(interrupted.events.length);
      return true;
    }
    return false;
  };
  for (let part = 0; part < 3; part++) {
    await rehearseUntil(names.strategyName, names.exchangeName, START, END, stopAfterMilestone);
  }
  await rehearseUntil(names.strategyName, names.exchangeName, START, END);
  interrupted.stop();
  assert.equal(stops.length, 3, "stopped three times while a position was open");
  return interrupted.events;
};

/** The milestones of an uninterrupted live rehearsal of `names`. */
const wholeMilestones = async (names) => {
  const whole = listenMilestones(names.strategyName);
  await rehearseUntil(names.strategyName, names.exchangeName, START, END);
  whole.stop();
  return whole.events;
};

const keysOf = (events) => events.map((event) => `${event.pendingAt} ${event.side} ${event.level}`);

test("partial milestones of a live run stopped and resumed mid-position are those of an uninterrupted run, no level told twice", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const expected = await wholeMilestones(addParityRun("live-partial-whole", START, END, "emaCross"));
  assert.ok(expected.length >= 5, `the day has milestones (${expected.length})`);
  assert.ok(expected.every((event) => event.backtest === false));
  const events = await interruptedMilestones(addParityRun("live-partial-parts", START, END, "emaCross"));
  assert.deepEqual(events, expected);
  assert.equal(new Set(keysOf(events)).size, events.length, "no level twice for a signal");
});

test("two strategies on one symbol share its partial store: each one's resumed runs tell its milestones once, whatever the other writes", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const expected = await wholeMilestones(addParityRun("live-shared-whole", START, END, "emaCross"));
  const [first, second] = await Promise.all([
    interruptedMilestones(addParityRun("live-shared-a", START, END, "emaCross")),
    interruptedMilestones(addParityRun("live-shared-b", START, END, "emaCross")),
  ]);
  assert.deepEqual(first, expected);
  assert.deepEqual(second, expected);
});

test("a resumed run counts its open position in the risk profile even when the profile's store missed it (a 1.4 signal store)", async (t) => {
  const dir = await makeTempDir(t);
  usePersistUnder(dir);
  const riskName = addOnePositionRisk();
  const start = "2023-03-10T06:00:00.000Z";
  const names = addParityRun("live-risk-resume", start, END, "emaCross");
  const strategyName = uniqueName("live-risk-resume-ema");
  addStrategy({ ...createEmaCrossStrategy(strategyName), riskName });
  const pendingAt = Date.parse(start) - 10 * 60_000;
  const stored = { ...storedLongRow("stored-by-1.4", { exchangeName: names.exchangeName, strategyName }, { scheduledAt: pendingAt, pendingAt }), _isScheduled: false };
  await PersistSignalAdapter.writeSignalData(stored, "BTCUSDT", strategyName);
  assert.deepEqual(await PersistRiskAdapter.readPositionData(riskName), []);
  await rehearseUntil(strategyName, names.exchangeName, start, start);
  const positions = await PersistRiskAdapter.readPositionData(riskName);
  assert.deepEqual(
    positions.map(([key, position]) => [key, position.signal.id, position.openTimestamp]),
    [[`${strategyName}:BTCUSDT`, "stored-by-1.4", pendingAt]]
  );
});
