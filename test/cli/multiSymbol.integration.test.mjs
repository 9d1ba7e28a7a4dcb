// `backtest-kit optimize --symbol A,B` writes one generated file per symbol, the symbols
// at once. The second symbol is the bundled BTCUSDT series seeded under another name, so
// its file must be the first one with the symbol renamed, byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CandleStore } from "../../build/index.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { SERIES_PATH } from "../helpers/series.mjs";
import { ROOT, runCli } from "../helpers/cli.mjs";

const DEMO_CONFIG = join(ROOT, "demo", "optimizer.config.mjs");

/** A model answer that depends on the conversation's shape, not on the symbol's name. */
const answer = (body) => {
  const characters = body.messages.reduce((sum, message) => sum + message.content.length, 0);
  return `Follow the trend seen in ${body.messages.length} messages (${characters} characters); stop-loss 1%, take-profit 2%.`;
};

test("optimize --symbol BTCUSDT,ETHUSDT writes one file per symbol from the demo config", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-multi-symbol-");
  const store = join(dir, ".backtest-kit", "candles.sqlite");
  for (const symbol of ["BTCUSDT", "ETHUSDT"]) {
    await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol, path: store });
  }
  const server = await startOllamaServer(answer);
  t.after(() => server.close());
  const env = { OLLAMA_HOST: server.host, BACKTEST_KIT_LLM_CACHE: "off", BACKTEST_KIT_CANDLE_STORE: store };

  const { code, stdout, stderr } = await runCli(["optimize", DEMO_CONFIG, "--symbol", "BTCUSDT, ETHUSDT", "--out", "out"], { cwd: dir, env });
  assert.equal(code, 0, stderr);
  const printed = stdout.trim().split("\n");
  assert.deepEqual(printed, [join(dir, "out", "demo_BTCUSDT.mjs"), join(dir, "out", "demo_ETHUSDT.mjs")]);
  assert.deepEqual((await readdir(join(dir, "out"))).sort(), ["demo_BTCUSDT.mjs", "demo_ETHUSDT.mjs"]);
  const btc = await readFile(printed[0], "utf8");
  const eth = await readFile(printed[1], "utf8");
  assert.ok(eth.includes("ETHUSDT") && !eth.includes("BTCUSDT"));
  assert.equal(eth.replaceAll("ETHUSDT", "BTCUSDT"), btc);
  const bodies = server.requests.map(({ body }) => JSON.stringify(body.messages));
  assert.ok(bodies.every((text) => !text.includes("BTCUSDT") && !text.includes("ETHUSDT")), "the demo trains blind");
  assert.equal(new Set(bodies).size, 3, "both symbols ask the same three blind conversations, one per training range");
  assert.ok(bodies.length >= 3 && bodies.length <= 6, `an identical question in flight is asked once: ${bodies.length} requests`);
});

test("optimize --symbol with an empty item or a repeated symbol is a usage error naming it", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-multi-symbol-");
  const cases = [
    ["BTCUSDT,,ETHUSDT", /--symbol "BTCUSDT,,ETHUSDT" has an empty item at position 2/],
    ["BTCUSDT,", /--symbol "BTCUSDT," has an empty item at position 2/],
    ["BTCUSDT,ETHUSDT,BTCUSDT", /names BTCUSDT twice/],
    [" ", /optimize needs --symbol/],
  ];
  for (const [symbols, message] of cases) {
    const { code, stderr, stdout } = await runCli(["optimize", DEMO_CONFIG, "--symbol", symbols, "--out", "out"], { cwd: dir });
    assert.equal(code, 2, `${symbols}: ${stderr}`);
    assert.match(stderr, message);
    assert.equal(stdout, "");
  }
  assert.deepEqual(await readdir(dir), [], "nothing written");
});

test("when one of two symbols has no data, the other's file is written and one line names the failed symbol and its cause", async (t) => {
  const dir = await makeTempDir(t, "backtest-kit-multi-symbol-");
  const store = join(dir, ".backtest-kit", "candles.sqlite");
  await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol: "BTCUSDT", path: store });
  const server = await startOllamaServer(answer);
  t.after(() => server.close());
  const env = { OLLAMA_HOST: server.host, BACKTEST_KIT_LLM_CACHE: "off", BACKTEST_KIT_CANDLE_STORE: store };
  const { code, stdout, stderr } = await runCli(["optimize", DEMO_CONFIG, "--symbol", "BTCUSDT,ETHUSDT", "--out", "out"], { cwd: dir, env });
  assert.equal(code, 1, stderr);
  assert.equal(stdout, "");
  const lines = stderr.split(/\r|\n/).filter((line) => line.startsWith("backtest-kit: ") && !/^backtest-kit: \d+ warning\(s\)$/.test(line));
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /^backtest-kit: optimize failed for ETHUSDT \(1 of 2 symbols; written: .*demo_BTCUSDT\.mjs\): optimizer demo symbol ETHUSDT range 1 .*no source returned any rows/);
  assert.deepEqual(await readdir(join(dir, "out")), ["demo_BTCUSDT.mjs"]);
});
