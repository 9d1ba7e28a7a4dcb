import { randomUUID } from "node:crypto";

/** A name no other test uses: registrations are process-wide. */
export const uniqueName = (label) => `${label}-${randomUUID().slice(0, 8)}`;

/** `count` rows with ids 0..count-1. */
export const makeRows = (count, from = 0) =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, value: (from + i) * 2 }));

/** A source function paging through `rows`, recording every request. */
export const arraySource = (rows, calls = []) => {
  const fetch = async (args) => {
    calls.push(args);
    return rows.slice(args.offset, args.offset + args.limit);
  };
  fetch.calls = calls;
  return fetch;
};

/** Training and test ranges inside March 2023. */
export const RANGES = {
  rangeTrain: [
    { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") },
    { startDate: new Date("2023-03-03T00:00:00Z"), endDate: new Date("2023-03-04T00:00:00Z") },
  ],
  rangeTest: { startDate: new Date("2023-03-05T00:00:00Z"), endDate: new Date("2023-03-06T00:00:00Z") },
};

/** A schema that registers cleanly; `overrides` replace its fields. */
export const validSchema = (overrides = {}) => ({
  optimizerName: uniqueName("opt"),
  ...RANGES,
  source: [arraySource(makeRows(3))],
  getPrompt: async () => "strategy text",
  ...overrides,
});
