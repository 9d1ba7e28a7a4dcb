import BaseSchemaService from "./BaseSchemaService";
import { IWalkerSchema, WalkerMetric } from "../../../interfaces/Walker.interface";
import { checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";

/** Every metric a walker may rank by. */
const WALKER_METRICS: ReadonlyArray<WalkerMetric> = [
  "sharpeRatio",
  "annualizedSharpeRatio",
  "winRate",
  "totalPnl",
  "certaintyRatio",
  "avgPnl",
  "expectedYearlyReturns",
];

const WALKER_CALLBACKS = ["onStrategyStart", "onStrategyComplete", "onStrategyError", "onComplete"];

/** Stores walker schemas after checking their shape (names are checked by the validation service). */
export class WalkerSchemaService extends BaseSchemaService<IWalkerSchema> {
  constructor() {
    super("walker");
  }

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public validateShallow(schema: IWalkerSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`walker schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { walkerName, exchangeName, frameName, strategies, metric } = schema;
    const fail = (problem: string): never => {
      throw schemaError("walker", "walkerName", walkerName, problem);
    };
    if (!isNonEmptyString(walkerName)) {
      fail(`missing walkerName (a non-empty string), got ${describeValue(walkerName)}`);
    }
    if (!isNonEmptyString(exchangeName)) {
      fail(`exchangeName must be a non-empty string, got ${describeValue(exchangeName)}`);
    }
    if (!isNonEmptyString(frameName)) {
      fail(`frameName must be a non-empty string, got ${describeValue(frameName)}`);
    }
    if (!Array.isArray(strategies) || strategies.length === 0) {
      fail(`strategies must be a non-empty array of strategy names, got ${describeValue(strategies)}`);
    }
    strategies.forEach((name, index) => {
      if (!isNonEmptyString(name)) {
        fail(`strategies[${index}] must be a non-empty string, got ${describeValue(name)}`);
      }
      if (strategies.indexOf(name) !== index) {
        fail(`strategies[${index}] repeats ${describeValue(name)}`);
      }
    });
    if (metric !== undefined && !WALKER_METRICS.includes(metric)) {
      fail(`metric must be one of ${WALKER_METRICS.join(", ")}, got ${describeValue(metric)}`);
    }
    checkFunctionMap("callbacks", schema.callbacks, WALKER_CALLBACKS, fail);
  }
}

export default WalkerSchemaService;
