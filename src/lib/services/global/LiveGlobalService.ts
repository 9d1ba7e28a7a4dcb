import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import LiveLogicPublicService from "../logic/LiveLogicPublicService";
import LiveMarkdownService from "../markdown/LiveMarkdownService";
import StrategyValidationService from "../validation/StrategyValidationService";
import ExchangeValidationService from "../validation/ExchangeValidationService";
import HtmlReportService from "../report/HtmlReportService";
import { RealClock } from "../../../client/live/LiveClock";
import { ILiveClock } from "../../../interfaces/Live.interface";
import { describeValue } from "../../../utils/describeValue";
import { assertNonEmptyString, isPlainObject } from "../../../utils/schemaChecks";
import { IReportTargetLookup, resolveDumpTarget, resolveReportTarget } from "../../../utils/report/resolveReportTarget";

/** Which schemas a live run uses. */
export interface ILiveContext {
  strategyName: string;
  exchangeName: string;
}

/** How a live run is driven: the clock (default: the wall clock) and the last tick of a rehearsal. */
export interface ILiveRunOptions {
  clock?: ILiveClock;
  /** The last tick to process (a Date or UTC ms); without it the run never ends by itself. */
  until?: Date | number;
  /**
   * True for a rehearsal over history (with `until`): every candle of the period exists
   * already, so they are read ahead in chunks as a backtest reads them (never handed out
   * before they close). Leave it off against an exchange whose candles still arrive.
   */
  history?: boolean;
}

/** The bound of a rehearsal in UTC ms (Infinity without one); a bad value is an error naming it. */
const readUntil = (source: string, until: Date | number | undefined) => {
  if (until === undefined) {
    return Infinity;
  }
  const time = until instanceof Date ? until.getTime() : until;
  if (typeof time !== "number" || !Number.isFinite(time)) {
    throw new Error(`${source}: options.until must be a Date or UTC milliseconds, got ${describeValue(until)}`);
  }
  return time;
};

/** Checks a clock object: now() and waitUntil(time, signal). */
const readClock = (source: string, clock: ILiveClock | undefined): ILiveClock => {
  if (clock === undefined) {
    return new RealClock();
  }
  if (typeof clock?.now !== "function" || typeof clock?.waitUntil !== "function") {
    throw new Error(`${source}: options.clock must have now() and waitUntil(time, signal), got ${describeValue(clock)}`);
  }
  return clock;
};

/** Entry point of live runs: checks the arguments and that every named schema exists. */
export class LiveGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly liveLogicPublicService = inject<LiveLogicPublicService>(TYPES.liveLogicPublicService);
  private readonly liveMarkdownService = inject<LiveMarkdownService>(TYPES.liveMarkdownService);
  private readonly strategyValidationService = inject<StrategyValidationService>(TYPES.strategyValidationService);
  private readonly exchangeValidationService = inject<ExchangeValidationService>(TYPES.exchangeValidationService);
  private readonly htmlReportService = inject<HtmlReportService>(TYPES.htmlReportService);

  /** Every tick's result of a live run, until `signal` aborts; throws at once on bad arguments. */
  public run = (symbol: string, context: ILiveContext, options: ILiveRunOptions = {}, signal = new AbortController().signal) => {
    const source = "Live.run";
    this.loggerService.info("liveGlobalService run", { symbol, context });
    assertNonEmptyString(symbol, "symbol", source);
    if (!isPlainObject(context)) {
      throw new Error(`${source}: context must be { strategyName, exchangeName }, got ${describeValue(context)}`);
    }
    if (!isPlainObject(options)) {
      throw new Error(`${source}: options must be { clock?, until?, history? }, got ${describeValue(options)}`);
    }
    this.strategyValidationService.validate(context.strategyName, source);
    this.exchangeValidationService.validate(context.exchangeName, source);
    const { clock: givenClock, until: givenUntil, history = false } = options as ILiveRunOptions;
    const clock = readClock(source, givenClock);
    const until = readUntil(source, givenUntil);
    if (typeof history !== "boolean" || (history && until === Infinity)) {
      throw new Error(`${source}: options.history must be a boolean, and true only with options.until, got ${describeValue(history)}`);
    }
    const methodContext = { strategyName: context.strategyName, exchangeName: context.exchangeName, frameName: "" };
    return this.liveLogicPublicService.run(symbol, methodContext, { clock, until, signal, readAhead: history });
  };

  /** Statistics of the strategy's live run on the symbol. */
  public getData = (symbol: string, strategyName: string) => {
    assertNonEmptyString(symbol, "symbol", "Live.getData");
    this.strategyValidationService.validate(strategyName, "Live.getData");
    return this.liveMarkdownService.getData(symbol, strategyName);
  };

  /** Markdown report of the strategy's live run on the symbol. */
  public getReport = (symbol: string, strategyName: string) => {
    assertNonEmptyString(symbol, "symbol", "Live.getReport");
    this.strategyValidationService.validate(strategyName, "Live.getReport");
    return this.liveMarkdownService.getReport(symbol, strategyName);
  };

  /** Writes the report to `dir`/STRATEGY.md (default ./dump/live) and returns the file's path. */
  public dump = async (symbol: string, strategyName: string, dir?: string) => {
    assertNonEmptyString(symbol, "symbol", "Live.dump");
    this.strategyValidationService.validate(strategyName, "Live.dump");
    return await this.liveMarkdownService.dump(symbol, strategyName, dir);
  };

  /** Writes the HTML report of the strategy's live run to `dir`/report.html (default ./dump/live) and returns its path. */
  public dumpHtml = async (symbol: string, strategyName: string, dir?: string) => {
    assertNonEmptyString(symbol, "symbol", "Live.dumpHtml");
    this.strategyValidationService.validate(strategyName, "Live.dumpHtml");
    return await this.htmlReportService.dumpLive(symbol, strategyName, dir);
  };

  private readonly targets: IReportTargetLookup = {
    kind: "strategy",
    has: (name) => this.strategyValidationService.has(name),
    validate: (name, method) => this.strategyValidationService.validate(name, method),
    symbolsOf: (name) => this.liveMarkdownService.symbolsOf(name),
  };

  /** [symbol, strategyName] of a call written as (symbol, strategyName) or (strategyName). */
  public resolveTarget = (method: string, first: string, second?: string) =>
    resolveReportTarget(this.targets, method, first, second);

  /** [symbol, strategyName, dir] of a dump call written as (symbol, strategyName, dir?) or (strategyName, dir?). */
  public resolveDumpTarget = (first: string, second?: string, third?: string) =>
    resolveDumpTarget(this.targets, "Live.dump", first, second, third);
}

export default LiveGlobalService;
