import BaseSchemaService from "./BaseSchemaService";
import { IStrategySchema } from "../../../interfaces/Strategy.interface";
import { checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";
import { SIGNAL_INTERVAL_MS, intervalMs } from "../../../utils/intervals";

const STRATEGY_CALLBACKS = ["onTick", "onOpen", "onClose", "onSchedule", "onCancel"];

/** Stores strategy schemas after checking their shape and interval. */
export class StrategySchemaService extends BaseSchemaService<IStrategySchema> {
  constructor() {
    super("strategy");
  }

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public validateShallow(schema: IStrategySchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`strategy schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { strategyName, interval, getSignal } = schema;
    const fail = (problem: string): never => {
      throw schemaError("strategy", "strategyName", strategyName, problem);
    };
    if (!isNonEmptyString(strategyName)) {
      fail(`missing strategyName (a non-empty string), got ${describeValue(strategyName)}`);
    }
    if (intervalMs(SIGNAL_INTERVAL_MS, interval) === undefined) {
      fail(`interval must be one of ${Object.keys(SIGNAL_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`);
    }
    if (typeof getSignal !== "function") {
      fail(`getSignal must be a function, got ${describeValue(getSignal)}`);
    }
    checkFunctionMap("callbacks", schema.callbacks, STRATEGY_CALLBACKS, fail);
    if (schema.prefetch !== undefined && typeof schema.prefetch !== "boolean") {
      fail(`prefetch must be a boolean, got ${describeValue(schema.prefetch)}`);
    }
  }
}

export default StrategySchemaService;
