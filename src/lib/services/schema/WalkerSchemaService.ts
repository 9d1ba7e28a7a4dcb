import BaseSchemaService from "./BaseSchemaService";
import { IWalkerSchema, WalkerMetric } from "../../../interfaces/Walker.interface";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
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

/** Reports every strategy name that is empty or repeated. */
const checkStrategyNames = (strategies: unknown[], report: (problem: string) => void) => {
  strategies.forEach((name, index) => {
    if (!isNonEmptyString(name)) {
      report(`strategies[${index}] must be a non-empty string, got ${describeValue(name)}`);
    } else if (strategies.indexOf(name) !== index) {
      report(`strategies[${index}] repeats ${describeValue(name)}`);
    }
  });
};

/** Stores walker schemas after checking their shape (names are checked by the validation service). */
export class WalkerSchemaService extends BaseSchemaService<IWalkerSchema> {
  constructor() {
    super("walker");
  }

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IWalkerSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`walker schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { walkerName, exchangeName, frameName, strategies, metric } = schema;
    const problems = new SchemaProblems();
    if (!isNonEmptyString(walkerName)) {
      problems.add(`missing walkerName (a non-empty string), got ${describeValue(walkerName)}`);
    }
    if (!isNonEmptyString(exchangeName)) {
      problems.add(`exchangeName must be a non-empty string, got ${describeValue(exchangeName)}`);
    }
    if (!isNonEmptyString(frameName)) {
      problems.add(`frameName must be a non-empty string, got ${describeValue(frameName)}`);
    }
    if (!Array.isArray(strategies) || strategies.length === 0) {
      problems.add(`strategies must be a non-empty array of strategy names, got ${describeValue(strategies)}`);
    } else {
      checkStrategyNames(strategies, problems.add);
    }
    if (metric !== undefined && !WALKER_METRICS.includes(metric)) {
      problems.add(`metric must be one of ${WALKER_METRICS.join(", ")}, got ${describeValue(metric)}`);
    }
    checkFunctionMap("callbacks", schema.callbacks, WALKER_CALLBACKS, problems.add);
    problems.throwIfAny((all) => schemaError("walker", "walkerName", walkerName, all));
  }
}

export default WalkerSchemaService;
