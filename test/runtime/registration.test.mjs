// Registration errors (field + value named, duplicates "already exist"), list*, setConfig.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as lib from "../../build/index.mjs";
import { T0, at, series, syntheticExchange, collect, uniq, DEFAULT_CONFIG } from "../helpers/synthetic.mjs";

const {
  addExchange, addFrame, addStrategy, addWalker, listExchanges, listFrames, listStrategies, listWalkers,
  setConfig, Walker,
} = lib;

after(() => setConfig({ ...DEFAULT_CONFIG }));

const exchange = (extra = {}) => ({ ...syntheticExchange(series({ tail: 30 })).schema, exchangeName: uniq("rex"), ...extra });
const frame = (extra = {}) => ({ frameName: uniq("rframe"), interval: "1m", startDate: new Date(T0), endDate: new Date(at(5)), ...extra });
const strategy = (extra = {}) => ({ strategyName: uniq("rstrat"), interval: "1m", getSignal: async () => null, ...extra });

/** assert.throws whose message matches every pattern. */
const throwsNaming = (fn, ...patterns) => {
  let caught = null;
  try { fn(); } catch (error) { caught = error; }
  assert.ok(caught, "expected a throw");
  assert.ok(caught instanceof Error, `threw a non-Error: ${caught}`);
  for (const pattern of patterns) {
    if (typeof pattern === "string") assert.ok(caught.message.includes(pattern), `message "${caught.message}" should include "${pattern}"`);
    else assert.match(caught.message, pattern);
  }
  return caught;
};

// ---------------------------------------------------------------- addExchange

test("addExchange: missing exchangeName names the field", () => {
  throwsNaming(() => addExchange(exchange({ exchangeName: undefined })), "exchangeName");
  throwsNaming(() => addExchange(exchange({ exchangeName: "" })), "exchangeName");
  throwsNaming(() => addExchange(exchange({ exchangeName: 42 })), "exchangeName", "42");
});

test("addExchange: non-function getCandles / formatPrice / formatQuantity name the field and value", () => {
  throwsNaming(() => addExchange(exchange({ getCandles: "nope" })), "getCandles", /nope|string/);
  throwsNaming(() => addExchange(exchange({ getCandles: undefined })), "getCandles", /undefined/);
  throwsNaming(() => addExchange(exchange({ formatPrice: 5 })), "formatPrice", /5|number/);
  throwsNaming(() => addExchange(exchange({ formatQuantity: null })), "formatQuantity", /null/);
});

test("addExchange: a non-object schema throws", () => {
  assert.throws(() => addExchange(null), Error);
  assert.throws(() => addExchange(undefined), Error);
});

test("addExchange: duplicate name -> already exist, and the first registration is kept", async () => {
  const first = exchange();
  addExchange(first);
  throwsNaming(() => addExchange({ ...exchange(), exchangeName: first.exchangeName }), "already exist", first.exchangeName);
  const listed = (await listExchanges()).filter((s) => s.exchangeName === first.exchangeName);
  assert.equal(listed.length, 1);
  assert.equal(listed[0].getCandles, first.getCandles);
});

test("a failed registration leaves nothing registered (the name is still free)", async () => {
  const name = uniq("rex-free");
  assert.throws(() => addExchange(exchange({ exchangeName: name, getCandles: "nope" })));
  assert.equal((await listExchanges()).some((s) => s.exchangeName === name), false);
  addExchange(exchange({ exchangeName: name }));
  assert.equal((await listExchanges()).some((s) => s.exchangeName === name), true);
});

// ---------------------------------------------------------------- addFrame

test("addFrame: missing frameName names the field", () => {
  throwsNaming(() => addFrame(frame({ frameName: undefined })), "frameName");
});

test("addFrame: invalid dates name the field", () => {
  throwsNaming(() => addFrame(frame({ startDate: new Date("not a date") })), "startDate", /Invalid Date|NaN|invalid/i);
  throwsNaming(() => addFrame(frame({ endDate: new Date(NaN) })), "endDate");
  throwsNaming(() => addFrame(frame({ startDate: "2024-01-01" })), "startDate", "2024-01-01");
  throwsNaming(() => addFrame(frame({ endDate: undefined })), "endDate", /undefined/);
});

test("addFrame: endDate before startDate names both", () => {
  const e = throwsNaming(() => addFrame(frame({ startDate: new Date(at(10)), endDate: new Date(at(5)) })), "endDate");
  assert.ok(e.message.includes("startDate") || e.message.includes(new Date(at(10)).toISOString()), e.message);
});

test("addFrame: unknown interval names the field and value; 12h, 1d, 3d are accepted", () => {
  throwsNaming(() => addFrame(frame({ interval: "2m" })), "interval", "2m");
  throwsNaming(() => addFrame(frame({ interval: "1w" })), "interval", "1w");
  throwsNaming(() => addFrame(frame({ interval: undefined })), "interval");
  for (const interval of ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d"]) {
    assert.doesNotThrow(() => addFrame(frame({ interval })), interval);
  }
});

test("addFrame: duplicate name -> already exist", () => {
  const f = frame();
  addFrame(f);
  throwsNaming(() => addFrame(frame({ frameName: f.frameName })), "already exist", f.frameName);
});

// ---------------------------------------------------------------- addStrategy

test("addStrategy: missing name, non-function getSignal name the field", () => {
  throwsNaming(() => addStrategy(strategy({ strategyName: undefined })), "strategyName");
  throwsNaming(() => addStrategy(strategy({ getSignal: "soon" })), "getSignal", /soon|string/);
  throwsNaming(() => addStrategy(strategy({ getSignal: undefined })), "getSignal");
});

test("addStrategy: unknown interval names the field and value (frame-only and bogus intervals rejected)", () => {
  throwsNaming(() => addStrategy(strategy({ interval: "2m" })), "interval", "2m");
  throwsNaming(() => addStrategy(strategy({ interval: "2h" })), "interval", "2h");
  throwsNaming(() => addStrategy(strategy({ interval: "1d" })), "interval", "1d");
  for (const interval of ["1m", "3m", "5m", "15m", "30m", "1h"]) {
    assert.doesNotThrow(() => addStrategy(strategy({ interval })), interval);
  }
});

test("addStrategy: duplicate name -> already exist", () => {
  const s = strategy();
  addStrategy(s);
  throwsNaming(() => addStrategy(strategy({ strategyName: s.strategyName })), "already exist", s.strategyName);
});

// ---------------------------------------------------------------- addWalker

/** Either addWalker throws naming `name`, or Walker.run fails at start naming it. */
const failsNaming = async (schema, name) => {
  let caught = null;
  try {
    addWalker(schema);
  } catch (error) {
    caught = error;
  }
  if (!caught) {
    try {
      await collect(Walker.run("BTCUSDT", { walkerName: schema.walkerName }));
    } catch (error) {
      caught = error;
    }
  }
  assert.ok(caught instanceof Error, "addWalker or Walker.run fails");
  assert.ok(caught.message.includes(name), `message "${caught.message}" names ${name}`);
};

const registered = () => {
  const ex = exchange();
  addExchange(ex);
  const f = frame();
  addFrame(f);
  const s = strategy();
  addStrategy(s);
  return { exchangeName: ex.exchangeName, frameName: f.frameName, strategyName: s.strategyName };
};

test("addWalker: unknown exchange / frame / strategy is an error naming it", async () => {
  const ok = registered();
  const missingExchange = uniq("no-such-exchange");
  await failsNaming({ walkerName: uniq("rw"), exchangeName: missingExchange, frameName: ok.frameName, strategies: [ok.strategyName] }, missingExchange);
  const missingFrame = uniq("no-such-frame");
  await failsNaming({ walkerName: uniq("rw"), exchangeName: ok.exchangeName, frameName: missingFrame, strategies: [ok.strategyName] }, missingFrame);
  const missingStrategy = uniq("no-such-strategy");
  await failsNaming({ walkerName: uniq("rw"), exchangeName: ok.exchangeName, frameName: ok.frameName, strategies: [ok.strategyName, missingStrategy] }, missingStrategy);
});

test("addWalker: missing walkerName, bad strategies, unknown metric name the field", () => {
  const ok = registered();
  const base = { walkerName: uniq("rw"), exchangeName: ok.exchangeName, frameName: ok.frameName, strategies: [ok.strategyName] };
  throwsNaming(() => addWalker({ ...base, walkerName: undefined }), "walkerName");
  throwsNaming(() => addWalker({ ...base, walkerName: uniq("rw"), strategies: "nope" }), "strategies");
  throwsNaming(() => addWalker({ ...base, walkerName: uniq("rw"), metric: "profitFactor" }), "metric", "profitFactor");
});

test("addWalker: duplicate name -> already exist", () => {
  const ok = registered();
  const schema = { walkerName: uniq("rw"), exchangeName: ok.exchangeName, frameName: ok.frameName, strategies: [ok.strategyName] };
  addWalker(schema);
  throwsNaming(() => addWalker({ ...schema }), "already exist", schema.walkerName);
});

test("Backtest.run with an unknown strategy / exchange / frame fails naming it", async () => {
  const ok = registered();
  for (const [field, name] of [["strategyName", uniq("no-strat")], ["exchangeName", uniq("no-ex")], ["frameName", uniq("no-frame")]]) {
    await assert.rejects(
      async () => collect(lib.Backtest.run("BTCUSDT", { ...ok, [field]: name })),
      (error) => error instanceof Error && error.message.includes(name),
    );
  }
});

// ---------------------------------------------------------------- list*

test("list* return the registered schemas", async () => {
  const ex = exchange();
  addExchange(ex);
  const f = frame({ interval: "5m" });
  addFrame(f);
  const s = strategy({ interval: "15m" });
  addStrategy(s);
  const w = { walkerName: uniq("rw"), exchangeName: ex.exchangeName, frameName: f.frameName, strategies: [s.strategyName], metric: "winRate" };
  addWalker(w);

  const exchanges = await listExchanges();
  assert.ok(Array.isArray(exchanges));
  const e = exchanges.find((x) => x.exchangeName === ex.exchangeName);
  assert.ok(e);
  assert.equal(e.getCandles, ex.getCandles);
  const fr = (await listFrames()).find((x) => x.frameName === f.frameName);
  assert.ok(fr);
  assert.equal(fr.interval, "5m");
  assert.equal(new Date(fr.startDate).getTime(), T0);
  assert.equal(new Date(fr.endDate).getTime(), at(5));
  const st = (await listStrategies()).find((x) => x.strategyName === s.strategyName);
  assert.ok(st);
  assert.equal(st.interval, "15m");
  assert.equal(st.getSignal, s.getSignal);
  const wk = (await listWalkers()).find((x) => x.walkerName === w.walkerName);
  assert.ok(wk);
  assert.deepEqual([...wk.strategies], [s.strategyName]);
  assert.equal(wk.metric, "winRate");
});

// ---------------------------------------------------------------- setConfig

test("setConfig: unknown key throws naming it", () => {
  throwsNaming(() => setConfig({ CC_NOT_A_KEY: 1 }), "CC_NOT_A_KEY");
});

test("setConfig: bad values (NaN, negative, string) throw naming key and value", () => {
  throwsNaming(() => setConfig({ CC_PERCENT_FEE: NaN }), "CC_PERCENT_FEE", "NaN");
  throwsNaming(() => setConfig({ CC_GET_CANDLES_RETRY_COUNT: -1 }), "CC_GET_CANDLES_RETRY_COUNT", "-1");
  throwsNaming(() => setConfig({ CC_SCHEDULE_AWAIT_MINUTES: "5" }), "CC_SCHEDULE_AWAIT_MINUTES", "5");
  throwsNaming(() => setConfig({ CC_GET_SIGNAL_TIMEOUT_MS: -100 }), "CC_GET_SIGNAL_TIMEOUT_MS", "-100");
  throwsNaming(() => setConfig({ CC_AVG_PRICE_CANDLES_COUNT: null }), "CC_AVG_PRICE_CANDLES_COUNT", "null");
});

test("setConfig: accepts valid values, and a rejected call changes nothing", async () => {
  assert.doesNotThrow(() => setConfig({ CC_PERCENT_FEE: 0, CC_PERCENT_SLIPPAGE: 0 }));
  assert.doesNotThrow(() => setConfig({ CC_SCHEDULE_AWAIT_MINUTES: 10, CC_GET_CANDLES_RETRY_DELAY_MS: 1 }));
  assert.doesNotThrow(() => setConfig({ ...DEFAULT_CONFIG }));
  // a call mixing a valid and an invalid key must not half-apply: fee stays at the default 0.1
  assert.throws(() => setConfig({ CC_PERCENT_FEE: 0, CC_PERCENT_SLIPPAGE: "x" }));
  const { strategyName, exchangeName, frameName } = (() => {
    const ex = exchange({ getCandles: syntheticExchange(series({ rows: [[100, 111, 100, 100]], tail: 30 })).schema.getCandles });
    addExchange(ex);
    const f = frame({ startDate: new Date(T0), endDate: new Date(T0) });
    addFrame(f);
    let n = 0;
    const s = strategy({ getSignal: async () => (n++ === 0 ? { position: "long", priceTakeProfit: 110, priceStopLoss: 90, minuteEstimatedTime: 60 } : null) });
    addStrategy(s);
    return { strategyName: s.strategyName, exchangeName: ex.exchangeName, frameName: f.frameName };
  })();
  const results = await collect(lib.Backtest.run("BTCUSDT", { strategyName, exchangeName, frameName }));
  assert.equal(results.length, 1);
  // default fee/slippage: 9.5802..., not 10
  assert.ok(Math.abs(results[0].pnl.pnlPercentage - 9.580219780219781) < 1e-9, `pnl ${results[0].pnl.pnlPercentage}`);
});
