import { ToolRegistry } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import {
  IOptimizerCallbacks,
  IOptimizerSchema,
  IOptimizerTemplate,
  OptimizerName,
} from "../../../interfaces/Optimizer.interface";
import { describeValue } from "../../../utils/describeValue";

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

/**
 * ToolRegistry looks names up with `in` on a plain object, so a name such as "toString"
 * or "__proto__" would hit Object.prototype; a fixed prefix keeps every name its own.
 */
const toRegistryKey = (name: OptimizerName) => `optimizer:${name}`;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isValidDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

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

const validateFunctionMap = (
  optimizerName: string,
  field: string,
  value: unknown,
  allowed: ReadonlyArray<string>
) => {
  if (value === undefined) {
    return;
  }
  if (!isPlainObject(value)) {
    fail(optimizerName, `${field} must be an object, got ${describeValue(value)}`);
  }
  for (const [key, fn] of Object.entries(value as Record<string, unknown>)) {
    if (!allowed.includes(key)) {
      fail(optimizerName, `${field}.${key} is not one of ${allowed.join(", ")}`);
    }
    if (fn !== undefined && typeof fn !== "function") {
      fail(optimizerName, `${field}.${key} must be a function, got ${describeValue(fn)}`);
    }
  }
};

const validateOptions = (optimizerName: string, schema: Record<string, unknown>) => {
  const { prefix, maxRows, note } = schema;
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
export class OptimizerSchemaService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  private _registry = new ToolRegistry<Record<OptimizerName, IOptimizerSchema>>("optimizerSchema");

  /** Validates and stores a schema under `key`. */
  public register = (key: OptimizerName, value: IOptimizerSchema) => {
    this.loggerService.log("optimizerSchemaService register", { key });
    this.validateShallow(value);
    this._registry = this._registry.register(toRegistryKey(key), value);
  };

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public validateShallow = (schema: IOptimizerSchema) => {
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
    validateFunctionMap(optimizerName, "template", template, TEMPLATE_METHOD_NAMES);
    validateFunctionMap(optimizerName, "callbacks", callbacks, CALLBACK_NAMES);
    validateOptions(optimizerName, schema as unknown as Record<string, unknown>);
  };

  /** Merges `value` over the schema stored under `key` and returns the result. */
  public override = (key: OptimizerName, value: Partial<IOptimizerSchema>) => {
    this.loggerService.log("optimizerSchemaService override", { key });
    this._registry = this._registry.override(toRegistryKey(key), value);
    return this._registry.get(toRegistryKey(key));
  };

  /** The schema stored under `key`; throws when there is none. */
  public get = (key: OptimizerName): IOptimizerSchema => {
    this.loggerService.log("optimizerSchemaService get", { key });
    return this._registry.get(toRegistryKey(key));
  };
}

export default OptimizerSchemaService;
