import BaseSchemaService from "./BaseSchemaService";
import {
  IOptimizerCallbacks,
  IOptimizerLlmSettings,
  IOptimizerSchema,
  IOptimizerTemplate,
} from "../../../interfaces/Optimizer.interface";
import { LLM_PROVIDER_NAMES } from "../../../config/llm";
import { describeValue } from "../../../utils/describeValue";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, isValidDate } from "../../../utils/schemaChecks";

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


/** Reports a problem of the schema (collected by SchemaProblems). */
type Report = (problem: string) => void;

const validateRange = (report: Report, field: string, range: unknown) => {
  if (!isPlainObject(range)) {
    report(`${field} must be an object with startDate and endDate, got ${describeValue(range)}`);
    return;
  }
  const { startDate, endDate } = range;
  if (!isValidDate(startDate)) {
    report(`${field}.startDate must be a valid Date, got ${describeValue(startDate)}`);
  }
  if (!isValidDate(endDate)) {
    report(`${field}.endDate must be a valid Date, got ${describeValue(endDate)}`);
  }
  if (isValidDate(startDate) && isValidDate(endDate) && startDate.getTime() > endDate.getTime()) {
    report(`${field}.startDate ${describeValue(startDate)} is after ${field}.endDate ${describeValue(endDate)}`);
  }
};

const validateSource = (report: Report, field: string, source: unknown) => {
  if (typeof source === "function") {
    return;
  }
  if (!isPlainObject(source) || typeof source.fetch !== "function") {
    report(`${field} must be a fetch function or an object with a fetch function, got ${describeValue(source)}`);
    return;
  }
  const { name, user, assistant } = source;
  if (name !== undefined && typeof name !== "string") {
    report(`${field}.name must be a string, got ${describeValue(name)}`);
  }
  for (const [key, formatter] of Object.entries({ user, assistant })) {
    if (formatter !== undefined && typeof formatter !== "function") {
      report(`${field}.${key} must be a function, got ${describeValue(formatter)}`);
    }
  }
};

/** Names of the generation-time LLM settings. */
const LLM_SETTING_NAMES = ["provider", "host", "model", "textModel"];

const validateLlmSettings = (report: Report, llm: unknown) => {
  if (llm === undefined) {
    return;
  }
  if (!isPlainObject(llm)) {
    report(`llm must be an object { ${LLM_SETTING_NAMES.join(", ")} }, got ${describeValue(llm)}`);
    return;
  }
  for (const [key, value] of Object.entries(llm)) {
    if (!LLM_SETTING_NAMES.includes(key)) {
      report(`llm.${key} is not one of ${LLM_SETTING_NAMES.join(", ")}`);
    } else if (value !== undefined && !isNonEmptyString(value)) {
      report(`llm.${key} must be a non-empty string, got ${describeValue(value)}`);
    }
  }
  validateLlmProvider(report, llm as IOptimizerLlmSettings);
};

/** The protocol must be known, and an OpenAI-compatible endpoint needs a model name (there is no default). */
const validateLlmProvider = (report: Report, { provider, model }: IOptimizerLlmSettings) => {
  if (provider !== undefined && !LLM_PROVIDER_NAMES.includes(provider)) {
    report(`llm.provider must be one of ${LLM_PROVIDER_NAMES.join(", ")}, got ${describeValue(provider)}`);
  }
  if (provider === "openai" && model === undefined) {
    report(`llm.model is required with llm.provider "openai" (OPENAI_MODEL still overrides it at run time)`);
  }
};

const validateOptions = (report: Report, schema: Record<string, unknown>) => {
  const { prefix, maxRows, note, llm } = schema;
  validateLlmSettings(report, llm);
  if (prefix !== undefined && (typeof prefix !== "string" || prefix.length === 0)) {
    report(`prefix must be a non-empty string, got ${describeValue(prefix)}`);
  }
  if (maxRows !== undefined && !(Number.isSafeInteger(maxRows) && (maxRows as number) > 0)) {
    report(`maxRows must be a positive integer, got ${describeValue(maxRows)}`);
  }
  if (note !== undefined && typeof note !== "string") {
    report(`note must be a string, got ${describeValue(note)}`);
  }
  if (schema.allowEmptyRanges !== undefined && typeof schema.allowEmptyRanges !== "boolean") {
    report(`allowEmptyRanges must be a boolean, got ${describeValue(schema.allowEmptyRanges)}`);
  }
  if (schema.blind !== undefined && typeof schema.blind !== "boolean") {
    report(`blind must be a boolean, got ${describeValue(schema.blind)}`);
  }
};

/** Reports a missing or empty list, else checks each item. */
const validateList = (report: Report, field: string, list: unknown, validate: (report: Report, field: string, item: unknown) => void) => {
  if (!Array.isArray(list) || list.length === 0) {
    report(`${field} must be a non-empty array`);
    return;
  }
  list.forEach((item, index) => validate(report, `${field}[${index}]`, item));
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

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IOptimizerSchema): void {
    this.loggerService.log("optimizerSchemaService validateShallow", {
      optimizerName: isPlainObject(schema) ? schema.optimizerName : undefined,
    });
    if (!isPlainObject(schema)) {
      throw new Error(`${ERROR_PREFIX} the schema must be an object, got ${describeValue(schema)}`);
    }
    const { optimizerName, rangeTrain, rangeTest, source, getPrompt, template, callbacks } = schema;
    const problems = new SchemaProblems();
    const named = typeof optimizerName === "string" && optimizerName.trim().length > 0;
    if (!named) {
      problems.add(`missing optimizerName (a non-empty string), got ${describeValue(optimizerName)}`);
    }
    validateList(problems.add, "rangeTrain", rangeTrain, validateRange);
    if (rangeTest === undefined) {
      problems.add("rangeTest is required");
    } else {
      validateRange(problems.add, "rangeTest", rangeTest);
    }
    validateList(problems.add, "source", source, validateSource);
    if (typeof getPrompt !== "function") {
      problems.add(`getPrompt must be a function, got ${describeValue(getPrompt)}`);
    }
    checkFunctionMap("template", template, TEMPLATE_METHOD_NAMES, problems.add);
    checkFunctionMap("callbacks", callbacks, CALLBACK_NAMES, problems.add);
    validateOptions(problems.add, schema as unknown as Record<string, unknown>);
    problems.throwIfAny(
      (all) => new Error(`${ERROR_PREFIX} ${all}${named ? ` for optimizerName=${describeValue(optimizerName)}` : ""}`)
    );
  }
}

export default OptimizerSchemaService;
