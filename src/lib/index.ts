import "./core/provide";
import { init, inject } from "./core/di";
import TYPES from "./core/types";
import LoggerService from "./services/base/LoggerService";
import OptimizerSchemaService from "./services/schema/OptimizerSchemaService";
import OptimizerValidationService from "./services/validation/OptimizerValidationService";
import OptimizerTemplateService from "./services/template/OptimizerTemplateService";
import OptimizerConnectionService from "./services/connection/OptimizerConnectionService";
import OptimizerGlobalService from "./services/global/OptimizerGlobalService";

const baseServices = {
  loggerService: inject<LoggerService>(TYPES.loggerService),
};

const schemaServices = {
  optimizerSchemaService: inject<OptimizerSchemaService>(TYPES.optimizerSchemaService),
};

const validationServices = {
  optimizerValidationService: inject<OptimizerValidationService>(TYPES.optimizerValidationService),
};

const templateServices = {
  optimizerTemplateService: inject<OptimizerTemplateService>(TYPES.optimizerTemplateService),
};

const connectionServices = {
  optimizerConnectionService: inject<OptimizerConnectionService>(TYPES.optimizerConnectionService),
};

const globalServices = {
  optimizerGlobalService: inject<OptimizerGlobalService>(TYPES.optimizerGlobalService),
};

/** The wired services: the one object public functions and facades call into. */
export const backtest = {
  ...baseServices,
  ...schemaServices,
  ...validationServices,
  ...templateServices,
  ...connectionServices,
  ...globalServices,
};

init();

export default backtest;
