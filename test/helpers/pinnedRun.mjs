import { createHash } from "node:crypto";
import { addOptimizer, Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { uniqueName } from "./optimizer.mjs";
import { generatedFileEnv, linkPackage, runGenerated, seriesExchangeTemplate, startRecordingProxy } from "./generatedRun.mjs";

/** The symbol of the pinned run. */
export const PINNED_SYMBOL = "BTCUSDT";

/** Strategy texts of the pinned run: one trend and one reversion rule of the baseline. */
export const PINNED_STRATEGIES = [
  "Follow the trend on 5m.\nBASELINE PARAMETERS: mode=trend; fastEma=5; slowEma=13; takeProfitPercent=0.5; stopLossPercent=0.4; holdMinutes=60",
  "Fade stretches.\nBASELINE PARAMETERS: mode=reversion; fastEma=9; slowEma=21; takeProfitPercent=0.6; stopLossPercent=0.6; holdMinutes=90",
];

/** The sha-256 of a text, hex. */
export const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/**
 * Generates a file from a fixed optimizer (two training ranges whose getPrompt returns
 * PINNED_STRATEGIES, the real series as exchange, a 3-hour test range on 15 March 2023)
 * with `schemaExtra` merged in, writes it into `dir` (a project linked to this package),
 * runs it against the baseline model behind a recording proxy with the response cache
 * off, and resolves to { file, bodies, stdout, stderr, code }: every request body exactly
 * as the model received it.
 */
/** Registers the fixed optimizer of the pinned run, `schemaExtra` merged in; returns its name. */
export const addPinnedOptimizer = (schemaExtra = {}) => {
  const optimizerName = uniqueName("pinned");
  let range = 0;
  addOptimizer({
    optimizerName,
    prefix: "pinned",
    rangeTrain: [
      { startDate: new Date("2023-03-01T00:00:00Z"), endDate: new Date("2023-03-02T00:00:00Z") },
      { startDate: new Date("2023-03-03T00:00:00Z"), endDate: new Date("2023-03-04T00:00:00Z") },
    ],
    rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T03:00:00Z") },
    source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
    getPrompt: async () => PINNED_STRATEGIES[range++ % PINNED_STRATEGIES.length],
    template: { getExchangeTemplate: seriesExchangeTemplate },
    ...schemaExtra,
  });
  return optimizerName;
};

export const runPinnedFile = async (dir, schemaExtra = {}, env = {}) => {
  const baseline = await serveBaselineModel();
  const proxy = await startRecordingProxy(baseline.host);
  try {
    const optimizerName = addPinnedOptimizer(schemaExtra);
    await linkPackage(dir);
    const file = await Optimizer.dump(PINNED_SYMBOL, { optimizerName }, dir);
    const run = await runGenerated(file, dir, generatedFileEnv(proxy.host, env));
    return { file, bodies: proxy.bodies.slice(), ...run };
  } finally {
    await proxy.close();
    await baseline.close();
  }
};
