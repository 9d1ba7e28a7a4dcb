import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import WalkerLogicService from "../logic/WalkerLogicService";
import WalkerMarkdownService from "../markdown/WalkerMarkdownService";
import WalkForwardMarkdownService from "../markdown/WalkForwardMarkdownService";
import WalkerSchemaService from "../schema/WalkerSchemaService";
import WalkerValidationService from "../validation/WalkerValidationService";
import StrategyValidationService from "../validation/StrategyValidationService";
import ExchangeValidationService from "../validation/ExchangeValidationService";
import FrameValidationService from "../validation/FrameValidationService";
import HtmlReportService from "../report/HtmlReportService";
import { NEVER_STOP, StopCheck } from "../logic/BacktestLogicPrivateService";
import { assertNonEmptyString } from "../../../utils/schemaChecks";
import { IReportTargetLookup, resolveDumpTarget, resolveReportTarget } from "../../../utils/report/resolveReportTarget";
import { describeValue } from "../../../utils/describeValue";
import { WalkerName } from "../../../interfaces/Walker.interface";

/**
 * Entry point of walkers: checks the arguments, and before anything runs, that the
 * walker, its exchange, its frame and every one of its strategies exist.
 */
export class WalkerGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly walkerLogicService = inject<WalkerLogicService>(TYPES.walkerLogicService);
  private readonly walkerMarkdownService = inject<WalkerMarkdownService>(TYPES.walkerMarkdownService);
  private readonly walkerSchemaService = inject<WalkerSchemaService>(TYPES.walkerSchemaService);
  private readonly walkForwardMarkdownService = inject<WalkForwardMarkdownService>(TYPES.walkForwardMarkdownService);
  private readonly walkerValidationService = inject<WalkerValidationService>(TYPES.walkerValidationService);
  private readonly strategyValidationService = inject<StrategyValidationService>(TYPES.strategyValidationService);
  private readonly exchangeValidationService = inject<ExchangeValidationService>(TYPES.exchangeValidationService);
  private readonly frameValidationService = inject<FrameValidationService>(TYPES.frameValidationService);
  private readonly htmlReportService = inject<HtmlReportService>(TYPES.htmlReportService);

  /** One WalkerContract per completed strategy; throws at once on unknown names. */
  public run = (symbol: string, walkerName: WalkerName, shouldStop: StopCheck = NEVER_STOP) => {
    const source = `walker ${walkerName}`;
    this.loggerService.info("walkerGlobalService run", { symbol, walkerName });
    assertNonEmptyString(symbol, "symbol", "Walker.run");
    this.walkerValidationService.validate(walkerName, "Walker.run");
    const { exchangeName, frameName, strategies } = this.walkerSchemaService.get(walkerName);
    this.exchangeValidationService.validate(exchangeName, source);
    this.frameValidationService.validate(frameName, source);
    strategies.forEach((strategyName) => this.strategyValidationService.validate(strategyName, source));
    return this.walkerLogicService.run(symbol, walkerName, shouldStop);
  };

  /** The walker's latest results on the symbol. */
  public getData = (symbol: string, walkerName: WalkerName) => {
    assertNonEmptyString(symbol, "symbol", "Walker.getData");
    this.walkerValidationService.validate(walkerName, "Walker.getData");
    return this.walkerMarkdownService.getData(symbol, walkerName);
  };

  /** The walker's comparison report on the symbol. */
  public getReport = (symbol: string, walkerName: WalkerName) => {
    assertNonEmptyString(symbol, "symbol", "Walker.getReport");
    this.walkerValidationService.validate(walkerName, "Walker.getReport");
    return this.walkerMarkdownService.getReport(symbol, walkerName);
  };

  /** Writes the report to `dir` and returns the file's path. */
  public dump = async (symbol: string, walkerName: WalkerName, dir?: string) => {
    assertNonEmptyString(symbol, "symbol", "Walker.dump");
    this.walkerValidationService.validate(walkerName, "Walker.dump");
    return await this.walkerMarkdownService.dump(symbol, walkerName, dir);
  };

  /** Writes the HTML report to `dir`/report.html and returns the file's path. */
  public dumpHtml = async (symbol: string, walkerName: WalkerName, dir?: string) => {
    assertNonEmptyString(symbol, "symbol", "Walker.dumpHtml");
    this.walkerValidationService.validate(walkerName, "Walker.dumpHtml");
    return await this.htmlReportService.dumpWalker(symbol, walkerName, dir);
  };

  /** The verdict in plain words and the comparison table, as a run prints them. */
  public getSummary = (symbol: string, walkerName: WalkerName) => {
    assertNonEmptyString(symbol, "symbol", "Walker.getSummary");
    this.walkerValidationService.validate(walkerName, "Walker.getSummary");
    return this.walkerMarkdownService.getSummary(symbol, walkerName);
  };

  /** Which walkers exist and where they ran, for the call forms that name no symbol. */
  private readonly targets: IReportTargetLookup = {
    kind: "walker",
    has: (name) => this.walkerValidationService.has(name),
    validate: (name, method) => this.walkerValidationService.validate(name, method),
    symbolsOf: (name) => this.walkerMarkdownService.symbolsOf(name),
  };

  /**
   * [symbol, walkerName] of a report call written as (symbol, walkerName) or as
   * (walkerName): then the one symbol it ran on; none or several is an error.
   */
  public resolveTarget = (method: string, first: string, second?: string) =>
    resolveReportTarget(this.targets, method, first, second);

  /** [symbol, walkerName, dir] of a dump call written as (symbol, walkerName, dir?) or (walkerName, dir?). */
  public resolveDumpTarget = (first: string, second?: string, third?: string) =>
    resolveDumpTarget(this.targets, "Walker.dump", first, second, third);

  /** Walk-forward results of walkers (one per test window) that ran on the symbol. */
  public getWalkForward = (symbol: string, walkerNames: WalkerName[]) => {
    this.checkWalkForwardArgs(symbol, walkerNames, "Walker.getWalkForward");
    return this.walkForwardMarkdownService.getData(symbol, walkerNames);
  };

  /** The walk-forward report of those walkers. */
  public getWalkForwardReport = (symbol: string, walkerNames: WalkerName[], reportName?: string) => {
    this.checkWalkForwardArgs(symbol, walkerNames, "Walker.getWalkForwardReport");
    return this.walkForwardMarkdownService.getReport(symbol, walkerNames, reportName);
  };

  /** The walk-forward verdict in plain words and the out-of-sample totals, as a run prints them. */
  public getWalkForwardSummary = (symbol: string, walkerNames: WalkerName[]) => {
    this.checkWalkForwardArgs(symbol, walkerNames, "Walker.getWalkForwardSummary");
    return this.walkForwardMarkdownService.getSummary(symbol, walkerNames);
  };

  /** Writes the walk-forward report to `dir`/REPORTNAME.md and returns the file's path. */
  public dumpWalkForward = async (symbol: string, walkerNames: WalkerName[], reportName: string, dir?: string) => {
    this.checkWalkForwardArgs(symbol, walkerNames, "Walker.dumpWalkForward");
    assertNonEmptyString(reportName, "reportName", "Walker.dumpWalkForward");
    return await this.walkForwardMarkdownService.dump(symbol, walkerNames, reportName, dir);
  };

  /** Writes the walk-forward HTML report to `dir`/report.html and returns the file's path. */
  public dumpWalkForwardHtml = async (symbol: string, walkerNames: WalkerName[], dir?: string) => {
    this.checkWalkForwardArgs(symbol, walkerNames, "Walker.dumpWalkForwardHtml");
    return await this.htmlReportService.dumpWalkForward(symbol, walkerNames, dir);
  };

  private checkWalkForwardArgs = (symbol: string, walkerNames: WalkerName[], source: string) => {
    assertNonEmptyString(symbol, "symbol", source);
    if (!Array.isArray(walkerNames) || walkerNames.length === 0) {
      throw new Error(`${source}: walkerNames must be a non-empty array of walker names, got ${describeValue(walkerNames)}`);
    }
    walkerNames.forEach((walkerName) => this.walkerValidationService.validate(walkerName, source));
  };
}

export default WalkerGlobalService;
