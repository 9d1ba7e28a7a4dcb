/** DI tokens, grouped by the role of the service they name. */
const baseServices = {
  loggerService: Symbol("loggerService"),
};

const contextServices = {
  executionContextService: Symbol("executionContextService"),
  methodContextService: Symbol("methodContextService"),
};

const schemaServices = {
  exchangeSchemaService: Symbol("exchangeSchemaService"),
  frameSchemaService: Symbol("frameSchemaService"),
  strategySchemaService: Symbol("strategySchemaService"),
  walkerSchemaService: Symbol("walkerSchemaService"),
  optimizerSchemaService: Symbol("optimizerSchemaService"),
  riskSchemaService: Symbol("riskSchemaService"),
  sizingSchemaService: Symbol("sizingSchemaService"),
};

const validationServices = {
  exchangeValidationService: Symbol("exchangeValidationService"),
  frameValidationService: Symbol("frameValidationService"),
  strategyValidationService: Symbol("strategyValidationService"),
  walkerValidationService: Symbol("walkerValidationService"),
  optimizerValidationService: Symbol("optimizerValidationService"),
  riskValidationService: Symbol("riskValidationService"),
  sizingValidationService: Symbol("sizingValidationService"),
};

const templateServices = {
  optimizerTemplateService: Symbol("optimizerTemplateService"),
};

const connectionServices = {
  exchangeConnectionService: Symbol("exchangeConnectionService"),
  frameConnectionService: Symbol("frameConnectionService"),
  strategyConnectionService: Symbol("strategyConnectionService"),
  optimizerConnectionService: Symbol("optimizerConnectionService"),
  llmConnectionService: Symbol("llmConnectionService"),
  candleStoreConnectionService: Symbol("candleStoreConnectionService"),
  sweepConnectionService: Symbol("sweepConnectionService"),
  riskConnectionService: Symbol("riskConnectionService"),
  sizingConnectionService: Symbol("sizingConnectionService"),
  partialConnectionService: Symbol("partialConnectionService"),
  persistConnectionService: Symbol("persistConnectionService"),
};

const markdownServices = {
  backtestMarkdownService: Symbol("backtestMarkdownService"),
  walkerMarkdownService: Symbol("walkerMarkdownService"),
  walkForwardMarkdownService: Symbol("walkForwardMarkdownService"),
  sweepMarkdownService: Symbol("sweepMarkdownService"),
  scheduleMarkdownService: Symbol("scheduleMarkdownService"),
  heatMarkdownService: Symbol("heatMarkdownService"),
  performanceMarkdownService: Symbol("performanceMarkdownService"),
  partialMarkdownService: Symbol("partialMarkdownService"),
  liveMarkdownService: Symbol("liveMarkdownService"),
};

const logicServices = {
  backtestLogicPrivateService: Symbol("backtestLogicPrivateService"),
  backtestLogicPublicService: Symbol("backtestLogicPublicService"),
  walkerLogicService: Symbol("walkerLogicService"),
  backtestBenchmarkService: Symbol("backtestBenchmarkService"),
  liveLogicPrivateService: Symbol("liveLogicPrivateService"),
  liveLogicPublicService: Symbol("liveLogicPublicService"),
};

const globalServices = {
  exchangeGlobalService: Symbol("exchangeGlobalService"),
  backtestGlobalService: Symbol("backtestGlobalService"),
  walkerGlobalService: Symbol("walkerGlobalService"),
  optimizerGlobalService: Symbol("optimizerGlobalService"),
  llmGlobalService: Symbol("llmGlobalService"),
  sweepGlobalService: Symbol("sweepGlobalService"),
  riskGlobalService: Symbol("riskGlobalService"),
  sizingGlobalService: Symbol("sizingGlobalService"),
  liveGlobalService: Symbol("liveGlobalService"),
  paperGlobalService: Symbol("paperGlobalService"),
};

const reportServices = {
  htmlReportService: Symbol("htmlReportService"),
};

/** Every DI token of the library. */
export const TYPES = {
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

export default TYPES;
