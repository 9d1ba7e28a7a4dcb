import { arraySource, makeRows } from "./optimizer.mjs";

/**
 * A deterministic optimizer schema with one rangeTest object: fixed prefix, rows and
 * strategy texts. test/fixtures/pinned-single-range.mjs is its generated file, written
 * before test windows existed, so a test can pin that one range still generates the
 * same bytes.
 */
export const pinnedSchema = (optimizerName) => ({
  optimizerName,
  prefix: "pinned",
  rangeTrain: [
    { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-07T23:59:00Z") },
    { startDate: new Date("2023-03-08T00:00:00Z"), endDate: new Date("2023-03-14T23:59:00Z") },
  ],
  rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T23:59:00Z") },
  source: [arraySource(makeRows(3)), { name: "named", fetch: arraySource(makeRows(2)) }],
  getPrompt: async (symbol, messages) => `Strategy for ${symbol} from ${messages.length} messages: buy \`dips\` ${"${x}"} </script>`,
});
