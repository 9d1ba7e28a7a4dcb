import BaseSchemaService from "./BaseSchemaService";
import { IFrameSchema } from "../../../interfaces/Frame.interface";
import { checkFunctionMap, isNonEmptyString, isPlainObject, isValidDate, schemaError } from "../../../utils/schemaChecks";
import { describeValue } from "../../../utils/describeValue";
import { FRAME_INTERVAL_MS, countTicks, intervalMs } from "../../../utils/intervals";

/** Ticks a frame may have; past it a frame is a mistake, not a backtest. */
const MAX_FRAME_TICKS = 10_000_000;

/** Stores frame schemas after checking their shape, dates and interval. */
export class FrameSchemaService extends BaseSchemaService<IFrameSchema> {
  constructor() {
    super("frame");
  }

  /** Throws a descriptive error when the schema is malformed; stores nothing. */
  public validateShallow(schema: IFrameSchema): void {
    if (!isPlainObject(schema)) {
      throw new Error(`frame schema validation failed: the schema must be an object, got ${describeValue(schema)}`);
    }
    const { frameName, interval, startDate, endDate } = schema;
    const fail = (problem: string): never => {
      throw schemaError("frame", "frameName", frameName, problem);
    };
    if (!isNonEmptyString(frameName)) {
      fail(`missing frameName (a non-empty string), got ${describeValue(frameName)}`);
    }
    const step = intervalMs(FRAME_INTERVAL_MS, interval);
    if (step === undefined) {
      fail(`interval must be one of ${Object.keys(FRAME_INTERVAL_MS).join(", ")}, got ${describeValue(interval)}`);
    }
    if (!isValidDate(startDate)) {
      fail(`startDate must be a valid Date, got ${describeValue(startDate)}`);
    }
    if (!isValidDate(endDate)) {
      fail(`endDate must be a valid Date, got ${describeValue(endDate)}`);
    }
    if (endDate.getTime() < startDate.getTime()) {
      fail(`endDate ${describeValue(endDate)} is before startDate ${describeValue(startDate)}`);
    }
    const ticks = countTicks(startDate.getTime(), endDate.getTime(), step as number);
    if (ticks > MAX_FRAME_TICKS) {
      fail(`the frame has ${ticks} ticks of ${interval}, more than ${MAX_FRAME_TICKS}`);
    }
    checkFunctionMap("callbacks", schema.callbacks, ["onTimeframe"], fail);
  }
}

export default FrameSchemaService;
