// A generated file whose model endpoint cannot be reached ends with one message naming
// the endpoint and what to check, and exits with 1 (it used to print an error per tick,
// then "Walker completed, best strategy: null", and exit 0).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { addOptimizer, Optimizer } from "../../build/index.mjs";
import { arraySource, makeRows } from "../helpers/optimizer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";
import { generatedFileEnv, linkPackage, runGenerated, seriesExchangeTemplate } from "../helpers/generatedRun.mjs";

/** A loopback port that nothing listens on: bound, then closed. */
const closedPort = async () => {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
};

test("a generated file against a closed port exits 1 with exactly one message naming the endpoint", async (t) => {
  const optimizerName = `unreachable-${process.pid}`;
  addOptimizer({
    optimizerName,
    prefix: "unreach",
    rangeTrain: [
      { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") },
      { startDate: new Date("2023-03-03T00:00:00Z"), endDate: new Date("2023-03-04T00:00:00Z") },
    ],
    rangeTest: { startDate: new Date("2023-03-19T00:00:00Z"), endDate: new Date("2023-03-19T23:59:00Z") },
    source: [arraySource(makeRows(2))],
    getPrompt: async () => "Follow the trend.",
    template: { getExchangeTemplate: seriesExchangeTemplate },
  });
  const dir = await makeTempDir(t, "backtest-kit-unreachable-");
  await linkPackage(dir);
  const file = await Optimizer.dump("BTCUSDT", { optimizerName }, dir);
  const host = `http://127.0.0.1:${await closedPort()}`;
  const { code, stdout, stderr } = await runGenerated(file, dir, generatedFileEnv(host));
  const diagnostics = `stderr:\n${stderr.slice(-3000)}\nstdout:\n${stdout.slice(-1000)}`;
  assert.equal(code, 1, diagnostics);
  const errorLines = stderr.split("\n").filter((line) => line.startsWith("Error:"));
  assert.equal(errorLines.length, 1, diagnostics);
  assert.match(errorLines[0], new RegExp(`^Error: walker .* stopped: LLM endpoint ${host} \\(ollama\\) is unreachable: .*check that the model server runs and listens at this address: .*ECONNREFUSED`));
  assert.doesNotMatch(stdout, /Walker completed/, diagnostics);
});
