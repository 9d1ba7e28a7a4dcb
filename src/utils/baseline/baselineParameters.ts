import { IBaselineParameters } from "../../interfaces/BaselineModel.interface";
import { describeValue } from "../describeValue";

/** The parameters used when a conversation names none. */
export const DEFAULT_BASELINE_PARAMETERS: Readonly<IBaselineParameters> = Object.freeze({
  mode: "trend",
  fastEma: 9,
  slowEma: 21,
  takeProfitPercent: 1.2,
  stopLossPercent: 0.8,
  holdMinutes: 240,
});

/** What starts the machine-readable line of the baseline's strategy answer. */
const PREFIX = "BASELINE PARAMETERS:";

/** Field order of the line. */
const KEYS: ReadonlyArray<keyof IBaselineParameters> = [
  "mode",
  "fastEma",
  "slowEma",
  "takeProfitPercent",
  "stopLossPercent",
  "holdMinutes",
];

/** Parameters read from a conversation: the last line found, or the defaults and why. */
export interface IFoundBaselineParameters {
  parameters: IBaselineParameters;
  /** Null when a valid line was read; otherwise why the defaults are used. */
  problem: string | null;
}

/**
 * The line `BASELINE PARAMETERS: mode=trend; fastEma=9; slowEma=21;
 * takeProfitPercent=1.2; stopLossPercent=0.8; holdMinutes=240`.
 */
export const formatBaselineParameters = (parameters: IBaselineParameters) =>
  `${PREFIX} ${KEYS.map((key) => `${key}=${parameters[key]}`).join("; ")}`;

const isWhole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

const isWithin = (value: number, min: number, max: number) => Number.isFinite(value) && value >= min && value <= max;

/** The problem with parsed parameters, or null: each field names its allowed range. */
const findParametersProblem = (fields: Record<string, string>, parameters: IBaselineParameters): string | null => {
  const { mode, fastEma, slowEma, takeProfitPercent, stopLossPercent, holdMinutes } = parameters;
  const unknown = Object.keys(fields).find((key) => !KEYS.includes(key as keyof IBaselineParameters));
  if (unknown !== undefined) {
    return `unknown field ${describeValue(unknown)}; fields: ${KEYS.join(", ")}`;
  }
  const missing = KEYS.find((key) => fields[key] === undefined);
  if (missing !== undefined) {
    return `${missing} is missing`;
  }
  if (mode !== "trend" && mode !== "reversion") {
    return `mode must be trend or reversion, got ${describeValue(fields.mode)}`;
  }
  if (!isWhole(fastEma, 2, 100)) {
    return `fastEma must be a whole number from 2 to 100, got ${describeValue(fields.fastEma)}`;
  }
  if (!isWhole(slowEma, fastEma + 1, 200)) {
    return `slowEma must be a whole number from fastEma + 1 to 200, got ${describeValue(fields.slowEma)}`;
  }
  if (!isWithin(takeProfitPercent, 0.5, 50)) {
    return `takeProfitPercent must be from 0.5 to 50, got ${describeValue(fields.takeProfitPercent)}`;
  }
  if (!(isWithin(stopLossPercent, 0, 5) && stopLossPercent > 0)) {
    return `stopLossPercent must be above 0 and at most 5, got ${describeValue(fields.stopLossPercent)}`;
  }
  if (!isWhole(holdMinutes, 1, 360)) {
    return `holdMinutes must be a whole number from 1 to 360, got ${describeValue(fields.holdMinutes)}`;
  }
  return null;
};

/** The `key=value` pairs after the prefix; a pair without "=" keeps its text as the key. */
const splitFields = (text: string) => {
  const fields: Record<string, string> = {};
  for (const pair of text.split(";")) {
    if (pair.trim() === "") {
      continue;
    }
    const [key, ...rest] = pair.split("=");
    fields[key.trim()] = rest.join("=").trim();
  }
  return fields;
};

/** The parameters of one line's text after the prefix, or the problem with them. */
const parseLine = (text: string): IFoundBaselineParameters => {
  const fields = splitFields(text);
  const toNumber = (key: string) => (fields[key] === undefined || fields[key] === "" ? NaN : Number(fields[key]));
  const parameters: IBaselineParameters = {
    mode: fields.mode as IBaselineParameters["mode"],
    fastEma: toNumber("fastEma"),
    slowEma: toNumber("slowEma"),
    takeProfitPercent: toNumber("takeProfitPercent"),
    stopLossPercent: toNumber("stopLossPercent"),
    holdMinutes: toNumber("holdMinutes"),
  };
  const problem = findParametersProblem(fields, parameters);
  return problem === null
    ? { parameters, problem }
    : { parameters: { ...DEFAULT_BASELINE_PARAMETERS }, problem: `the last ${PREFIX} line is unusable (${problem})` };
};

/**
 * The parameters of the last `BASELINE PARAMETERS:` line in `texts` (read in order); the
 * defaults, with the reason, when there is none or it is malformed.
 */
export const findBaselineParameters = (texts: string[]): IFoundBaselineParameters => {
  let last: string | null = null;
  for (const text of texts) {
    for (const line of text.split("\n")) {
      const at = line.lastIndexOf(PREFIX);
      if (at !== -1) {
        last = line.slice(at + PREFIX.length);
      }
    }
  }
  return last === null
    ? { parameters: { ...DEFAULT_BASELINE_PARAMETERS }, problem: `no ${PREFIX} line, so the defaults are used` }
    : parseLine(last);
};
