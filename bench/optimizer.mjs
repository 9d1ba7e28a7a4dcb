import { cpus, totalmem } from "node:os";
import { addOptimizer, Optimizer } from "backtest-kit";

/** Rows the source holds, and how often the whole collection is repeated. */
const ROWS = 200_000;
const RUNS = 5;

const rows = Array.from({ length: ROWS }, (_, i) => ({
  id: i,
  timestamp: Date.UTC(2023, 2, 1) + i * 60_000,
  close: 20_000 + (i % 1000),
}));

let collected = 0;
let pages = 0;
addOptimizer({
  optimizerName: "bench-optimizer",
  rangeTrain: [{ startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-06-18T00:00:00Z") }],
  rangeTest: { startDate: new Date("2023-06-19T00:00:00Z"), endDate: new Date("2023-06-20T00:00:00Z") },
  source: [
    {
      name: "memory",
      fetch: async ({ limit, offset }) => {
        pages += 1;
        return rows.slice(offset, offset + limit);
      },
    },
  ],
  getPrompt: async () => "benchmark strategy",
  callbacks: { onSourceData: (symbol, name, data) => (collected = data.length) },
});

const timings = [];
for (let run = 0; run < RUNS; run++) {
  pages = 0;
  const start = process.hrtime.bigint();
  await Optimizer.getData("BTCUSDT", { optimizerName: "bench-optimizer" });
  timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (collected !== ROWS) {
    throw new Error(`collected ${collected} rows, expected ${ROWS}`);
  }
}

const sorted = [...timings].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`Optimizer.getData: ${ROWS.toLocaleString("en")} rows in ${pages} pages of 25, ${RUNS} runs`);
console.log(`wall time: median ${median.toFixed(0)} ms, best ${sorted[0].toFixed(0)} ms, worst ${sorted.at(-1).toFixed(0)} ms`);
console.log(`throughput: ${Math.round(ROWS / (median / 1000)).toLocaleString("en")} rows/s (median run)`);
console.log(`peak RSS: ${peakRssMb.toFixed(0)} MB`);
