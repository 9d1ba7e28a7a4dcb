// PBO benchmark: probabilityOfBacktestOverfitting over 20 strategies and 10,000 periods
// in 16 blocks (C(16, 8) = 12,870 in-sample / out-of-sample splits), against the naive
// way: recomputing every strategy's in-sample and out-of-sample Sharpe ratio from the raw
// rows for each split. The library sums each block once, so a split costs blocks x
// strategies instead of rows x strategies. The naive way is timed on its first 200 splits
// and scaled to all 12,870 (it would take minutes); both give the same logits there.
import { probabilityOfBacktestOverfitting } from "backtest-kit";
import { seededNormals } from "../test/helpers/random.mjs";

const RUNS = 7;
const PERIODS = 10_000;
const STRATEGIES = 20;
const BLOCKS = 16;
const NAIVE_SPLITS = 200;

const draw = seededNormals(42);
const matrix = Array.from({ length: PERIODS }, () => Array.from({ length: STRATEGIES }, () => draw() * 0.5 + 0.01));

/** Mean / sample standard deviation of one column over the given rows. */
const sharpeOfRows = (rows, column) => {
  let sum = 0;
  for (const row of rows) sum += matrix[row][column];
  const mean = sum / rows.length;
  let squares = 0;
  for (const row of rows) squares += (matrix[row][column] - mean) ** 2;
  return mean / Math.sqrt(squares / (rows.length - 1));
};

/** The naive CSCV: for each split, every Sharpe ratio from the raw rows. */
const naiveLogits = (splits) => {
  const rowsPerBlock = Math.floor(PERIODS / BLOCKS);
  const blockRows = (block) => Array.from({ length: rowsPerBlock }, (_, index) => block * rowsPerBlock + index);
  const logits = [];
  const chosen = Array.from({ length: BLOCKS / 2 }, (_, index) => index);
  for (let split = 0; split < splits; split++) {
    const inRows = chosen.flatMap(blockRows);
    const outRows = Array.from({ length: BLOCKS }, (_, block) => block).filter((block) => !chosen.includes(block)).flatMap(blockRows);
    const inSharpe = Array.from({ length: STRATEGIES }, (_, column) => sharpeOfRows(inRows, column));
    const outSharpe = Array.from({ length: STRATEGIES }, (_, column) => sharpeOfRows(outRows, column));
    const best = inSharpe.indexOf(Math.max(...inSharpe));
    const rank = outSharpe.filter((value) => value < outSharpe[best]).length + (outSharpe.filter((value) => value === outSharpe[best]).length + 1) / 2;
    const w = rank / (STRATEGIES + 1);
    logits.push(Math.log(w / (1 - w)));
    let position = chosen.length - 1;
    while (position >= 0 && chosen[position] === BLOCKS - chosen.length + position) position--;
    chosen[position]++;
    for (let next = position + 1; next < chosen.length; next++) chosen[next] = chosen[next - 1] + 1;
  }
  return logits;
};

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

const time = (run) => {
  const started = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
};

const ours = Array.from({ length: RUNS }, () => time(() => probabilityOfBacktestOverfitting(matrix, { blocks: BLOCKS })));
const naive = Array.from({ length: 3 }, () => time(() => naiveLogits(NAIVE_SPLITS)));
const { result } = ours[0];
const agree = naive[0].result.every((logit, index) => Math.abs(logit - result.logits[index]) < 1e-9);
const oursMs = median(ours.map((run) => run.ms));
const naiveMs = (median(naive.map((run) => run.ms)) * result.combinations) / NAIVE_SPLITS;

console.log(`PBO of ${STRATEGIES} strategies x ${PERIODS} periods, ${BLOCKS} blocks (${result.combinations} splits), median of ${RUNS}:`);
console.log(`  block sums (the library):  ${oursMs.toFixed(1)} ms   pbo ${result.pbo.toFixed(3)}`);
console.log(`  naive, raw rows per split: ${naiveMs.toFixed(0)} ms (${NAIVE_SPLITS} splits timed, scaled)`);
console.log(`  ratio: ${(naiveMs / oursMs).toFixed(0)}x faster; the same logits on the timed splits: ${agree ? "yes" : "NO"}`);
console.log(`  under 1 s: ${oursMs < 1000 ? "yes" : "NO"}`);
if (!agree) process.exitCode = 1;
