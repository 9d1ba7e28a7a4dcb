// fetchFromCcxt: a CandleFetchFn that loads ccxt from the library's own dependency on its
// first call (offline here: only what fails before any request is tested).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fetchFromCcxt } from "../../build/index.mjs";

test("the exchange id must be a non-empty string, checked at once", () => {
  assert.throws(() => fetchFromCcxt(""), { message: 'fetchFromCcxt: exchangeId must be a non-empty string, got ""' });
  assert.throws(() => fetchFromCcxt(undefined), /fetchFromCcxt: exchangeId must be a non-empty string, got undefined/);
});

test("an exchange ccxt does not have is named on the first call, with the ones it has; a later call asks again", async () => {
  const fetch = fetchFromCcxt("no-such-exchange");
  for (let call = 0; call < 2; call++) {
    await assert.rejects(fetch("BTCUSDT", "1m", new Date("2023-03-01T00:00:00Z"), 10), (error) => {
      assert.match(error.message, /^fetchFromCcxt: ccxt has no exchange "no-such-exchange"; it has .*\bbinance\b/);
      return true;
    });
  }
});
