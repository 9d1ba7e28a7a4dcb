import BaseSchemaService from "./BaseSchemaService";
import {
  IOptimizerCallbacks,
  IOptimizerLlmSettings,
  IOptimizerRange,
  IOptimizerWalkForward,
  IOptimizerSchema,
  IOptimizerTemplate,
} from "../../../interfaces/Optimizer.interface";
import { LLM_PROVIDER_NAMES } from "../../../config/llm";
import { describeValue } from "../../../utils/describeValue";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, isValidDate } from "../../../utils/schemaChecks";
import { layOutWalkForward, rangesOverlap } from "../../../utils/optimizer/optimizerRanges";

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
  "getWalkForwardLauncherTemplate",
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

/** The problems of a range named `field`: not an object, an invalid date, a start after the end. */
const rangeProblems = (field: string, range: unknown): string[] => {
  if (!isPlainObject(range)) {
    return [`${field} must be an object with startDate and endDate, got ${describeValue(range)}`];
  }
  const { startDate, endDate } = range;
  const problems: string[] = [];
  if (!isValidDate(startDate)) {
    problems.push(`${field}.startDate must be a valid Date, got ${describeValue(startDate)}`);
  }
  if (!isValidDate(endDate)) {
    problems.push(`${field}.endDate must be a valid Date, got ${describeValue(endDate)}`);
  }
  if (isValidDate(startDate) && isValidDate(endDate) && startDate.getTime() > endDate.getTime()) {
    problems.push(`${field}.startDate ${describeValue(startDate)} is after ${field}.endDate ${describeValue(endDate)}`);
  }
  return problems;
};

const validateRange = (report: Report, field: string, range: unknown) =>
  rangeProblems(field, range).forEach((problem) => report(problem));

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

const describeSpan = ({ startDate, endDate }: IOptimizerRange) => `(${startDate.toISOString()} - ${endDate.toISOString()})`;

/** Whether a value is a well-formed range (what validateRange accepts). */
const isRange = (range: unknown): range is IOptimizerRange => rangeProblems("range", range).length === 0;

/** rangeTest as given: one range, or a non-empty array of them (each checked). */
const validateTestRanges = (report: Report, rangeTest: unknown) => {
  if (rangeTest === undefined) {
    report("rangeTest is required");
  } else if (!Array.isArray(rangeTest)) {
    validateRange(report, "rangeTest", rangeTest);
  } else if (rangeTest.length === 0) {
    report("rangeTest must be a range or a non-empty array of ranges, got []");
  } else {
    rangeTest.forEach((range, index) => validateRange(report, `rangeTest[${index}]`, range));
  }
};

/** Names of a walkForward layout's fields. */
const WALK_FORWARD_FIELDS = ["startDate", "trainDays", "testDays", "steps"];

/**
 * A walkForward layout: a start date and whole, positive day and step counts, and no
 * rangeTrain or rangeTest beside it. Its ranges when it is sound, else null.
 */
const validateWalkForward = (report: Report, schema: Record<string, unknown>) => {
  const { walkForward, rangeTrain, rangeTest } = schema;
  if (rangeTrain !== undefined || rangeTest !== undefined) {
    report("walkForward lays out the training ranges and test windows itself; give either walkForward or rangeTrain and rangeTest, not both");
    return null;
  }
  if (!isPlainObject(walkForward)) {
    report(`walkForward must be an object { startDate, trainDays, testDays, steps }, got ${describeValue(walkForward)}`);
    return null;
  }
  let sound = true;
  const note = (problem: string) => {
    sound = false;
    report(problem);
  };
  Object.keys(walkForward)
    .filter((key) => !WALK_FORWARD_FIELDS.includes(key))
    .forEach((key) => note(`walkForward.${key} is not one of ${WALK_FORWARD_FIELDS.join(", ")}`));
  if (!isValidDate(walkForward.startDate)) {
    note(`walkForward.startDate must be a valid Date, got ${describeValue(walkForward.startDate)}`);
  }
  for (const key of ["trainDays", "testDays", "steps"]) {
    const value = walkForward[key];
    if (!Number.isSafeInteger(value) || (value as number) < 1) {
      note(`walkForward.${key} must be a whole number >= 1, got ${describeValue(value)}`);
    }
  }
  return sound ? layOutWalkForward(walkForward as unknown as IOptimizerWalkForward) : null;
};

/**
 * The test windows must lie apart from every training range (a strategy tested on its
 * own training data proves nothing), apart from each other (no minute counted twice),
 * and in the past (the schema cannot know a source's or exchange's data span, but no
 * exchange has candles of the future).
 */
const validateWindows = (
  report: Report,
  rangeTrain: IOptimizerRange[],
  testRanges: IOptimizerRange[],
  fields: (index: number) => string
) => {
  const now = Date.now();
  testRanges.forEach((window, index) => {
    const field = fields(index);
    rangeTrain.forEach((range, trainIndex) => {
      if (rangesOverlap(window, range)) {
        report(`${field} ${describeSpan(window)} overlaps rangeTrain[${trainIndex}] ${describeSpan(range)}: a strategy would be tested on its own training data`);
      }
    });
    testRanges.slice(0, index).forEach((earlier, earlierIndex) => {
      if (rangesOverlap(window, earlier)) {
        report(`${field} ${describeSpan(window)} overlaps ${fields(earlierIndex)} ${describeSpan(earlier)}`);
      }
    });
    if (window.endDate.getTime() > now) {
      report(`${field}.endDate ${window.endDate.toISOString()} is in the future (now ${new Date(now).toISOString()}): no candles exist there yet`);
    }
  });
};

/** rangeTrain and rangeTest, or walkForward: each range checked, then the windows against the training ranges. */
const validateRanges = (report: Report, schema: Record<string, unknown>) => {
  const { walkForward, rangeTrain, rangeTest } = schema;
  if (walkForward !== undefined) {
    const layout = validateWalkForward(report, schema);
    if (layout !== null) {
      validateWindows(report, layout.rangeTrain, layout.testRanges, (index) => `walkForward test window ${index + 1}`);
    }
    return;
  }
  validateList(report, "rangeTrain", rangeTrain, validateRange);
  validateTestRanges(report, rangeTest);
  const trains: unknown[] = Array.isArray(rangeTrain) ? rangeTrain : [];
  const tests: unknown[] = rangeTest === undefined ? [] : Array.isArray(rangeTest) ? rangeTest : [rangeTest];
  if (trains.length > 0 && tests.length > 0 && [...trains, ...tests].every(isRange)) {
    const fields = (index: number) => (Array.isArray(rangeTest) ? `rangeTest[${index}]` : "rangeTest");
    validateWindows(report, trains as IOptimizerRange[], tests as IOptimizerRange[], fields);
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

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IOptimizerSchema): void {
    this.loggerService.log("optimizerSchemaService validateShallow", {
      optimizerName: isPlainObject(schema) ? schema.optimizerName : undefined,
    });
    if (!isPlainObject(schema)) {
      throw new Error(`${ERROR_PREFIX} the schema must be an object, got ${describeValue(schema)}`);
    }
    const { optimizerName, source, getPrompt, template, callbacks } = schema;
    const problems = new SchemaProblems();
    const named = isNonEmptyString(optimizerName);
    if (!named) {
      problems.add(`missing optimizerName (a non-empty string), got ${describeValue(optimizerName)}`);
    }
    validateRanges(problems.add, schema as unknown as Record<string, unknown>);
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
