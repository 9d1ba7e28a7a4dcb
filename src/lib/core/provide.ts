import { provide } from "./di";
import TYPES from "./types";
import LoggerService from "../services/base/LoggerService";
import OptimizerSchemaService from "../services/schema/OptimizerSchemaService";
import OptimizerValidationService from "../services/validation/OptimizerValidationService";
import OptimizerTemplateService from "../services/template/OptimizerTemplateService";
import OptimizerConnectionService from "../services/connection/OptimizerConnectionService";
import OptimizerGlobalService from "../services/global/OptimizerGlobalService";

{
  provide(TYPES.loggerService, () => new LoggerService());
}

{
  provide(TYPES.optimizerSchemaService, () => new OptimizerSchemaService());
}

{
  provide(TYPES.optimizerValidationService, () => new OptimizerValidationService());
}

{
  provide(TYPES.optimizerTemplateService, () => new OptimizerTemplateService());
}

{
  provide(TYPES.optimizerConnectionService, () => new OptimizerConnectionService());
}

{
  provide(TYPES.optimizerGlobalService, () => new OptimizerGlobalService());
}
