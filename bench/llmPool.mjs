// LLM request pool benchmark: 48 different questions asked at once through askText
// against a loopback Ollama-protocol model that takes 200 ms an answer and computes at
// most 8 answers at once (the rest queue at the server), with CC_LLM_CONCURRENCY 1
// (one request at a time, the library before the pool), 4 (the default) and 8; then the
// same 48 questions asked 4 times each at once (identical requests in flight are shared).
// The cache is off, so every run asks the model. Answers must be identical in all runs.
import { cpus, totalmem } from "node:os";
import { askText, setConfig } from "backtest-kit";
import { startOllamaServer } from "../test/helpers/ollamaServer.mjs";

const LATENCY_MS = 200;
const SERVER_SLOTS = 8;
const QUESTIONS = 48;

/** A model that answers after LATENCY_MS of work, at most SERVER_SLOTS answers at a time. */
const createModel = () => {
  let busy = 0;
  const queue = [];
  const work = async () => {
    if (busy >= SERVER_SLOTS) await new Promise((resolve) => queue.push(resolve));
    busy += 1;
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    busy -= 1;
    queue.shift()?.();
  };
  return async (body) => {
    await work();
    return `answer to ${body.messages[0].content}`;
  };
};

/** Asks `copies` x QUESTIONS questions at once with CC_LLM_CONCURRENCY `concurrency`. */
const measure = async (concurrency, copies = 1) => {
  const server = await startOllamaServer(createModel());
  setConfig({ CC_LLM_CONCURRENCY: concurrency });
  try {
    const began = process.hrtime.bigint();
    const answers = await Promise.all(
      Array.from({ length: QUESTIONS * copies }, (_, i) =>
        askText([{ role: "user", content: `question ${i % QUESTIONS}` }], { host: server.host, model: "bench", cache: false })
      )
    );
    const ms = Number(process.hrtime.bigint() - began) / 1e6;
    return { concurrency, copies, ms, requests: server.requests.length, peak: server.peakInFlight(), answers: answers.slice(0, QUESTIONS) };
  } finally {
    await server.close();
  }
};

const runs = [await measure(1), await measure(4), await measure(8), await measure(4, 4)];
const [sequential] = runs;
console.log(`LLM pool benchmark: ${QUESTIONS} questions at once, loopback model ${LATENCY_MS} ms an answer, at most ${SERVER_SLOTS} at once`);
console.log(`  machine: ${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
for (const run of runs) {
  const label = run.copies === 1 ? `CC_LLM_CONCURRENCY ${run.concurrency}` : `CC_LLM_CONCURRENCY ${run.concurrency}, each asked ${run.copies}x at once`;
  console.log(
    `  ${label.padEnd(46)} ${String(run.requests).padStart(3)} requests, peak ${run.peak} in flight, ${(run.ms / 1000).toFixed(2)} s, ${(sequential.ms / run.ms).toFixed(1)}x`
  );
}
const identical = runs.every((run) => JSON.stringify(run.answers) === JSON.stringify(sequential.answers));
const ok = identical && sequential.ms / runs[1].ms >= 3 && runs[3].requests === QUESTIONS;
console.log(`  answers identical: ${identical}; target (default >= 3x sequential, shared copies asked once): ${ok ? "met" : "NOT met"}`);
