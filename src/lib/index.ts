import "./core/provide";
import { init, inject } from "./core/di";
import TYPES from "./core/types";
import LoggerService from "./services/base/LoggerService";
import { TExecutionContextService } from "./services/context/ExecutionContextService";
import { TMethodContextService } from "./services/context/MethodContextService";
import ExchangeSchemaService from "./services/schema/ExchangeSchemaService";
import FrameSchemaService from "./services/schema/FrameSchemaService";
import StrategySchemaService from "./services/schema/StrategySchemaService";
import WalkerSchemaService from "./services/schema/WalkerSchemaService";
import OptimizerSchemaService from "./services/schema/OptimizerSchemaService";
import ExchangeValidationService from "./services/validation/ExchangeValidationService";
import FrameValidationService from "./services/validation/FrameValidationService";
import StrategyValidationService from "./services/validation/StrategyValidationService";
import WalkerValidationService from "./services/validation/WalkerValidationService";
import OptimizerValidationService from "./services/validation/OptimizerValidationService";
import OptimizerTemplateService from "./services/template/OptimizerTemplateService";
import ExchangeConnectionService from "./services/connection/ExchangeConnectionService";
import FrameConnectionService from "./services/connection/FrameConnectionService";
import StrategyConnectionService from "./services/connection/StrategyConnectionService";
import OptimizerConnectionService from "./services/connection/OptimizerConnectionService";
import LlmConnectionService from "./services/connection/LlmConnectionService";
import CandleStoreConnectionService from "./services/connection/CandleStoreConnectionService";
import BacktestMarkdownService from "./services/markdown/BacktestMarkdownService";
import WalkerMarkdownService from "./services/markdown/WalkerMarkdownService";
import WalkForwardMarkdownService from "./services/markdown/WalkForwardMarkdownService";
import BacktestLogicPrivateService from "./services/logic/BacktestLogicPrivateService";
import BacktestLogicPublicService from "./services/logic/BacktestLogicPublicService";
import WalkerLogicService from "./services/logic/WalkerLogicService";
import BacktestBenchmarkService from "./services/logic/BacktestBenchmarkService";
import ExchangeGlobalService from "./services/global/ExchangeGlobalService";
import BacktestGlobalService from "./services/global/BacktestGlobalService";
import WalkerGlobalService from "./services/global/WalkerGlobalService";
import OptimizerGlobalService from "./services/global/OptimizerGlobalService";
import LlmGlobalService from "./services/global/LlmGlobalService";
import HtmlReportService from "./services/report/HtmlReportService";
import SweepConnectionService from "./services/connection/SweepConnectionService";
import SweepMarkdownService from "./services/markdown/SweepMarkdownService";
import SweepGlobalService from "./services/global/SweepGlobalService";
import ScheduleMarkdownService from "./services/markdown/ScheduleMarkdownService";
import HeatMarkdownService from "./services/markdown/HeatMarkdownService";
import PerformanceMarkdownService from "./services/markdown/PerformanceMarkdownService";
import PartialMarkdownService from "./services/markdown/PartialMarkdownService";
import RiskSchemaService from "./services/schema/RiskSchemaService";
import SizingSchemaService from "./services/schema/SizingSchemaService";
import RiskValidationService from "./services/validation/RiskValidationService";
import SizingValidationService from "./services/validation/SizingValidationService";
import RiskConnectionService from "./services/connection/RiskConnectionService";
import SizingConnectionService from "./services/connection/SizingConnectionService";
import PartialConnectionService from "./services/connection/PartialConnectionService";
import RiskGlobalService from "./services/global/RiskGlobalService";
import SizingGlobalService from "./services/global/SizingGlobalService";
import PersistConnectionService from "./services/connection/PersistConnectionService";
import LiveMarkdownService from "./services/markdown/LiveMarkdownService";
import LiveLogicPrivateService from "./services/logic/LiveLogicPrivateService";
import LiveLogicPublicService from "./services/logic/LiveLogicPublicService";
import LiveGlobalService from "./services/global/LiveGlobalService";
import PaperGlobalService from "./services/global/PaperGlobalService";

const baseServices = {
  loggerService: inject<LoggerService>(TYPES.loggerService),
};

const contextServices = {
  executionContextService: inject<TExecutionContextService>(TYPES.executionContextService),
  methodContextService: inject<TMethodContextService>(TYPES.methodContextService),
};

const schemaServices = {
  exchangeSchemaService: inject<ExchangeSchemaService>(TYPES.exchangeSchemaService),
  frameSchemaService: inject<FrameSchemaService>(TYPES.frameSchemaService),
  strategySchemaService: inject<StrategySchemaService>(TYPES.strategySchemaService),
  walkerSchemaService: inject<WalkerSchemaService>(TYPES.walkerSchemaService),
  optimizerSchemaService: inject<OptimizerSchemaService>(TYPES.optimizerSchemaService),
  riskSchemaService: inject<RiskSchemaService>(TYPES.riskSchemaService),
  sizingSchemaService: inject<SizingSchemaService>(TYPES.sizingSchemaService),
};

const validationServices = {
  exchangeValidationService: inject<ExchangeValidationService>(TYPES.exchangeValidationService),
  frameValidationService: inject<FrameValidationService>(TYPES.frameValidationService),
  strategyValidationService: inject<StrategyValidationService>(TYPES.strategyValidationService),
  walkerValidationService: inject<WalkerValidationService>(TYPES.walkerValidationService),
  optimizerValidationService: inject<OptimizerValidationService>(TYPES.optimizerValidationService),
  riskValidationService: inject<RiskValidationService>(TYPES.riskValidationService),
  sizingValidationService: inject<SizingValidationService>(TYPES.sizingValidationService),
};

const templateServices = {
  optimizerTemplateService: inject<OptimizerTemplateService>(TYPES.optimizerTemplateService),
};

const connectionServices = {
  exchangeConnectionService: inject<ExchangeConnectionService>(TYPES.exchangeConnectionService),
  frameConnectionService: inject<FrameConnectionService>(TYPES.frameConnectionService),
  strategyConnectionService: inject<StrategyConnectionService>(TYPES.strategyConnectionService),
  optimizerConnectionService: inject<OptimizerConnectionService>(TYPES.optimizerConnectionService),
  llmConnectionService: inject<LlmConnectionService>(TYPES.llmConnectionService),
  candleStoreConnectionService: inject<CandleStoreConnectionService>(TYPES.candleStoreConnectionService),
  sweepConnectionService: inject<SweepConnectionService>(TYPES.sweepConnectionService),
  riskConnectionService: inject<RiskConnectionService>(TYPES.riskConnectionService),
  sizingConnectionService: inject<SizingConnectionService>(TYPES.sizingConnectionService),
  partialConnectionService: inject<PartialConnectionService>(TYPES.partialConnectionService),
  persistConnectionService: inject<PersistConnectionService>(TYPES.persistConnectionService),
};

const markdownServices = {
  backtestMarkdownService: inject<BacktestMarkdownService>(TYPES.backtestMarkdownService),
  walkerMarkdownService: inject<WalkerMarkdownService>(TYPES.walkerMarkdownService),
  walkForwardMarkdownService: inject<WalkForwardMarkdownService>(TYPES.walkForwardMarkdownService),
  sweepMarkdownService: inject<SweepMarkdownService>(TYPES.sweepMarkdownService),
  scheduleMarkdownService: inject<ScheduleMarkdownService>(TYPES.scheduleMarkdownService),
  heatMarkdownService: inject<HeatMarkdownService>(TYPES.heatMarkdownService),
  performanceMarkdownService: inject<PerformanceMarkdownService>(TYPES.performanceMarkdownService),
  partialMarkdownService: inject<PartialMarkdownService>(TYPES.partialMarkdownService),
  liveMarkdownService: inject<LiveMarkdownService>(TYPES.liveMarkdownService),
};

const logicServices = {
  backtestLogicPrivateService: inject<BacktestLogicPrivateService>(TYPES.backtestLogicPrivateService),
  backtestLogicPublicService: inject<BacktestLogicPublicService>(TYPES.backtestLogicPublicService),
  walkerLogicService: inject<WalkerLogicService>(TYPES.walkerLogicService),
  backtestBenchmarkService: inject<BacktestBenchmarkService>(TYPES.backtestBenchmarkService),
  liveLogicPrivateService: inject<LiveLogicPrivateService>(TYPES.liveLogicPrivateService),
  liveLogicPublicService: inject<LiveLogicPublicService>(TYPES.liveLogicPublicService),
};

const globalServices = {
  exchangeGlobalService: inject<ExchangeGlobalService>(TYPES.exchangeGlobalService),
  backtestGlobalService: inject<BacktestGlobalService>(TYPES.backtestGlobalService),
  walkerGlobalService: inject<WalkerGlobalService>(TYPES.walkerGlobalService),
  optimizerGlobalService: inject<OptimizerGlobalService>(TYPES.optimizerGlobalService),
  llmGlobalService: inject<LlmGlobalService>(TYPES.llmGlobalService),
  sweepGlobalService: inject<SweepGlobalService>(TYPES.sweepGlobalService),
  riskGlobalService: inject<RiskGlobalService>(TYPES.riskGlobalService),
  sizingGlobalService: inject<SizingGlobalService>(TYPES.sizingGlobalService),
  liveGlobalService: inject<LiveGlobalService>(TYPES.liveGlobalService),
  paperGlobalService: inject<PaperGlobalService>(TYPES.paperGlobalService),
};

const reportServices = {
  htmlReportService: inject<HtmlReportService>(TYPES.htmlReportService),
};

/** The wired services: the one object public functions and facades call into. */
export const backtest = {
  ...baseServices,
  ...contextServices,
  ...schemaServices,
  ...validationServices,
  ...templateServices,
  ...connectionServices,
  ...markdownServices,
  ...logicServices,
  ...globalServices,
  ...reportServices,
};

init();

export default backtest;
