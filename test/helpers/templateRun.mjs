import { before, after } from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addOptimizer, CandleStore, Optimizer, serveBaselineModel } from "../../build/index.mjs";
import { makeTempDir } from "./tempDir.mjs";
import { SERIES_PATH } from "./series.mjs";
import { uniqueName } from "./optimizer.mjs";
import { PINNED_STRATEGIES } from "./pinnedRun.mjs";
import { generatedFileEnv, linkPackage, runGenerated } from "./generatedRun.mjs";

/** The symbol of the small generated runs. */
export const TEMPLATE_RUN_SYMBOL = "BTCUSDT";

/**
 * For the calling test file: a baseline model and a candle store seeded with the real
 * series (what the default exchange section reads), made before its tests and removed
 * after them. Returns { run, baselineHost }: baselineHost() is the model's address;
 * `run(t, template, { host, ranges })` generates the file of a small
 * optimizer (`ranges` training ranges, default 1, each strategy the baseline's trend
 * rule; a 2-hour test range) with `template` overriding the defaults, runs it in its own
 * linked project against `host` (default: the baseline) with the seeded store and no
 * response cache, and resolves to { code, signal, stdout, stderr, dir }.
 */
export const useTemplateRuns = () => {
  const context = { dir: null, store: null, baseline: null };
  before(async () => {
    context.baseline = await serveBaselineModel();
    context.dir = await mkdtemp(join(tmpdir(), "backtest-kit-template-runs-"));
    context.store = join(context.dir, "candles.sqlite");
    await CandleStore.seedFile(SERIES_PATH, { exchangeName: "binance", symbol: TEMPLATE_RUN_SYMBOL, path: context.store });
  });
  after(async () => {
    await context.baseline.close();
    await rm(context.dir, { recursive: true, force: true });
  });
  const run = async (t, template, { host = context.baseline.host, ranges = 1 } = {}) => {
    const optimizerName = uniqueName("template-run");
    addOptimizer({
      optimizerName,
      prefix: "run",
      rangeTrain: Array.from({ length: ranges }, (_, i) => ({
        startDate: new Date(Date.UTC(2023, 2, 1 + 2 * i)),
        endDate: new Date(Date.UTC(2023, 2, 2 + 2 * i)),
      })),
      rangeTest: { startDate: new Date("2023-03-15T00:00:00Z"), endDate: new Date("2023-03-15T02:00:00Z") },
      source: [async ({ offset }) => (offset === 0 ? [{ id: 1 }] : [])],
      getPrompt: async () => PINNED_STRATEGIES[0],
      template,
    });
    const dir = await makeTempDir(t, "backtest-kit-template-run-");
    await linkPackage(dir);
    const file = await Optimizer.dump(TEMPLATE_RUN_SYMBOL, { optimizerName }, dir);
    const outcome = await runGenerated(file, dir, generatedFileEnv(host, { BACKTEST_KIT_CANDLE_STORE: context.store }));
    return { ...outcome, dir };
  };
  return { run, baselineHost: () => context.baseline.host };
};
