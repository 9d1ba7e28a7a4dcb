import { ILogger } from "../../../interfaces/Logger.interface";

/** Discards everything: the library is silent unless a logger is set. */
const NOOP_LOGGER: ILogger = {
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
};

/**
 * The library's logger. Forwards to the user's logger (see `setLogger`), or to nothing.
 * A user logger that throws never breaks the library: its error is dropped.
 */
export class LoggerService implements ILogger {
  private _logger: ILogger = NOOP_LOGGER;

  /** General trace. */
  public log = (topic: string, ...args: any[]) => this.forward("log", topic, args);

  /** Detailed trace. */
  public debug = (topic: string, ...args: any[]) => this.forward("debug", topic, args);

  /** Milestones. */
  public info = (topic: string, ...args: any[]) => this.forward("info", topic, args);

  /** Recoverable problems. */
  public warn = (topic: string, ...args: any[]) => this.forward("warn", topic, args);

  /** Replaces the logger everything is forwarded to. */
  public setLogger = (logger: ILogger) => {
    this._logger = logger;
  };

  private forward(level: keyof ILogger, topic: string, args: any[]) {
    try {
      const pending: unknown = this._logger[level](topic, ...args);
      if (pending instanceof Promise) {
        pending.catch(() => undefined);
      }
    } catch {
      /* a broken user logger must not break a run */
    }
  }
}

export default LoggerService;
