/**
 * A logger the library writes its diagnostics to. Swap one in with `setLogger`;
 * by default nothing is printed.
 */
export interface ILogger {
  /** General trace of what the library is doing. */
  log(topic: string, ...args: any[]): void;
  /** Detailed trace, useful when debugging a run. */
  debug(topic: string, ...args: any[]): void;
  /** Milestones a user may want to see (a file written, a run finished). */
  info(topic: string, ...args: any[]): void;
  /** Something went wrong but the library carried on. */
  warn(topic: string, ...args: any[]): void;
}
