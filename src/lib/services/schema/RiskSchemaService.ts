import BaseSchemaService from "./BaseSchemaService";
import { IRiskSchema } from "../../../interfaces/Risk.interface";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";

/** Why one entry of `validations` is malformed, or null: a function, or an object with a `validate` function. */
const validationProblem = (validation: unknown, index: number): string | null => {
  if (typeof validation === "function") {
    return null;
  }
  if (isPlainObject(validation) && typeof validation.validate === "function") {
    return validation.note === undefined || typeof validation.note === "string"
      ? null
      : `validations[${index}].note must be a string, got ${describeValue(validation.note)}`;
  }
  return `validations[${index}] must be a function or { validate: function, note? }, got ${describeValue(validation)}`;
};

/** Stores risk profile schemas after checking their shape. */
export class RiskSchemaService extends BaseSchemaService<IRiskSchema> {
  constructor() {
    super("risk");
  }

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IRiskSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`risk schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { riskName, validations } = schema;
    const problems = new SchemaProblems();
    if (!isNonEmptyString(riskName)) {
      problems.add(`missing riskName (a non-empty string), got ${describeValue(riskName)}`);
    }
    if (validations !== undefined && !Array.isArray(validations)) {
      problems.add(`validations must be an array, got ${describeValue(validations)}`);
    }
    if (Array.isArray(validations)) {
      validations.map(validationProblem).forEach((problem) => problem !== null && problems.add(problem));
    }
    checkFunctionMap("callbacks", schema.callbacks, ["onRejected", "onAllowed"], problems.add);
    problems.throwIfAny((all) => schemaError("risk", "riskName", riskName, all));
  }
}

export default RiskSchemaService;
