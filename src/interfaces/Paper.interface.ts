/** How `Paper.run` (the `backtest-kit paper` command) trades a generated file's pick. */
export interface IPaperOptions {
  /** A strategy of the file, or "best": the best of the file's last walker run (default). */
  strategy?: string;
  /** Default: the symbol the file's walker runs on. */
  symbol?: string;
  /** Where the reports, trades.json and the run's state go (default ./dump/live). */
  out?: string;
  /** Rehearsal: the first tick (ISO); with `until`. Without it: paper trading on the wall clock. */
  from?: string;
  /** Rehearsal: the last tick (ISO). */
  until?: string;
  /** Rehearsal: times faster than real time (default: as fast as it goes). */
  speed?: number;
  /** Gets one status line per tick (position, open PnL, closed trades, next tick). */
  onStatus?: (line: string) => void;
  /** Stops a wall-clock run (Ctrl-C); its state stays stored, the next run resumes it. */
  signal?: AbortSignal;
}

/** One closed paper trade as trades.json lists it (times ISO). */
export interface IPaperTrade {
  strategyName: string;
  position: "long" | "short";
  openTime: string;
  closeTime: string;
  priceOpen: number;
  priceClose: number;
  pnlPercentage: number;
  closeReason: string;
}

/** The rehearsal's trades against the backtest of the same period, trade by trade. */
export interface IPaperParity {
  identical: number;
  total: number;
  /** One line per difference (empty when every trade is identical). */
  differences: string[];
  /** "parity: 12 of 12 trades identical", then each difference. */
  text: string;
}

/** What a paper run did and wrote. */
export interface IPaperResult {
  strategyName: string;
  symbol: string;
  trades: IPaperTrade[];
  /** The position still open at the end, if any. */
  open: { position: "long" | "short"; priceOpen: number; openTime: string } | null;
  /** Set for a rehearsal. */
  parity: IPaperParity | null;
  files: { report: string; html: string; trades: string };
  /**
   * Where the time went, in ms: importing the file, from the start of the live loop to its
   * first tick (loading a stored state included), the live loop, the parity backtest.
   */
  timings: { loadMs: number; firstTickMs: number | null; tradeMs: number; parityMs: number | null };
}
