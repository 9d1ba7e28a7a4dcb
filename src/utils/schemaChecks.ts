import { describeValue } from "./describeValue";

/** True for an object that is not null and not an array. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** True for a Date that holds a real time. */
export const isValidDate = (value: unknown): value is Date =>
  value instanceof Date && !Number.isNaN(value.getTime());

/** True for a string with something other than spaces in it. */
export const isNonEmptyString = (value: unknown): value is string =>
  typeof value === "string" && value.trim().length > 0;

/** The error of a malformed schema: "KIND schema validation failed: PROBLEMS for FIELD=NAME". */
export const schemaError = (kind: string, nameField: string, name: unknown, problem: string) =>
  new Error(`${kind} schema validation failed: ${problem} for ${nameField}=${describeValue(name)}`);

/** Reports a problem unless `value` is undefined or an object whose keys are among `allowed` and hold functions. */
export const checkFunctionMap = (
  field: string,
  value: unknown,
  allowed: ReadonlyArray<string>,
  report: (problem: string) => void
) => {
  if (value === undefined) {
    return;
  }
  if (!isPlainObject(value)) {
    report(`${field} must be an object, got ${describeValue(value)}`);
    return;
  }
  for (const [key, fn] of Object.entries(value)) {
    if (!allowed.includes(key)) {
      report(`${field}.${key} is not one of ${allowed.join(", ")}`);
    } else if (fn !== undefined && typeof fn !== "function") {
      report(`${field}.${key} must be a function, got ${describeValue(fn)}`);
    }
  }
};

/**
 * The problems of one schema, collected so that registration reports every bad field
 * in one error rather than the first only.
 */
export class SchemaProblems {
  private readonly problems: string[] = [];

  /** Notes one problem: the field, its value and the rule. */
  public add = (problem: string) => {
    this.problems.push(problem);
  };

  /** Throws `createError(every problem, joined by "; ")` when there is any. */
  public throwIfAny = (createError: (problems: string) => Error) => {
    if (this.problems.length > 0) {
      throw createError(this.problems.join("; "));
    }
  };
}

/** Throws unless `value` is a non-empty string; `field` and `source` name the mistake. */
export const assertNonEmptyString = (value: unknown, field: string, source: string) => {
  if (typeof value !== "string" || value.length === 0) {
    throw new Error(`${source}: ${field} must be a non-empty string, got ${describeValue(value)}`);
  }
};
