import BaseSchemaService from "./BaseSchemaService";
import { IFrameSchema } from "../../../interfaces/Frame.interface";
import { SchemaProblems, checkFunctionMap, isNonEmptyString, isPlainObject, isValidDate, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";
import { FRAME_INTERVAL_MS, countTicks, intervalMs } from "../../../utils/candles/intervals";

/** Ticks a frame may have; past it a frame is a mistake, not a backtest. */
const MAX_FRAME_TICKS = 10_000_000;

/** Reports an endDate before startDate, or more ticks than MAX_FRAME_TICKS (when the interval is known). */
const checkFrameLength = (
  startDate: Date,
  endDate: Date,
  interval: unknown,
  step: number | undefined,
  report: (problem: string) => void
) => {
  if (endDate.getTime() < startDate.getTime()) {
    report(`endDate ${describeValue(endDate)} is before startDate ${describeValue(startDate)}`);
    return;
  }
  const ticks = step === undefined ? 0 : countTicks(startDate.getTime(), endDate.getTime(), step);
  if (ticks > MAX_FRAME_TICKS) {
    report(`the frame has ${ticks} ticks of ${interval}, more than ${MAX_FRAME_TICKS}`);
  }
};

/** Stores frame schemas after checking their shape, dates and interval. */
export class FrameSchemaService extends BaseSchemaService<IFrameSchema> {
  constructor() {
    super("frame");
  }

  /** Throws one error naming every malformed field; stores nothing. */
  public validateShallow(schema: IFrameSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`frame schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { frameName, interval, startDate, endDate } = schema;
    const problems = new SchemaProblems();
    if (!isNonEmptyString(frameName)) {
      problems.add(`missing frameName (a non-empty string), got ${describeValue(frameName)}`);
    }
    const step = intervalMs(FRAME_INTERVAL_MS, interval);
    if (step === undefined) {
      problems.add(`interval must be one of ${Object.keys(FRAME_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`);
    }
    if (!isValidDate(startDate)) {
      problems.add(`startDate must be a valid Date, got ${describeValue(startDate)}`);
    }
    if (!isValidDate(endDate)) {
      problems.add(`endDate must be a valid Date, got ${describeValue(endDate)}`);
    }
    if (isValidDate(startDate) && isValidDate(endDate)) {
      checkFrameLength(startDate, endDate, interval, step, problems.add);
    }
    checkFunctionMap("callbacks", schema.callbacks, ["onTimeframe"], problems.add);
    problems.throwIfAny((all) => schemaError("frame", "frameName", frameName, all));
  }
}

export default FrameSchemaService;
