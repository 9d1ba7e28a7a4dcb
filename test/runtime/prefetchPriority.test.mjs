// Signal prefetch and the request pool: a request the run waits on goes before the
// requests of ticks asked for ahead, and a skipped tick's request that was not sent yet
// never reaches the model. Order and counts at a loopback model server, no timing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  addExchange,
  addFrame,
  addStrategy,
  askText,
  Backtest,
  getAveragePrice,
  listenDoneBacktest,
  setConfig,
} from "../../build/index.mjs";
import { createSeriesExchange } from "../helpers/series.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";

const SYMBOL = "BTCUSDT";
const EXCHANGE = "prefetch-priority-exchange";
const HOUR = 60 * 60_000;
const START = Date.parse("2023-03-13T00:00:00Z");
const SETTINGS = { CC_LLM_CONCURRENCY: 1, CC_SIGNAL_PREFETCH: 3 };
const RESTORE = { CC_LLM_CONCURRENCY: 4, CC_SIGNAL_PREFETCH: 8 };

addExchange(createSeriesExchange(EXCHANGE));

before(() => setConfig(SETTINGS));
after(() => setConfig(RESTORE));

const done = [];
listenDoneBacktest((event) => done.push(event));

/** A long for 150 minutes with levels far away: it closes at its time, covering the next two hourly ticks. */
const openLong = async (symbol) => {
  const price = await getAveragePrice(symbol);
  return { position: "long", priceTakeProfit: price * 1.1, priceStopLoss: price * 0.9, minuteEstimatedTime: 150 };
};

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and its resolver. */
const gate = () => {
  let open;
  const opened = new Promise((resolve) => (open = resolve));
  return { opened, open };
};

/**
 * A model server with one slot that answers "wait" to every tick's question and holds
 * the question "blocker" until `blocker.open()`: while it is held, the pool's only slot
 * is taken and every other request waits in the pool's queue.
 */
const startBlockedServer = async (t) => {
  const blocker = gate();
  const server = await startOllamaServer(
    async (body) => {
      const content = body.messages.at(-1).content;
      if (content === "blocker") {
        await blocker.opened;
      }
      return `answer to ${content}`;
    },
    { capacity: 1 }
  );
  t.after(async () => {
    blocker.open();
    await server.close();
  });
  const held = askText([{ role: "user", content: "blocker" }], { host: server.host, model: "m", cache: false });
  return { server, blocker, held };
};

const asked = (server) => server.requests.map((request) => request.body.messages.at(-1).content);
const tickQuestion = (when) => `tick ${when.toISOString()}`;

/** Closed trades of one backtest, as plain rows. */
const backtest = async (strategyName, frameName) => {
  const trades = [];
  for await (const trade of Backtest.run(SYMBOL, { strategyName, exchangeName: EXCHANGE, frameName })) {
    trades.push([trade.signal.scheduledAt, trade.closeTimestamp, trade.closeReason, trade.pnl.pnlPercentage]);
  }
  return trades;
};

test("the request of the tick the run waits on is sent before requests of ticks asked for ahead that queued earlier", async (t) => {
  addFrame({ frameName: "priority-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 4 * HOUR - 60_000) });
  const { server, blocker, held } = await startBlockedServer(t);
  addStrategy({
    strategyName: "priority-order",
    interval: "1h",
    prefetch: true,
    getSignal: async (symbol, when) => {
      const current = when.getTime() === START;
      if (current) {
        // the first tick asks last: its ticks ahead are already queued in the pool
        await pause(5);
      }
      const answer = askText([{ role: "user", content: tickQuestion(when) }], { host: server.host, model: "m", cache: false });
      if (current) {
        // timers run after every pending step of the ask: its request now waits in the queue too
        setTimeout(blocker.open, 0);
      }
      await answer;
      return null;
    },
  });
  const trades = await backtest("priority-order", "priority-frame");
  await held;
  assert.deepEqual(trades, []);
  const ticks = [0, 1, 2, 3].map((hour) => tickQuestion(new Date(START + hour * HOUR)));
  const sent = asked(server);
  assert.equal(sent[0], "blocker");
  assert.equal(sent[1], ticks[0], `the awaited tick goes first, before the ticks queued ahead of it: ${sent.join(", ")}`);
  assert.deepEqual([...sent.slice(1)].sort(), [...ticks].sort(), "every tick asked once");
  assert.deepEqual(done.at(-1).signalPrefetch, { useful: 3, speculative: 0, dropped: 0 });
});

test("the unsent requests of ticks skipped inside a position never reach the model; trades equal prefetch off", async (t) => {
  addFrame({ frameName: "skip-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 6 * HOUR - 60_000) });
  const { server, blocker, held } = await startBlockedServer(t);
  const INSIDE = [START + HOUR, START + 2 * HOUR]; // inside the position opened at START (150 minutes)
  const create = (strategyName) => ({
    strategyName,
    interval: "1h",
    getSignal: async (symbol, when) => {
      const time = when.getTime();
      if (time === START) {
        return await openLong(symbol);
      }
      if (INSIDE.includes(time)) {
        await askText([{ role: "user", content: tickQuestion(when) }], { host: server.host, model: "m", cache: false });
      }
      return null;
    },
  });
  addStrategy({ ...create("skip-on"), prefetch: true });
  addStrategy(create("skip-off"));

  const on = await backtest("skip-on", "skip-frame");
  const counts = done.at(-1).signalPrefetch;
  const off = await backtest("skip-off", "skip-frame");
  blocker.open();
  await held;
  assert.equal(on.length, 1);
  assert.deepEqual(on, off, "trade for trade");
  assert.deepEqual(asked(server), ["blocker"], "the skipped ticks' questions were dropped in the pool's queue");
  assert.equal(counts.dropped, 2, JSON.stringify(counts));
  assert.ok(counts.speculative >= 2, JSON.stringify(counts));
  assert.ok(counts.useful > 0, JSON.stringify(counts));
});

/** Resolves on the next timer turn: every step already started that awaits no timer or I/O has run by then. */
const settle = () => pause(0);

test("a tick asked for ahead moves up when the run reaches it: sent before the ticks another strategy asked ahead earlier", async (t) => {
  addFrame({ frameName: "promote-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 4 * HOUR - 60_000) });
  const { server, blocker, held } = await startBlockedServer(t);
  const early = gate();
  const reachedFirst = gate();
  const question = (name, when) => `${name} ${tickQuestion(when)}`;
  const create = (strategyName, atStart) => ({
    strategyName,
    interval: "1h",
    prefetch: true,
    getSignal: async (symbol, when) => {
      if (when.getTime() === START) {
        await atStart();
        return null;
      }
      await askText([{ role: "user", content: question(strategyName, when) }], { host: server.host, model: "m", cache: false });
      return null;
    },
  });
  // "early" asks its three ticks ahead first, and stays at its first tick until told
  addStrategy(create("promote-early", () => early.opened));
  // "late" asks its ticks ahead next, then leaves its first tick: its second is awaited now
  addStrategy(create("promote-late", async () => {
    await pause(5);
    reachedFirst.open();
  }));
  const earlyRun = backtest("promote-early", "promote-frame");
  await settle();
  const lateRun = backtest("promote-late", "promote-frame");
  await reachedFirst.opened;
  await settle();
  blocker.open();
  await held;
  await settle();
  early.open();
  await Promise.all([earlyRun, lateRun]);
  const sent = asked(server);
  assert.equal(sent[1], question("promote-late", new Date(START + HOUR)), `the reached tick goes first: ${sent.join(", ")}`);
  assert.equal(sent.length, 1 + 6, "each tick asked once");
});

test("a skipped tick's queued request that an awaited identical request joined is still sent, once, for the one who waits", async (t) => {
  addFrame({ frameName: "share-skip-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 6 * HOUR - 60_000) });
  addFrame({ frameName: "share-wait-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + HOUR - 60_000) });
  const { server, blocker, held } = await startBlockedServer(t);
  const SHARED = [{ role: "user", content: "shared question" }];
  const ask = () => askText(SHARED, { host: server.host, model: "m", cache: false });
  const opening = gate();
  const joined = gate();
  let askedAhead = false;
  addStrategy({
    strategyName: "share-skips",
    interval: "1h",
    prefetch: true,
    getSignal: async (symbol, when) => {
      const time = when.getTime();
      if (time === START) {
        await opening.opened;
        return await openLong(symbol);
      }
      if (time === START + HOUR) {
        askedAhead = true;
        await ask(); // inside the position: asked ahead, then skipped
      }
      return null;
    },
  });
  const answers = [];
  addStrategy({
    strategyName: "share-waits",
    interval: "1h",
    getSignal: async () => {
      const answer = ask();
      setTimeout(joined.open, 0);
      answers.push(await answer);
      return null;
    },
  });
  const skipRun = backtest("share-skips", "share-skip-frame");
  await settle();
  assert.ok(askedAhead, "the tick ahead asked before the other strategy");
  const waitRun = backtest("share-waits", "share-wait-frame");
  await joined.opened;
  opening.open();
  const skipTrades = await skipRun;
  const counts = done.at(-1).signalPrefetch;
  blocker.open();
  await held;
  await waitRun;
  assert.equal(skipTrades.length, 1);
  assert.deepEqual(answers, ["answer to shared question"]);
  assert.deepEqual(asked(server), ["blocker", "shared question"], "sent once, for both");
  assert.equal(counts.dropped, 0, `not dropped: an awaited request shares it (${JSON.stringify(counts)})`);
});

test("ticks asked for ahead send nothing while the run awaits no model request (as in a rerun whose answers are cached)", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 4 });
  t.after(() => setConfig(SETTINGS));
  addFrame({ frameName: "idle-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 6 * HOUR - 60_000) });
  const server = await startOllamaServer((body) => `answer to ${body.messages.at(-1).content}`);
  t.after(server.close);
  addStrategy({
    strategyName: "idle-ahead",
    interval: "1h",
    prefetch: true,
    getSignal: async (symbol, when) => {
      const time = when.getTime();
      if (time === START) {
        return await openLong(symbol);
      }
      if (time === START + HOUR || time === START + 2 * HOUR) {
        await askText([{ role: "user", content: tickQuestion(when) }], { host: server.host, model: "m", cache: false });
      }
      return null;
    },
  });
  const trades = await backtest("idle-ahead", "idle-frame");
  assert.equal(trades.length, 1);
  assert.equal(server.requests.length, 0, "free slots, but nothing awaited: the questions of the skipped ticks were never sent");
  assert.equal(done.at(-1).signalPrefetch.dropped, 2);
});

test("a prefetched call gets its model answer only when the run reaches its tick; a skipped tick's call throws, even when its answer came", async (t) => {
  setConfig({ CC_LLM_CONCURRENCY: 4 });
  t.after(() => setConfig(SETTINGS));
  addFrame({ frameName: "hold-frame", interval: "1m", startDate: new Date(START), endDate: new Date(START + 6 * HOUR - 60_000) });
  const AHEAD = tickQuestion(new Date(START + HOUR));
  /** Holds the first tick's answer until the question of the tick after it has been answered (with prefetch on). */
  const startServer = async (holdFirst) => {
    const answered = gate();
    const server = await startOllamaServer(async (body) => {
      const content = body.messages.at(-1).content;
      if (holdFirst && content === tickQuestion(new Date(START))) {
        await answered.opened;
      }
      if (content === AHEAD) {
        setTimeout(answered.open, 0);
      }
      return `answer to ${content}`;
    });
    t.after(async () => {
      answered.open();
      await server.close();
    });
    return server;
  };
  const run = async (name, prefetch) => {
    const server = await startServer(prefetch);
    const continued = [];
    const failed = [];
    addStrategy({
      strategyName: name,
      interval: "1h",
      prefetch,
      getSignal: async (symbol, when) => {
        try {
          await askText([{ role: "user", content: tickQuestion(when) }], { host: server.host, model: "m", cache: false });
        } catch (error) {
          failed.push([when.toISOString(), error.message]);
          throw error;
        }
        continued.push(when.toISOString());
        if (when.getTime() !== START) return null;
        return await openLong(symbol);
      },
    });
    const trades = await backtest(name, "hold-frame");
    return { trades, continued, failed, asked: asked(server) };
  };
  const off = await run("hold-off", false);
  const on = await run("hold-on", true);
  assert.ok(on.asked.includes(AHEAD), "the tick ahead was asked and answered before it was skipped");
  assert.deepEqual(on.trades, off.trades);
  assert.deepEqual(on.continued, off.continued, "code after askText ran for the reached ticks only, in their order");
  const skipped = on.failed.find(([when]) => when === new Date(START + HOUR).toISOString());
  assert.ok(skipped, JSON.stringify(on.failed));
  assert.match(skipped[1], /skipped/);
  assert.deepEqual(off.failed, []);
});
