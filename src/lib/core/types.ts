/** DI tokens, grouped by the role of the service they name. */
const baseServices = {
  loggerService: Symbol("loggerService"),
};

const schemaServices = {
  optimizerSchemaService: Symbol("optimizerSchemaService"),
};

const validationServices = {
  optimizerValidationService: Symbol("optimizerValidationService"),
};

const templateServices = {
  optimizerTemplateService: Symbol("optimizerTemplateService"),
};

const connectionServices = {
  optimizerConnectionService: Symbol("optimizerConnectionService"),
};

const globalServices = {
  optimizerGlobalService: Symbol("optimizerGlobalService"),
};

/** Every DI token of the library. */
export const TYPES = {
  ...baseServices,
  ...schemaServices,
  ...validationServices,
  ...templateServices,
  ...connectionServices,
  ...globalServices,
};

export default TYPES;
