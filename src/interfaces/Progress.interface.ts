/** Where progress is written: a terminal (one line redrawn in place) or any other stream. */
export interface IProgressStream {
  /** Writes text. */
  write(text: string): unknown;
  /** True on a terminal: the line is redrawn in place. */
  isTTY?: boolean;
  /** Terminal width; the line is cut to fit. */
  columns?: number;
}

/** Options of `showProgress`. */
export interface IProgressOptions {
  /** Where to write (default process.stderr). */
  stream?: IProgressStream;
  /** Least time between two plain lines when the stream is not a terminal (default 2000 ms). */
  intervalMs?: number;
}

/** What ClientProgress is constructed with. */
export interface IProgressParams {
  /** Where to write. */
  stream: IProgressStream;
  /** Least time between two plain lines off a terminal. */
  intervalMs: number;
  /** The clock, in ms. */
  now: () => number;
}
