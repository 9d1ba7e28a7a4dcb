// formatCandlesBlind names the row, the field and the value of a bad candle, with the
// same words as the exchange's candle check (one shared check of prices and volume).
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatCandlesBlind } from "../../build/index.mjs";

const candle = { timestamp: 0, open: 1, high: 1, low: 1, close: 1, volume: 1 };

const messageOf = (row) => {
  try {
    formatCandlesBlind([candle, row], "1m");
  } catch (error) {
    return error.message;
  }
  return null;
};

test("each bad field of a row is named with its value, the first price field first", () => {
  const cases = [
    [null, "formatCandlesBlind: rows[1] must be a candle object, got null"],
    [{ ...candle, timestamp: "0" }, 'formatCandlesBlind: rows[1].timestamp must be a number of ms, got "0"'],
    [{ ...candle, open: "1" }, 'formatCandlesBlind: rows[1].open must be a finite positive number, got "1"'],
    [{ ...candle, high: Infinity, low: 0 }, "formatCandlesBlind: rows[1].high must be a finite positive number, got Infinity"],
    [{ ...candle, low: undefined }, "formatCandlesBlind: rows[1].low must be a finite positive number, got undefined"],
    [{ ...candle, volume: -1 }, "formatCandlesBlind: rows[1].volume must be a finite number >= 0, got -1"],
    [{ ...candle, volume: NaN }, "formatCandlesBlind: rows[1].volume must be a finite number >= 0, got NaN"],
  ];
  for (const [row, expected] of cases) {
    assert.equal(messageOf(row), expected);
  }
  assert.equal(messageOf({ ...candle, volume: 0 }), null, "a zero volume is a candle");
});
