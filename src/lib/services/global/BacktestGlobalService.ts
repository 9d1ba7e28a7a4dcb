import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import BacktestLogicPublicService from "../logic/BacktestLogicPublicService";
import BacktestMarkdownService from "../markdown/BacktestMarkdownService";
import StrategyValidationService from "../validation/StrategyValidationService";
import ExchangeValidationService from "../validation/ExchangeValidationService";
import FrameValidationService from "../validation/FrameValidationService";
import HtmlReportService from "../report/HtmlReportService";
import { StopCheck } from "../logic/BacktestLogicPrivateService";
import { IMethodContext } from "../../../interfaces/Context.interface";
import { describeValue } from "../../../utils/describeValue";
import { assertNonEmptyString, isPlainObject } from "../../../utils/schemaChecks";
import { IReportTargetLookup, resolveDumpTarget, resolveReportTarget } from "../../../utils/report/resolveReportTarget";

/** Entry point of backtests: checks the arguments and that every named schema exists. */
export class BacktestGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly backtestLogicPublicService = inject<BacktestLogicPublicService>(TYPES.backtestLogicPublicService);
  private readonly backtestMarkdownService = inject<BacktestMarkdownService>(TYPES.backtestMarkdownService);
  private readonly strategyValidationService = inject<StrategyValidationService>(TYPES.strategyValidationService);
  private readonly exchangeValidationService = inject<ExchangeValidationService>(TYPES.exchangeValidationService);
  private readonly frameValidationService = inject<FrameValidationService>(TYPES.frameValidationService);
  private readonly htmlReportService = inject<HtmlReportService>(TYPES.htmlReportService);

  /** Closed trades of a backtest; throws at once on unknown names. */
  public run = (symbol: string, context: IMethodContext, shouldStop?: StopCheck) => {
    const source = "Backtest.run";
    this.loggerService.info("backtestGlobalService run", { symbol, context });
    assertNonEmptyString(symbol, "symbol", source);
    if (!isPlainObject(context)) {
      throw new Error(`${source}: context must be { strategyName, exchangeName, frameName }, got ${describeValue(context)}`);
    }
    this.strategyValidationService.validate(context.strategyName, source);
    this.exchangeValidationService.validate(context.exchangeName, source);
    this.frameValidationService.validate(context.frameName, source);
    return this.backtestLogicPublicService.run(symbol, context, shouldStop);
  };

  /** Statistics of the latest backtest of the strategy on the symbol. */
  public getData = async (symbol: string, strategyName: string, frameName?: string) => {
    assertNonEmptyString(symbol, "symbol", "Backtest.getData");
    this.strategyValidationService.validate(strategyName, "Backtest.getData");
    await this.backtestMarkdownService.settleLuck(symbol, strategyName, frameName);
    return this.backtestMarkdownService.getData(symbol, strategyName, frameName);
  };

  /** Markdown report of the latest backtest of the strategy on the symbol. */
  public getReport = async (symbol: string, strategyName: string, frameName?: string) => {
    assertNonEmptyString(symbol, "symbol", "Backtest.getReport");
    this.strategyValidationService.validate(strategyName, "Backtest.getReport");
    await this.backtestMarkdownService.settleLuck(symbol, strategyName, frameName);
    return this.backtestMarkdownService.getReport(symbol, strategyName, frameName);
  };

  /** Writes the report to `dir` and returns the file's path. */
  public dump = async (symbol: string, strategyName: string, dir?: string) => {
    assertNonEmptyString(symbol, "symbol", "Backtest.dump");
    this.strategyValidationService.validate(strategyName, "Backtest.dump");
    await this.backtestMarkdownService.settleLuck(symbol, strategyName);
    return await this.backtestMarkdownService.dump(symbol, strategyName, dir);
  };

  /** Writes the HTML report to `dir`/report.html and returns the file's path. */
  public dumpHtml = async (symbol: string, strategyName: string, dir?: string) => {
    assertNonEmptyString(symbol, "symbol", "Backtest.dumpHtml");
    this.strategyValidationService.validate(strategyName, "Backtest.dumpHtml");
    return await this.htmlReportService.dumpBacktest(symbol, strategyName, dir);
  };

  /** Which strategys exist and where they ran, for the call forms that name no symbol. */
  private readonly targets: IReportTargetLookup = {
    kind: "strategy",
    has: (name) => this.strategyValidationService.has(name),
    validate: (name, method) => this.strategyValidationService.validate(name, method),
    symbolsOf: (name) => this.backtestMarkdownService.symbolsOf(name),
  };

  /**
   * [symbol, strategyName] of a report call written as (symbol, strategyName) or as
   * (strategyName): then the one symbol it ran on; none or several is an error.
   */
  public resolveTarget = (method: string, first: string, second?: string) =>
    resolveReportTarget(this.targets, method, first, second);

  /** [symbol, strategyName, dir] of a dump call written as (symbol, strategyName, dir?) or (strategyName, dir?). */
  public resolveDumpTarget = (first: string, second?: string, third?: string) =>
    resolveDumpTarget(this.targets, "Backtest.dump", first, second, third);
}

export default BacktestGlobalService;
