/**
 * backtest-kit's one public surface, grouped by feature. Add a new export to its feature's
 * group (or a new group), never elsewhere.
 */

// Optimizer: sources, ranges, LLM conversations, the generated file
export { Optimizer } from "./classes/Optimizer";
export type { OptimizerUtils, IOptimizerContext } from "./classes/Optimizer";
export type { ProgressOptimizerContract } from "./contract/ProgressOptimizer.contract";
export type {
  IOptimizerCallbacks,
  IOptimizerData,
  IOptimizerFetchArgs,
  IOptimizerFilterArgs,
  IOptimizerMessageFormatter,
  IOptimizerRange,
  IOptimizerSchema,
  IOptimizerSource,
  IOptimizerSourceFn,
  IOptimizerStrategy,
  IOptimizerBlindCheck,
  IOptimizerTemplate,
  IOptimizerLlmSettings,
  IOptimizerRunOptions,
  OptimizerName,
  RowId,
  Source,
} from "./interfaces/Optimizer.interface";
export type {
  ILeakCheckFigures,
  ILeakCheckOptions,
  ILeakCheckReport,
  ILeakCheckStrategy,
  ILeakCheckWindow,
} from "./interfaces/LeakCheck.interface";
export type { IOptimizerWalkForward } from "./interfaces/Optimizer.interface";

// Engine: exchanges, frames, strategies, backtests and walkers
export { addOptimizer, addExchange, addFrame, addStrategy, addWalker } from "./function/add";
export { loadOptimizerConfig } from "./function/config";
export { listOptimizers, listExchanges, listFrames, listStrategies, listWalkers } from "./function/list";
export { getCandles, getAveragePrice, formatPrice, formatQuantity, getDate, getMode } from "./function/exchange";
export { Backtest } from "./classes/Backtest";
export { Walker } from "./classes/Walker";
export type { BacktestUtils } from "./classes/Backtest";
export type { WalkerUtils } from "./classes/Walker";
export type { IExecutionContext } from "./interfaces/ExecutionContext.interface";
export type { IMethodContext } from "./interfaces/Context.interface";
export type {
  CandleInterval,
  ExchangeName,
  ICandleData,
  IExchangeCallbacks,
  IExchangeSchema,
} from "./interfaces/Exchange.interface";
export type { FrameInterval, FrameName, IFrameCallbacks, IFrameSchema } from "./interfaces/Frame.interface";
export type {
  ISignalDto,
  ISignalRow,
  IScheduledSignalRow,
  IStrategyCallbacks,
  IStrategyPnL,
  IStrategySchema,
  IStrategyTickResult,
  IStrategyTickResultCancelled,
  IStrategyTickResultClosed,
  IStrategyTickResultOpened,
  IStrategyTickResultScheduled,
  IStrategyBacktestResult,
  SignalInterval,
  StrategyCloseReason,
  StrategyName,
} from "./interfaces/Strategy.interface";
export type {
  IWalkerCallbacks,
  IWalkerResults,
  IWalkerSchema,
  IWalkerStrategyFailure,
  IWalkerStrategyResult,
  WalkerMetric,
  WalkerName,
} from "./interfaces/Walker.interface";
export type { IWalkForwardResults, IWalkForwardTotal, IWalkForwardWindow } from "./interfaces/WalkForward.interface";
export type { ISignalPrefetchCounts } from "./interfaces/Strategy.interface";

// 1.4 portfolio: risk, sizing, partial, schedule, heat, performance
export { addRisk, addSizing } from "./function/add";
export { listRisks, listSizings } from "./function/list";
export {
  listenPartialProfit,
  listenPartialProfitOnce,
  listenPartialLoss,
  listenPartialLossOnce,
  listenPerformance,
} from "./function/event";
export { Partial } from "./classes/Partial";
export { Schedule } from "./classes/Schedule";
export { Heat } from "./classes/Heat";
export { Performance } from "./classes/Performance";
export { PositionSize } from "./classes/PositionSize";
export { Constant } from "./classes/Constant";
export { lib } from "./function/compat";
export type { PartialUtils } from "./classes/Partial";
export type { ScheduleUtils } from "./classes/Schedule";
export type { HeatUtils } from "./classes/Heat";
export type { PerformanceUtils } from "./classes/Performance";
export type { PositionSizeUtils } from "./classes/PositionSize";
export type { ConstantUtils } from "./classes/Constant";
export type {
  IRiskActivePosition,
  IRiskCallbacks,
  IRiskCheckArgs,
  IRiskRefusal,
  IRiskSchema,
  IRiskValidation,
  IRiskValidationFn,
  IRiskValidationPayload,
  RiskName,
} from "./interfaces/Risk.interface";
export type {
  ISizingCalculateParams,
  ISizingCalculateParamsATR,
  ISizingCalculateParamsFixedPercentage,
  ISizingCalculateParamsKelly,
  ISizingCallbacks,
  ISizingSchema,
  ISizingSchemaATR,
  ISizingSchemaFixedPercentage,
  ISizingSchemaKelly,
  IPositionSizeATRParams,
  IPositionSizeFixedPercentageParams,
  IPositionSizeKellyParams,
  SizingName,
} from "./interfaces/Sizing.interface";
export type { PartialLevel, IPartialData } from "./interfaces/Partial.interface";
export type {
  IHeatmapRow,
  IHeatmapStatistics,
  IPartialEvent,
  IPerformanceMetricStats,
  IScheduledEvent,
  PartialStatistics,
  PerformanceStatistics,
  ScheduleStatistics,
} from "./interfaces/Portfolio.interface";
export type { PartialProfitContract } from "./contract/PartialProfit.contract";
export type { PartialLossContract } from "./contract/PartialLoss.contract";
export type { PerformanceContract, PerformanceMetricType } from "./contract/Performance.contract";

// Events
export {
  listenOptimizerProgress,
  listenSignal,
  listenSignalOnce,
  listenSignalBacktest,
  listenSignalBacktestOnce,
  listenError,
  listenValidation,
  listenDoneBacktest,
  listenDoneBacktestOnce,
  listenDoneWalker,
  listenDoneWalkerOnce,
  listenBacktestProgress,
  listenWalker,
  listenWalkerOnce,
  listenWalkerProgress,
  listenWalkerComplete,
  listenWarning,
  listenWarningOnce,
  listenSweepProgress,
  listenDoneSweep,
} from "./function/event";
export type { ProgressBacktestContract } from "./contract/ProgressBacktest.contract";
export type { ProgressWalkerContract } from "./contract/ProgressWalker.contract";
export type { DoneContract } from "./contract/Done.contract";
export type { WalkerContract } from "./contract/Walker.contract";
export { emitters } from "./function/emitters";
export type { IListenOnlySubject } from "./interfaces/Emitters.interface";

// Model calls
export { askText, askSignal } from "./function/llm";
export type { MessageModel, MessageRole } from "./interfaces/Message.interface";
export type { ILlmOptions, ILlmSignalAnswer, LlmProviderName } from "./interfaces/Llm.interface";
export type { PromptMode, RunPromptMode } from "./interfaces/Llm.interface";
export { getLlmUsage } from "./function/llmUsage";
export { getLlmConcurrency } from "./function/llmConcurrency";
export type { ILlmUsage, ILlmUsageCounts, ILlmModelUsage, ILlmPrice, LlmPrices } from "./interfaces/LlmUsage.interface";
export type { ILlmConcurrency, ILlmConcurrencySnapshot, ILlmConcurrencyChange, LlmConcurrencyReason } from "./interfaces/LlmLimiter.interface";

// Blind mode
export { formatCandlesBlind, readBlindMode } from "./function/blind";
export type { IBlindFormatOptions } from "./utils/blind/blindFrame";

// Statistics, benchmarks and reports
export type { BacktestStatistics } from "./interfaces/Statistics.interface";
export { runLuckTest, resolveOpenSignal } from "./function/benchmark";
export type { IBuyAndHold, ILuckTest, ILuckTestOptions, ILuckTrade } from "./interfaces/Benchmark.interface";
export type { IOpenPosition, IOpenSignalOutcome } from "./utils/engine/resolveOpenSignal";
export type { BenchmarkStatistics, TradeStatistics } from "./interfaces/Statistics.interface";
export { probabilisticSharpeRatio, deflatedSharpeRatio } from "./utils/stats/sharpeRatioTests";
export type { IProbabilisticSharpeInput, IDeflatedSharpeInput } from "./utils/stats/sharpeRatioTests";
export { probabilityOfBacktestOverfitting } from "./utils/stats/pbo";
export type { IPboOptions, IPboResult } from "./utils/stats/pbo";
export type {
  ICostStress,
  ICostStressScenario,
  ICostStressStrategy,
  IOverfittingOdds,
} from "./interfaces/Overfitting.interface";

// Candle store and data
export { CandleStore } from "./classes/CandleStore";
export { fetchFromCcxt } from "./function/ccxt";
export type { CandleStoreUtils } from "./classes/CandleStore";
export type {
  CandleFetchFn,
  ICandleStoreLocation,
  ICandleStoreReadOptions,
  ICandleStoreSeedCount,
  ICandleStoreSeedOptions,
  ICandleStoreSeedResult,
  ICandleStoreSeries,
} from "./interfaces/CandleStore.interface";

// Baseline model
export { serveBaselineModel } from "./function/baseline";
export type {
  BaselineMode,
  IBaselineModelOptions,
  IBaselineModelServer,
  IBaselineParameters,
  IBaselineSignal,
} from "./interfaces/BaselineModel.interface";

// Sweeps
export { Sweep } from "./classes/Sweep";
export type { SweepUtils } from "./classes/Sweep";
export type {
  ISweepOptions,
  ISweepResult,
  ISweepJobResult,
  ISweepWorker,
  ISweepWorkerOptions,
  SweepJobStatus,
} from "./interfaces/Sweep.interface";
export type { ProgressSweepContract } from "./contract/ProgressSweep.contract";

// Live trading
export { Live } from "./classes/Live";
export type { LiveUtils } from "./classes/Live";
export { RealClock, ReplayClock } from "./client/live/LiveClock";
export { PersistBase } from "./client/live/PersistBase";
export {
  PersistSignalAdapter,
  PersistScheduleAdapter,
  PersistRiskAdapter,
  PersistPartialAdapter,
} from "./classes/Persist";
export type {
  PersistSignalUtils,
  PersistScheduleUtils,
  PersistRiskUtils,
  PersistPartialUtils,
} from "./client/live/PersistAdapters";
export { listenSignalLive, listenSignalLiveOnce, listenDoneLive, listenDoneLiveOnce } from "./function/event";
export type {
  ILiveClock,
  ILiveState,
  ILiveTickResult,
  IStrategyTickResultIdle,
  IStrategyTickResultActive,
} from "./interfaces/Live.interface";
export type { ILiveContext, ILiveRunOptions } from "./lib/services/global/LiveGlobalService";
export type { LiveStatistics, LiveTickEvent } from "./interfaces/Statistics.interface";
export { Paper } from "./classes/Paper";
export type { PaperUtils } from "./classes/Paper";
export type { IPaperOptions, IPaperResult, IPaperTrade, IPaperParity } from "./interfaces/Paper.interface";
export type {
  EntityId,
  IEntity,
  IPersistBase,
  TPersistBaseCtor,
  SignalData,
  ScheduleData,
  RiskData,
  PartialData,
} from "./interfaces/Persist.interface";

// Setup, progress, warnings and errors
export { setLogger, setConfig } from "./function/setup";
export { showProgress } from "./function/progress";
export type { GlobalConfig } from "./config/params";
export type { ILogger } from "./interfaces/Logger.interface";
export type { IProgressOptions, IProgressStream } from "./interfaces/Progress.interface";
export type { WarningContract, WarningDetails, WarningKind } from "./contract/Warning.contract";
export { collectWarnings } from "./function/warnings";
export type { IWarningCollector, IWarningSummary, IWarningKindSummary } from "./interfaces/WarningSummary.interface";
export { formatError } from "./function/error";
export { pruneDumps } from "./function/dump";
export type { IPruneDumpsResult } from "./utils/report/pruneDumps";
export type { IFormatErrorOptions } from "./function/error";
