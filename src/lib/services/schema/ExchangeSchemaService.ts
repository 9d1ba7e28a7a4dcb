import BaseSchemaService from "./BaseSchemaService";
import { IExchangeSchema } from "../../../interfaces/Exchange.interface";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";

const EXCHANGE_FUNCTIONS = ["getCandles", "formatPrice", "formatQuantity"] as const;

/** Stores exchange schemas after checking their shape. */
export class ExchangeSchemaService extends BaseSchemaService<IExchangeSchema> {
  constructor() {
    super("exchange");
  }

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IExchangeSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`exchange schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { exchangeName } = schema;
    const problems = new SchemaProblems();
    if (!isNonEmptyString(exchangeName)) {
      problems.add(`missing exchangeName (a non-empty string), got ${describeValue(exchangeName)}`);
    }
    for (const name of EXCHANGE_FUNCTIONS) {
      if (typeof schema[name] !== "function") {
        problems.add(`${name} must be a function, got ${describeValue(schema[name])}`);
      }
    }
    checkFunctionMap("callbacks", schema.callbacks, ["onCandleData"], problems.add);
    problems.throwIfAny((all) => schemaError("exchange", "exchangeName", exchangeName, all));
  }
}

export default ExchangeSchemaService;
