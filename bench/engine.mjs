// Engine benchmark: a walker of three strategies (EMA crossover 5m, 15m breakout,
// scheduled 1h limit entry) over 7 and 20 days of the real BTCUSDT 1m series, 1m frame.
// Each measurement runs in a fresh process (cold candle cache, as a user's first run);
// the figures are medians of RUNS processes. Loading the CSV and aggregating it into
// 5m/15m/1h candles (the exchange's own setup) is not timed, and a full GC runs before
// the clock starts so the setup's garbage is not charged to the engine. The process's CPU
// time over the same span is printed too: on a shared machine it moves less than the wall.
// Three settings: the defaults (the headline figure: the luck test is computed when a
// report or getData reads it, and this walk reads none), the defaults followed by the
// walker's report (which computes the three luck tests), and CC_LUCK_SIMULATIONS: 0.
const SETTINGS = {
  defaults: { config: {}, report: false },
  "defaults + Walker.getReport": { config: {}, report: true },
  "CC_LUCK_SIMULATIONS: 0": { config: { CC_LUCK_SIMULATIONS: 0 }, report: false },
};
import { spawnSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const RUNS = 5;
const FRAMES = {
  "7 days": ["2023-03-01T00:00:00Z", "2023-03-07T23:59:00Z"],
  "20 days": ["2023-03-01T00:00:00Z", "2023-03-20T23:59:00Z"],
};

/** One walker run in this process; prints its figures as JSON. */
const measureOnce = async (label, setting) => {
  const { addExchange, addFrame, addStrategy, addWalker, Walker, setConfig } = await import("backtest-kit");
  setConfig(SETTINGS[setting].config);
  const { createSeriesExchange, loadSeries, seriesOf } = await import("../test/helpers/series.mjs");
  const strategies = await import("../test/helpers/strategies.mjs");
  loadSeries();
  ["1m", "5m", "15m", "1h"].forEach(seriesOf);
  const [start, end] = FRAMES[label];
  const exchange = createSeriesExchange("bench-exchange");
  addExchange(exchange);
  addFrame({ frameName: "bench-frame", interval: "1m", startDate: new Date(start), endDate: new Date(end) });
  addStrategy(strategies.createEmaCrossStrategy("ema-cross-5m"));
  addStrategy(strategies.createBreakoutStrategy("breakout-15m"));
  addStrategy(strategies.createScheduledLimitStrategy("limit-1h"));
  addWalker({
    walkerName: "bench-walker",
    exchangeName: "bench-exchange",
    frameName: "bench-frame",
    strategies: ["ema-cross-5m", "breakout-15m", "limit-1h"],
  });
  globalThis.gc?.();
  const began = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const trades = {};
  for await (const step of Walker.run("BTCUSDT", { walkerName: "bench-walker" })) {
    trades[step.strategyName] = step.stats.totalSignals;
  }
  if (SETTINGS[setting].report) {
    await Walker.getReport("BTCUSDT", "bench-walker");
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const frameMinutes = (Date.parse(end) - Date.parse(start)) / 60_000 + 1;
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      frameMinutesPerSecond: (frameMinutes * 3) / seconds,
      getCandlesCalls: exchange.calls.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      trades,
    })
  );
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** RUNS fresh processes per frame; prints the medians. */
const main = () => {
  console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`engine: walker of 3 strategies on the BTCUSDT 1m series, 1m frame, median of ${RUNS} fresh processes`);
  for (const [setting, label] of Object.keys(SETTINGS).flatMap((setting) => Object.keys(FRAMES).map((label) => [setting, label]))) {
    const runs = Array.from({ length: RUNS }, () => {
      const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), label, setting], {
        encoding: "utf-8",
      });
      if (child.status !== 0) {
        throw new Error(`benchmark run failed: ${child.stderr}`);
      }
      return JSON.parse(child.stdout.trim().split("\n").at(-1));
    });
    const seconds = runs.map((run) => run.seconds);
    console.log(
      `${setting}, ${label}: wall ${(median(seconds) * 1000).toFixed(0)} ms (best ${(Math.min(...seconds) * 1000).toFixed(0)}, worst ${(Math.max(...seconds) * 1000).toFixed(0)}), ` +
        `CPU ${(median(runs.map((run) => run.cpuSeconds)) * 1000).toFixed(0)} ms, ` +
        `${Math.round(median(runs.map((run) => run.frameMinutesPerSecond))).toLocaleString("en")} frame-minutes/s, ` +
        `${runs[0].getCandlesCalls} getCandles calls, peak RSS ${median(runs.map((run) => run.peakRssMb)).toFixed(0)} MB, ` +
        `trades ${JSON.stringify(runs[0].trades)}`
    );
  }
};

if (process.argv[2]) {
  await measureOnce(process.argv[2], process.argv[3]);
} else {
  main();
}
