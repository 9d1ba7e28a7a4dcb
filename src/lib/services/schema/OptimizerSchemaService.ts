import BaseSchemaService from "./BaseSchemaService";
import {
  IOptimizerCallbacks,
  IOptimizerSchema,
  IOptimizerTemplate,
} from "../../../interfaces/Optimizer.interface";
import { describeValue } from "../../../utils/describeValue";
import { checkFunctionMap, isNonEmptyString, isPlainObject, isValidDate } from "../../../utils/schemaChecks";

/** Prefix of every schema error, as in the reference. */
const ERROR_PREFIX = "optimizer template validation failed:";

/** The template methods a schema may override. */
const TEMPLATE_METHOD_NAMES: ReadonlyArray<keyof IOptimizerTemplate> = [
  "getTopBanner",
  "getUserMessage",
  "getAssistantMessage",
  "getWalkerTemplate",
  "getExchangeTemplate",
  "getFrameTemplate",
  "getStrategyTemplate",
  "getLauncherTemplate",
  "getTextTemplate",
  "getJsonTemplate",
  "getJsonDumpTemplate",
];

/** The callbacks a schema may set. */
const CALLBACK_NAMES: ReadonlyArray<keyof IOptimizerCallbacks> = [
  "onData",
  "onCode",
  "onDump",
  "onSourceData",
];


/** Throws the schema error for `field` of the optimizer named `optimizerName`. */
const fail = (optimizerName: unknown, problem: string): never => {
  throw new Error(`${ERROR_PREFIX} ${problem} for optimizerName=${describeValue(optimizerName)}`);
};

const validateRange = (optimizerName: string, field: string, range: unknown) => {
  if (!isPlainObject(range)) {
    fail(optimizerName, `${field} must be an object with startDate and endDate, got ${describeValue(range)}`);
  }
  const { startDate, endDate } = range as Record<string, unknown>;
  if (!isValidDate(startDate)) {
    fail(optimizerName, `${field}.startDate must be a valid Date, got ${describeValue(startDate)}`);
  }
  if (!isValidDate(endDate)) {
    fail(optimizerName, `${field}.endDate must be a valid Date, got ${describeValue(endDate)}`);
  }
  if ((startDate as Date).getTime() > (endDate as Date).getTime()) {
    fail(
      optimizerName,
      `${field}.startDate ${describeValue(startDate)} is after ${field}.endDate ${describeValue(endDate)}`
    );
  }
};

const validateSource = (optimizerName: string, field: string, source: unknown) => {
  if (typeof source === "function") {
    return;
  }
  if (!isPlainObject(source) || typeof source.fetch !== "function") {
    fail(
      optimizerName,
      `${field} must be a fetch function or an object with a fetch function, got ${describeValue(source)}`
    );
  }
  const { name, user, assistant } = source as Record<string, unknown>;
  if (name !== undefined && typeof name !== "string") {
    fail(optimizerName, `${field}.name must be a string, got ${describeValue(name)}`);
  }
  for (const [key, formatter] of Object.entries({ user, assistant })) {
    if (formatter !== undefined && typeof formatter !== "function") {
      fail(optimizerName, `${field}.${key} must be a function, got ${describeValue(formatter)}`);
    }
  }
};

/** Names of the generation-time LLM settings. */
const LLM_SETTING_NAMES = ["host", "model", "textModel"];

const validateLlmSettings = (optimizerName: string, llm: unknown) => {
  if (llm === undefined) {
    return;
  }
  if (!isPlainObject(llm)) {
    fail(optimizerName, `llm must be an object { host, model, textModel }, got ${describeValue(llm)}`);
  }
  for (const [key, value] of Object.entries(llm as Record<string, unknown>)) {
    if (!LLM_SETTING_NAMES.includes(key)) {
      fail(optimizerName, `llm.${key} is not one of ${LLM_SETTING_NAMES.join(", ")}`);
    }
    if (value !== undefined && !isNonEmptyString(value)) {
      fail(optimizerName, `llm.${key} must be a non-empty string, got ${describeValue(value)}`);
    }
  }
};

const validateOptions = (optimizerName: string, schema: Record<string, unknown>) => {
  const { prefix, maxRows, note, llm, blind } = schema;
  if (blind !== undefined && typeof blind !== "boolean") {
    fail(optimizerName, `blind must be a boolean, got ${describeValue(blind)}`);
  }
  validateLlmSettings(optimizerName, llm);
  if (prefix !== undefined && (typeof prefix !== "string" || prefix.length === 0)) {
    fail(optimizerName, `prefix must be a non-empty string, got ${describeValue(prefix)}`);
  }
  if (maxRows !== undefined && !(Number.isSafeInteger(maxRows) && (maxRows as number) > 0)) {
    fail(optimizerName, `maxRows must be a positive integer, got ${describeValue(maxRows)}`);
  }
  if (note !== undefined && typeof note !== "string") {
    fail(optimizerName, `note must be a string, got ${describeValue(note)}`);
  }
};

/**
 * Stores optimizer schemas in an immutable functools-kit ToolRegistry, after checking
 * their shape: every mistake is reported at registration, naming the optimizer, the
 * field and the value.
 */
export class OptimizerSchemaService extends BaseSchemaService<IOptimizerSchema> {
  constructor() {
    super("optimizer");
  }

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public validateShallow(schema: IOptimizerSchema): void {
    this.loggerService.log("optimizerSchemaService validateShallow", {
      optimizerName: isPlainObject(schema) ? schema.optimizerName : undefined,
    });
    if (!isPlainObject(schema)) {
      throw new Error(`${ERROR_PREFIX} the schema must be an object, got ${describeValue(schema)}`);
    }
    const { optimizerName, rangeTrain, rangeTest, source, getPrompt, template, callbacks } = schema;
    if (typeof optimizerName !== "string" || optimizerName.trim().length === 0) {
      throw new Error(
        `${ERROR_PREFIX} missing optimizerName (a non-empty string), got ${describeValue(optimizerName)}`
      );
    }
    if (!Array.isArray(rangeTrain) || rangeTrain.length === 0) {
      fail(optimizerName, "rangeTrain must be a non-empty array");
    }
    rangeTrain.forEach((range, index) => validateRange(optimizerName, `rangeTrain[${index}]`, range));
    if (rangeTest === undefined) {
      fail(optimizerName, "rangeTest is required");
    }
    validateRange(optimizerName, "rangeTest", rangeTest);
    if (!Array.isArray(source) || source.length === 0) {
      fail(optimizerName, "source must be a non-empty array");
    }
    source.forEach((item, index) => validateSource(optimizerName, `source[${index}]`, item));
    if (typeof getPrompt !== "function") {
      fail(optimizerName, `getPrompt must be a function, got ${describeValue(getPrompt)}`);
    }
    checkFunctionMap("template", template, TEMPLATE_METHOD_NAMES, (problem) => fail(optimizerName, problem));
    checkFunctionMap("callbacks", callbacks, CALLBACK_NAMES, (problem) => fail(optimizerName, problem));
    validateOptions(optimizerName, schema as unknown as Record<string, unknown>);
  }
}

export default OptimizerSchemaService;
