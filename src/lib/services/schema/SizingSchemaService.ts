import BaseSchemaService from "./BaseSchemaService";
import { ISizingSchema } from "../../../interfaces/Sizing.interface";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";

const SIZING_METHODS = ["fixed-percentage", "kelly-criterion", "atr-based"];

/** Adds a problem unless `value` is undefined (when optional) or a finite number above 0 (or at least 0). */
const checkNumber = (schema: ISizingSchema, field: string, required: boolean, add: (problem: string) => void, allowZero = false) => {
  const value = (schema as unknown as Record<string, unknown>)[field];
  if (value === undefined && !required) {
    return;
  }
  const ok = typeof value === "number" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok) {
    add(`${field} must be a finite number ${allowZero ? "at least 0" : "above 0"}, got ${describeValue(value)}`);
  }
};

/** Stores sizing schemas after checking their method and numbers. */
export class SizingSchemaService extends BaseSchemaService<ISizingSchema> {
  constructor() {
    super("sizing");
  }

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: ISizingSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`sizing schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { sizingName, method } = schema;
    const problems = new SchemaProblems();
    if (!isNonEmptyString(sizingName)) {
      problems.add(`missing sizingName (a non-empty string), got ${describeValue(sizingName)}`);
    }
    if (!SIZING_METHODS.includes(method)) {
      problems.add(`method must be one of ${SIZING_METHODS.join(", ")}, got ${describeValue(method)}`);
    }
    if (method === "fixed-percentage" || method === "atr-based") {
      checkNumber(schema, "riskPercentage", true, problems.add);
    }
    if (method === "atr-based") {
      checkNumber(schema, "atrMultiplier", false, problems.add);
    }
    if (method === "kelly-criterion") {
      checkNumber(schema, "kellyMultiplier", false, problems.add, true);
    }
    checkNumber(schema, "maxPositionPercentage", false, problems.add);
    checkNumber(schema, "minPositionSize", false, problems.add, true);
    checkNumber(schema, "maxPositionSize", false, problems.add);
    checkFunctionMap("callbacks", schema.callbacks, ["onCalculate"], problems.add);
    problems.throwIfAny((all) => schemaError("sizing", "sizingName", sizingName, all));
  }
}

export default SizingSchemaService;
