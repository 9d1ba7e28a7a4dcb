import BaseSchemaService from "./BaseSchemaService";
import { IStrategySchema } from "../../../interfaces/Strategy.interface";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";
import { SIGNAL_INTERVAL_MS, intervalMs } from "../../../utils/candles/intervals";
import { findLegacyStrategyField } from "../../../utils/engine/legacyApi";

const STRATEGY_CALLBACKS = ["onTick", "onOpen", "onClose", "onSchedule", "onCancel", "onActive", "onIdle", "onPartialProfit", "onPartialLoss"];

/** Stores strategy schemas after checking their shape and interval. */
export class StrategySchemaService extends BaseSchemaService<IStrategySchema> {
  constructor() {
    super("strategy");
  }

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IStrategySchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`strategy schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { strategyName, interval, getSignal } = schema;
    const problems = new SchemaProblems();
    if (!isNonEmptyString(strategyName)) {
      problems.add(`missing strategyName (a non-empty string), got ${describeValue(strategyName)}`);
    }
    if (intervalMs(SIGNAL_INTERVAL_MS, interval) === undefined) {
      problems.add(`interval must be one of ${Object.keys(SIGNAL_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`);
    }
    if (typeof getSignal !== "function") {
      problems.add(`getSignal must be a function, got ${describeValue(getSignal)}`);
    }
    const legacy = findLegacyStrategyField(schema as unknown as Record<string, unknown>);
    if (legacy !== null) {
      problems.add(legacy);
    }
    checkFunctionMap("callbacks", schema.callbacks, STRATEGY_CALLBACKS, problems.add);
    if (schema.riskName !== undefined && !isNonEmptyString(schema.riskName)) {
      problems.add(`riskName must be a non-empty string, got ${describeValue(schema.riskName)}`);
    }
    if (schema.prefetch !== undefined && typeof schema.prefetch !== "boolean") {
      problems.add(`prefetch must be a boolean, got ${describeValue(schema.prefetch)}`);
    }
    problems.throwIfAny((all) => schemaError("strategy", "strategyName", strategyName, all));
  }
}

export default StrategySchemaService;
