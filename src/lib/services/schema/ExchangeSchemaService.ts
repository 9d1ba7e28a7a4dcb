import BaseSchemaService from "./BaseSchemaService";
import { IExchangeSchema } from "../../../interfaces/Exchange.interface";
import { checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";

const EXCHANGE_FUNCTIONS = ["getCandles", "formatPrice", "formatQuantity"] as const;

/** Stores exchange schemas after checking their shape. */
export class ExchangeSchemaService extends BaseSchemaService<IExchangeSchema> {
  constructor() {
    super("exchange");
  }

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public validateShallow(schema: IExchangeSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`exchange schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { exchangeName } = schema;
    const fail = (problem: string): never => {
      throw schemaError("exchange", "exchangeName", exchangeName, problem);
    };
    if (!isNonEmptyString(exchangeName)) {
      fail(`missing exchangeName (a non-empty string), got ${describeValue(exchangeName)}`);
    }
    for (const name of EXCHANGE_FUNCTIONS) {
      if (typeof schema[name] !== "function") {
        fail(`${name} must be a function, got ${describeValue(schema[name])}`);
      }
    }
    checkFunctionMap("callbacks", schema.callbacks, ["onCandleData"], fail);
  }
}

export default ExchangeSchemaService;
