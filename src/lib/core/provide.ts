import { provide } from "./di";
import TYPES from "./types";
import LoggerService from "../services/base/LoggerService";
import ExecutionContextService from "../services/context/ExecutionContextService";
import MethodContextService from "../services/context/MethodContextService";
import ExchangeSchemaService from "../services/schema/ExchangeSchemaService";
import FrameSchemaService from "../services/schema/FrameSchemaService";
import StrategySchemaService from "../services/schema/StrategySchemaService";
import WalkerSchemaService from "../services/schema/WalkerSchemaService";
import OptimizerSchemaService from "../services/schema/OptimizerSchemaService";
import ExchangeValidationService from "../services/validation/ExchangeValidationService";
import FrameValidationService from "../services/validation/FrameValidationService";
import StrategyValidationService from "../services/validation/StrategyValidationService";
import WalkerValidationService from "../services/validation/WalkerValidationService";
import OptimizerValidationService from "../services/validation/OptimizerValidationService";
import OptimizerTemplateService from "../services/template/OptimizerTemplateService";
import ExchangeConnectionService from "../services/connection/ExchangeConnectionService";
import FrameConnectionService from "../services/connection/FrameConnectionService";
import StrategyConnectionService from "../services/connection/StrategyConnectionService";
import OptimizerConnectionService from "../services/connection/OptimizerConnectionService";
import LlmConnectionService from "../services/connection/LlmConnectionService";
import CandleStoreConnectionService from "../services/connection/CandleStoreConnectionService";
import BacktestMarkdownService from "../services/markdown/BacktestMarkdownService";
import WalkerMarkdownService from "../services/markdown/WalkerMarkdownService";
import WalkForwardMarkdownService from "../services/markdown/WalkForwardMarkdownService";
import BacktestLogicPrivateService from "../services/logic/BacktestLogicPrivateService";
import BacktestLogicPublicService from "../services/logic/BacktestLogicPublicService";
import WalkerLogicService from "../services/logic/WalkerLogicService";
import BacktestBenchmarkService from "../services/logic/BacktestBenchmarkService";
import ExchangeGlobalService from "../services/global/ExchangeGlobalService";
import BacktestGlobalService from "../services/global/BacktestGlobalService";
import WalkerGlobalService from "../services/global/WalkerGlobalService";
import OptimizerGlobalService from "../services/global/OptimizerGlobalService";
import LlmGlobalService from "../services/global/LlmGlobalService";
import HtmlReportService from "../services/report/HtmlReportService";
import SweepConnectionService from "../services/connection/SweepConnectionService";
import SweepMarkdownService from "../services/markdown/SweepMarkdownService";
import SweepGlobalService from "../services/global/SweepGlobalService";
import ScheduleMarkdownService from "../services/markdown/ScheduleMarkdownService";
import HeatMarkdownService from "../services/markdown/HeatMarkdownService";
import PerformanceMarkdownService from "../services/markdown/PerformanceMarkdownService";
import PartialMarkdownService from "../services/markdown/PartialMarkdownService";
import RiskSchemaService from "../services/schema/RiskSchemaService";
import SizingSchemaService from "../services/schema/SizingSchemaService";
import RiskValidationService from "../services/validation/RiskValidationService";
import SizingValidationService from "../services/validation/SizingValidationService";
import RiskConnectionService from "../services/connection/RiskConnectionService";
import SizingConnectionService from "../services/connection/SizingConnectionService";
import PartialConnectionService from "../services/connection/PartialConnectionService";
import RiskGlobalService from "../services/global/RiskGlobalService";
import SizingGlobalService from "../services/global/SizingGlobalService";
import PersistConnectionService from "../services/connection/PersistConnectionService";
import LiveMarkdownService from "../services/markdown/LiveMarkdownService";
import LiveLogicPrivateService from "../services/logic/LiveLogicPrivateService";
import LiveLogicPublicService from "../services/logic/LiveLogicPublicService";
import LiveGlobalService from "../services/global/LiveGlobalService";
import PaperGlobalService from "../services/global/PaperGlobalService";

{
  provide(TYPES.loggerService, () => new LoggerService());
}

{
  provide(TYPES.executionContextService, () => new ExecutionContextService());
  provide(TYPES.methodContextService, () => new MethodContextService());
}

{
  provide(TYPES.exchangeSchemaService, () => new ExchangeSchemaService());
  provide(TYPES.frameSchemaService, () => new FrameSchemaService());
  provide(TYPES.strategySchemaService, () => new StrategySchemaService());
  provide(TYPES.walkerSchemaService, () => new WalkerSchemaService());
  provide(TYPES.optimizerSchemaService, () => new OptimizerSchemaService());
  provide(TYPES.riskSchemaService, () => new RiskSchemaService());
  provide(TYPES.sizingSchemaService, () => new SizingSchemaService());
}

{
  provide(TYPES.exchangeValidationService, () => new ExchangeValidationService());
  provide(TYPES.frameValidationService, () => new FrameValidationService());
  provide(TYPES.strategyValidationService, () => new StrategyValidationService());
  provide(TYPES.walkerValidationService, () => new WalkerValidationService());
  provide(TYPES.optimizerValidationService, () => new OptimizerValidationService());
  provide(TYPES.riskValidationService, () => new RiskValidationService());
  provide(TYPES.sizingValidationService, () => new SizingValidationService());
}

{
  provide(TYPES.optimizerTemplateService, () => new OptimizerTemplateService());
}

{
  provide(TYPES.exchangeConnectionService, () => new ExchangeConnectionService());
  provide(TYPES.frameConnectionService, () => new FrameConnectionService());
  provide(TYPES.strategyConnectionService, () => new StrategyConnectionService());
  provide(TYPES.optimizerConnectionService, () => new OptimizerConnectionService());
  provide(TYPES.llmConnectionService, () => new LlmConnectionService());
  provide(TYPES.candleStoreConnectionService, () => new CandleStoreConnectionService());
  provide(TYPES.sweepConnectionService, () => new SweepConnectionService());
  provide(TYPES.riskConnectionService, () => new RiskConnectionService());
  provide(TYPES.sizingConnectionService, () => new SizingConnectionService());
  provide(TYPES.partialConnectionService, () => new PartialConnectionService());
  provide(TYPES.persistConnectionService, () => new PersistConnectionService());
}

{
  provide(TYPES.backtestMarkdownService, () => new BacktestMarkdownService());
  provide(TYPES.walkerMarkdownService, () => new WalkerMarkdownService());
  provide(TYPES.walkForwardMarkdownService, () => new WalkForwardMarkdownService());
  provide(TYPES.sweepMarkdownService, () => new SweepMarkdownService());
  provide(TYPES.scheduleMarkdownService, () => new ScheduleMarkdownService());
  provide(TYPES.heatMarkdownService, () => new HeatMarkdownService());
  provide(TYPES.performanceMarkdownService, () => new PerformanceMarkdownService());
  provide(TYPES.partialMarkdownService, () => new PartialMarkdownService());
  provide(TYPES.liveMarkdownService, () => new LiveMarkdownService());
}

{
  provide(TYPES.backtestLogicPrivateService, () => new BacktestLogicPrivateService());
  provide(TYPES.backtestLogicPublicService, () => new BacktestLogicPublicService());
  provide(TYPES.walkerLogicService, () => new WalkerLogicService());
  provide(TYPES.backtestBenchmarkService, () => new BacktestBenchmarkService());
  provide(TYPES.liveLogicPrivateService, () => new LiveLogicPrivateService());
  provide(TYPES.liveLogicPublicService, () => new LiveLogicPublicService());
}

{
  provide(TYPES.exchangeGlobalService, () => new ExchangeGlobalService());
  provide(TYPES.backtestGlobalService, () => new BacktestGlobalService());
  provide(TYPES.walkerGlobalService, () => new WalkerGlobalService());
  provide(TYPES.optimizerGlobalService, () => new OptimizerGlobalService());
  provide(TYPES.llmGlobalService, () => new LlmGlobalService());
  provide(TYPES.sweepGlobalService, () => new SweepGlobalService());
  provide(TYPES.riskGlobalService, () => new RiskGlobalService());
  provide(TYPES.sizingGlobalService, () => new SizingGlobalService());
  provide(TYPES.liveGlobalService, () => new LiveGlobalService());
  provide(TYPES.paperGlobalService, () => new PaperGlobalService());
}

{
  provide(TYPES.htmlReportService, () => new HtmlReportService());
}
