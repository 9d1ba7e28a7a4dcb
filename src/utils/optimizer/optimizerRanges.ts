import { IOptimizerRange, IOptimizerSchema, IOptimizerWalkForward } from "../../interfaces/Optimizer.interface";
import { DAY_MS, MINUTE_MS } from "../candles/intervals";

/** `count` back-to-back ranges of `days` from `start`, each ending at its last minute. */
const consecutiveRanges = (start: number, days: number, count: number): IOptimizerRange[] =>
  Array.from({ length: count }, (_, index) => ({
    startDate: new Date(start + index * days * DAY_MS),
    endDate: new Date(start + (index + 1) * days * DAY_MS - MINUTE_MS),
  }));

/** The training ranges and test windows a walkForward layout stands for (see IOptimizerWalkForward). */
export const layOutWalkForward = ({ startDate, trainDays, testDays, steps }: IOptimizerWalkForward) => {
  const start = startDate.getTime();
  return {
    rangeTrain: consecutiveRanges(start, trainDays, steps),
    testRanges: consecutiveRanges(start + steps * trainDays * DAY_MS, testDays, steps),
  };
};

/** A checked schema's training ranges and test windows, whichever way it gave them. */
export const resolveOptimizerRanges = (schema: IOptimizerSchema) => {
  if (schema.walkForward !== undefined) {
    return layOutWalkForward(schema.walkForward);
  }
  const { rangeTrain = [], rangeTest } = schema;
  return { rangeTrain, testRanges: rangeTest === undefined ? [] : Array.isArray(rangeTest) ? rangeTest : [rangeTest] };
};

/** Whether two inclusive ranges share a moment. */
export const rangesOverlap = (a: IOptimizerRange, b: IOptimizerRange) =>
  a.startDate.getTime() <= b.endDate.getTime() && b.startDate.getTime() <= a.endDate.getTime();
