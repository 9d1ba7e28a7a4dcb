import { test } from "node:test";
import assert from "node:assert/strict";
import { addExchange, addFrame, addStrategy, addWalker, addOptimizer, Optimizer, Walker, showProgress } from "backtest-kit";
import { createSeriesExchange } from "../helpers/series.mjs";
import { createBreakoutStrategy, createEmaCrossStrategy } from "../helpers/strategies.mjs";
import { validSchema } from "../helpers/optimizer.mjs";

/** A stream that keeps what is written. */
const captureStream = (extra = {}) => {
  const writes = [];
  return { writes, write: (text) => writes.push(text), ...extra };
};

let walkers = 0;

/** Registers a two-strategy walker over one day of the real series; returns its name. */
const registerWalker = () => {
  walkers += 1;
  const names = { exchangeName: `progress-ex-${walkers}`, frameName: `progress-frame-${walkers}`, walkerName: `progress-walker-${walkers}` };
  const strategies = [`progress-ema-${walkers}`, `progress-breakout-${walkers}`];
  addExchange(createSeriesExchange(names.exchangeName));
  addFrame({ frameName: names.frameName, interval: "1m", startDate: new Date("2023-03-10T00:00:00Z"), endDate: new Date("2023-03-11T00:00:00Z") });
  addStrategy(createEmaCrossStrategy(strategies[0]));
  addStrategy(createBreakoutStrategy(strategies[1]));
  addWalker({ ...names, strategies });
  return names.walkerName;
};

const percents = (lines) => lines.map((line) => Number(/(\d+\.\d)%/.exec(line)[1]));

test("off a terminal: plain lines with bar, percentage and ETA, from 0 to 100% of the walker, then done", async () => {
  const walkerName = registerWalker();
  const stream = captureStream();
  const stop = showProgress({ stream, intervalMs: 0 });
  for await (const _ of Walker.run("BTCUSDT", { walkerName }));
  stop();
  const lines = stream.writes.join("").split("\n").filter(Boolean);
  const walkerLines = lines.filter((line) => line.includes(`walker ${walkerName} BTCUSDT`));
  assert.ok(walkerLines.length > 10, `${walkerLines.length} walker lines`);
  assert.ok(lines.every((line) => /^\[[#-]{24}\] +\d+\.\d% /.test(line)), lines.find((line) => !/^\[/.test(line)));
  const values = percents(walkerLines.slice(walkerLines.findIndex((line) => line.includes("strategy 2/2"))));
  assert.deepEqual(values, [...values].sort((a, b) => a - b), "the walker's bar never goes back within a run");
  assert.match(walkerLines.at(-1), /\[#{24}\] 100\.0% walker .*: 2\/2 strategies done in \d+:\d\d$/);
  assert.ok(walkerLines.some((line) => /strategy 2\/2 progress-breakout-\d+, \d+\/\d+ frames ETA \d+:\d\d$/.test(line)));
});

test("off a terminal, lines are spaced by intervalMs: the first and the last line of each job still come", async () => {
  const walkerName = registerWalker();
  const stream = captureStream();
  const stop = showProgress({ stream, intervalMs: 3_600_000 });
  for await (const _ of Walker.run("BTCUSDT", { walkerName }));
  stop();
  const lines = stream.writes.join("").split("\n").filter(Boolean);
  assert.ok(lines.length <= 6, lines.join("\n"));
  assert.match(lines.at(-1), /100\.0% walker .*: 2\/2 strategies done in/);
});

test("on a terminal: one line redrawn in place, cut to the width, ended once with a newline", async () => {
  const walkerName = registerWalker();
  const stream = captureStream({ isTTY: true, columns: 60 });
  const stop = showProgress({ stream });
  for await (const _ of Walker.run("BTCUSDT", { walkerName }));
  stop();
  assert.ok(stream.writes.length > 10);
  const redraws = stream.writes.filter((text) => text.startsWith("\r\x1b[2K"));
  assert.ok(redraws.length >= stream.writes.length - 2);
  for (const text of redraws) {
    assert.ok(text.replace("\r\x1b[2K", "").replace("\n", "").length <= 59, JSON.stringify(text));
  }
  assert.ok(stream.writes.at(-1).endsWith("\n"));
  assert.match(stream.writes.at(-1), /100\.0%/);
});

test("optimizer sources are shown too, and bad options are rejected naming the field", async () => {
  const schema = validSchema();
  addOptimizer(schema);
  const stream = captureStream();
  const stop = showProgress({ stream, intervalMs: 0 });
  await Optimizer.getData("BTCUSDT", { optimizerName: schema.optimizerName });
  stop();
  const lines = stream.writes.join("").split("\n").filter(Boolean);
  assert.match(lines[0], /0\.0% optimizer .* BTCUSDT: 0\/2 sources ETA --:--$/);
  assert.match(lines.at(-1), /100\.0% optimizer .* BTCUSDT: 2\/2 sources done in/);
  assert.throws(() => showProgress({ stream: 42 }), /showProgress: options\.stream must have a write function, got 42/);
  assert.throws(() => showProgress({ intervalMs: -1 }), /showProgress: options\.intervalMs must be a whole number of ms >= 0, got -1/);
});
