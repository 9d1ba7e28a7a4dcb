// A child process of the candle store's multi-process tests:
//   node candleStoreChild.mjs '{"path": ..., "steps": [...]}'
// Opens the store and loads the series, sends "ready" over IPC, waits for any message, then runs the steps in
// order, sending {starting: i} before step i (once it is on the wire) and {results} at the end.
// A step is {seedFile, exchangeName, symbol} or {read: {exchangeName, symbol, interval, since, limit}},
// the read fetching from the real series and, like the runtime, asking again from the end of
// a short reply until it has `limit` candles (or a reply is empty).
import { CandleStore } from "../../build/index.mjs";
import { seriesFetch } from "./candleStore.mjs";
import { seriesOf } from "./series.mjs";

const job = JSON.parse(process.argv[2]);

/** Sends `message` to the parent and resolves once it is sent. */
const send = (message) => new Promise((resolve, reject) => process.send(message, (error) => (error ? reject(error) : resolve())));

/** Runs one step and returns what the parent checks. */
const run = async (step) => {
  if (step.seedFile !== undefined) {
    return await CandleStore.seedFile(step.seedFile, { exchangeName: step.exchangeName, symbol: step.symbol, path: job.path });
  }
  const candles = [];
  const step1m = 60_000;
  while (candles.length < step.read.limit) {
    const since = new Date(step.read.since + candles.length * step1m);
    const reply = await CandleStore.read({ ...step.read, since, limit: step.read.limit - candles.length, fetch: seriesFetch(), path: job.path });
    if (reply.length === 0) {
      break;
    }
    candles.push(...reply);
  }
  return { count: candles.length, first: candles[0]?.timestamp, last: candles[candles.length - 1]?.timestamp };
};

await CandleStore.read({ exchangeName: "-", symbol: "-", interval: "1m", since: new Date(0), limit: 1, path: job.path });
seriesOf("1m");
await send("ready");
await new Promise((resolve) => process.once("message", resolve));
const results = [];
for (const [index, step] of job.steps.entries()) {
  await send({ starting: index });
  results.push(await run(step));
}
await send({ results });
process.disconnect();
