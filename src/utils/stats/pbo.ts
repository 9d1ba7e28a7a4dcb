import { describeValue } from "../describeValue";

/** Options of probabilityOfBacktestOverfitting. */
export interface IPboOptions {
  /** Equal contiguous blocks the periods are cut into: even, 2..MAX_PBO_BLOCKS (default 16). */
  blocks?: number;
}

/** What probabilityOfBacktestOverfitting returns. */
export interface IPboResult {
  /** The share of combinations whose in-sample best ranks at or below the out-of-sample median (logit <= 0). */
  pbo: number;
  /** One logit per combination, in lexicographic order of the in-sample block sets. */
  logits: number[];
  /** C(blocks, blocks / 2): how many in-sample / out-of-sample splits were tried. */
  combinations: number;
}

/** The most blocks accepted: C(20, 10) = 184,756 combinations. */
export const MAX_PBO_BLOCKS = 20;

const CALLER = "probabilityOfBacktestOverfitting";

const fail = (field: string, problem: string, value: unknown): never => {
  throw new Error(`${CALLER}: ${field} ${problem}, got ${describeValue(value)}`);
};

/** Checks the matrix (rows of equal length >= 2, finite numbers); returns its width. */
const checkMatrix = (matrix: unknown): number => {
  if (!Array.isArray(matrix) || matrix.length === 0) {
    return fail("matrix", "must be a non-empty array of rows (one per period, one column per strategy)", matrix);
  }
  const width = Array.isArray(matrix[0]) ? matrix[0].length : -1;
  if (width < 2) {
    fail("matrix[0]", "must be an array of at least 2 strategies' returns", matrix[0]);
  }
  matrix.forEach((row: unknown, index) => {
    if (!Array.isArray(row) || row.length !== width) {
      fail(`matrix[${index}]`, `must be an array of ${width} returns like matrix[0]`, row);
    }
    (row as unknown[]).forEach((value, column) => {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        fail(`matrix[${index}][${column}]`, "must be a finite number", value);
      }
    });
  });
  return width;
};

/** Checks `blocks` against the rule and the matrix's rows; returns the rows per block. */
const checkBlocks = (blocks: unknown, rows: number): number => {
  if (!Number.isInteger(blocks) || (blocks as number) < 2 || (blocks as number) % 2 !== 0) {
    fail("options.blocks", "must be an even whole number >= 2", blocks);
  }
  if ((blocks as number) > MAX_PBO_BLOCKS) {
    fail("options.blocks", `must be at most ${MAX_PBO_BLOCKS} (C(blocks, blocks / 2) combinations)`, blocks);
  }
  const rowsPerBlock = Math.floor(rows / (blocks as number));
  if (rowsPerBlock < 1 || ((blocks as number) / 2) * rowsPerBlock < 2) {
    fail("matrix.length", `must be at least ${Math.max(blocks as number, 4)} rows for ${blocks} blocks (2 rows in each half)`, rows);
  }
  return rowsPerBlock;
};

/** Per block and strategy: the sum and the sum of squares of the returns less the strategy's shift. */
interface IBlockSums {
  sums: Float64Array;
  squares: Float64Array;
  shifts: Float64Array;
}

/**
 * Sums each block's rows once, per strategy; returns are shifted by the strategy's first
 * value so the sum of squares keeps its precision (variance does not change with a shift).
 */
const sumBlocks = (matrix: number[][], blocks: number, rowsPerBlock: number, width: number): IBlockSums => {
  const sums = new Float64Array(blocks * width);
  const squares = new Float64Array(blocks * width);
  const shifts = Float64Array.from(matrix[0]);
  for (let block = 0; block < blocks; block++) {
    for (let row = block * rowsPerBlock; row < (block + 1) * rowsPerBlock; row++) {
      const values = matrix[row];
      for (let column = 0; column < width; column++) {
        const value = values[column] - shifts[column];
        sums[block * width + column] += value;
        squares[block * width + column] += value * value;
      }
    }
  }
  return { sums, squares, shifts };
};

/**
 * Sharpe ratio of `count` returns from their shifted sum and sum of squares: mean /
 * sample standard deviation; with no spread, +Infinity, -Infinity or 0 by the mean's sign.
 */
export const sharpeOfSums = (sum: number, squares: number, count: number, shift: number): number => {
  const mean = sum / count + shift;
  const variance = Math.max(0, (squares - (sum * sum) / count) / (count - 1));
  if (variance === 0) {
    return mean > 0 ? Infinity : mean < 0 ? -Infinity : 0;
  }
  return mean / Math.sqrt(variance);
};

/** Every choice of `size` of `count` indices, in lexicographic order. */
const forEachCombination = (count: number, size: number, visit: (chosen: Int32Array) => void) => {
  const chosen = Int32Array.from({ length: size }, (_, index) => index);
  while (true) {
    visit(chosen);
    let position = size - 1;
    while (position >= 0 && chosen[position] === count - size + position) {
      position--;
    }
    if (position < 0) {
      return;
    }
    chosen[position]++;
    for (let next = position + 1; next < size; next++) {
      chosen[next] = chosen[next - 1] + 1;
    }
  }
};

/** The 1-based rank of `values[index]` among `values` (1 worst), equal values sharing their average rank. */
export const averageRank = (values: ArrayLike<number>, index: number): number => {
  let below = 0;
  let equal = 0;
  for (let other = 0; other < values.length; other++) {
    if (values[other] < values[index]) below++;
    else if (values[other] === values[index]) equal++;
  }
  return below + (equal + 1) / 2;
};

/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, Lopez de Prado and Zhu, 2017). `matrix` has one row per period and
 * one column per strategy (its returns). The first T - (T mod blocks) rows are cut into
 * `blocks` equal contiguous blocks; for each of the C(blocks, blocks / 2) choices of
 * in-sample blocks (the rest out of sample), the strategy with the highest in-sample
 * Sharpe ratio (mean / sample standard deviation; the first on ties) is ranked out of
 * sample (1 worst .. N best, ties averaged), w = rank / (N + 1), logit = ln(w / (1 - w)).
 * pbo is the share of logits <= 0: how often the in-sample best did no better than the
 * out-of-sample median. Each block is summed once, so a combination costs blocks x N,
 * not rows x N. Bad input (fewer than 2 strategies, odd or too many blocks, too few rows,
 * non-finite values) throws, naming the field and its value.
 *
 * @example
 * const { pbo, combinations } = probabilityOfBacktestOverfitting(hourlyReturns, { blocks: 16 });
 */
export function probabilityOfBacktestOverfitting(matrix: number[][], options: IPboOptions = {}): IPboResult {
  if (typeof options !== "object" || options === null) {
    fail("options", "must be an object", options);
  }
  const width = checkMatrix(matrix);
  const blocks = options.blocks ?? 16;
  const rowsPerBlock = checkBlocks(blocks, matrix.length);
  const { sums, squares, shifts } = sumBlocks(matrix, blocks, rowsPerBlock, width);
  const totalSums = new Float64Array(width);
  const totalSquares = new Float64Array(width);
  for (let block = 0; block < blocks; block++) {
    for (let column = 0; column < width; column++) {
      totalSums[column] += sums[block * width + column];
      totalSquares[column] += squares[block * width + column];
    }
  }
  const half = blocks / 2;
  const count = half * rowsPerBlock;
  const inSum = new Float64Array(width);
  const inSquares = new Float64Array(width);
  const outSharpe = new Float64Array(width);
  const logits: number[] = [];
  forEachCombination(blocks, half, (chosen) => {
    inSum.fill(0);
    inSquares.fill(0);
    for (const block of chosen) {
      for (let column = 0; column < width; column++) {
        inSum[column] += sums[block * width + column];
        inSquares[column] += squares[block * width + column];
      }
    }
    let best = 0;
    let bestSharpe = -Infinity;
    for (let column = 0; column < width; column++) {
      const sharpe = sharpeOfSums(inSum[column], inSquares[column], count, shifts[column]);
      if (sharpe > bestSharpe || column === 0) {
        best = column;
        bestSharpe = sharpe;
      }
      outSharpe[column] = sharpeOfSums(totalSums[column] - inSum[column], totalSquares[column] - inSquares[column], count, shifts[column]);
    }
    const w = averageRank(outSharpe, best) / (width + 1);
    logits.push(Math.log(w / (1 - w)));
  });
  return { pbo: logits.filter((logit) => logit <= 0).length / logits.length, logits, combinations: logits.length };
}
