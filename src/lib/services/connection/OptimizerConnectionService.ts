import { memoize } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import OptimizerSchemaService from "../schema/OptimizerSchemaService";
import OptimizerTemplateService from "../template/OptimizerTemplateService";
import ClientOptimizer from "../../../client/optimizer/ClientOptimizer";
import ClientLeakCheck from "../../../client/blind/ClientLeakCheck";
import { ILeakCheckOptions, ILeakCheckReport } from "../../../interfaces/LeakCheck.interface";
import { runNodeFile } from "../../../utils/generated/runNodeFile";
import { BASELINE_DEFAULT_HOST, DEFAULT_LLM_CACHE_DIR, LLM_ENV } from "../../../config/llm";
import { isEphemeralHost } from "../../../utils/baseline/ephemeralHosts";
import { CANDLE_STORE_ENV, resolveStorePath } from "./CandleStoreConnectionService";
import { dirname, join, resolve } from "node:path";
import {
  IOptimizerRunOptions,
  IOptimizerStrategy,
  IOptimizerTemplate,
  OptimizerName,
} from "../../../interfaces/Optimizer.interface";
import ProgressOptimizerContract from "../../../contract/ProgressOptimizer.contract";
import { progressOptimizerEmitter, raiseWarning } from "../../../config/emitters";
import LlmConnectionService from "./LlmConnectionService";
import { createRandomPrefix } from "../../../utils/createRandomPrefix";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import { resolveOptimizerRanges } from "../../../utils/optimizer/optimizerRanges";


/** Publishes a progress event to `listenOptimizerProgress` subscribers, in order. */
const COMMIT_PROGRESS_FN = (progress: ProgressOptimizerContract) => progressOptimizerEmitter.next(progress);

/** Where leakCheck writes the generated file when no `out` is given. */
const DEFAULT_GENERATED_DIR = "./generated";

/** A baseline model of this process on a random port is asked, in generated files, where `backtest-kit baseline` listens. */
const LASTING_HOST_OF = (host: string) => (isEphemeralHost(host) ? BASELINE_DEFAULT_HOST : null);

/** Bound of one run of the generated file in a leak check. */
const DEFAULT_LEAK_CHECK_TIMEOUT_MS = 3_600_000;

/**
 * Builds one ClientOptimizer per optimizer name (memoized): the schema's template
 * overrides merged over the default template methods, the logger, the progress
 * emitter, the random prefix factory and the real file system.
 */
export class OptimizerConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly optimizerSchemaService = inject<OptimizerSchemaService>(TYPES.optimizerSchemaService);
  private readonly optimizerTemplateService = inject<OptimizerTemplateService>(TYPES.optimizerTemplateService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);

  /**
   * getPrompt calls of one optimizer run at once: the model request pool's limit now
   * (CC_LLM_CONCURRENCY, or where the adaptive pool stands). The range tasks hold no pool
   * slot themselves (getPrompt's askText takes one), so they cannot starve the requests
   * they wait for.
   */
  private readonly promptConcurrency = () => this.llmConnectionService.getLimit();

  /** The client of one optimizer, built on first use. */
  public getOptimizer = memoize(
    ([optimizerName]) => `${optimizerName}`,
    (optimizerName: OptimizerName) => {
      const schema = this.optimizerSchemaService.get(optimizerName);
      return new ClientOptimizer({
        ...schema,
        ...resolveOptimizerRanges(schema),
        optimizerName,
        logger: this.loggerService,
        template: this.mergeTemplate(schema.template ?? {}),
        onProgress: COMMIT_PROGRESS_FN,
        createPrefix: createRandomPrefix,
        fs: NODE_FILE_SYSTEM,
        warn: raiseWarning,
        promptConcurrency: this.promptConcurrency,
        lastingHostOf: LASTING_HOST_OF,
      });
    }
  );

  /** Strategies of one optimizer for a symbol. */
  public getData = async (
    symbol: string,
    optimizerName: OptimizerName,
    options?: IOptimizerRunOptions
  ): Promise<IOptimizerStrategy[]> => {
    this.loggerService.log("optimizerConnectionService getData", { symbol, optimizerName });
    return await this.getOptimizer(optimizerName).getData(symbol, options);
  };

  /** Generated code of one optimizer for a symbol. */
  public getCode = async (symbol: string, optimizerName: OptimizerName, options?: IOptimizerRunOptions): Promise<string> => {
    this.loggerService.log("optimizerConnectionService getCode", { symbol, optimizerName });
    return await this.getOptimizer(optimizerName).getCode(symbol, options);
  };

  /** Writes the generated file of one optimizer; resolves to its path. */
  public dump = async (
    symbol: string,
    optimizerName: OptimizerName,
    path?: string,
    options?: IOptimizerRunOptions
  ): Promise<string> => {
    this.loggerService.log("optimizerConnectionService dump", { symbol, optimizerName, path });
    return await this.getOptimizer(optimizerName).dump(symbol, path, options);
  };

  /**
   * The memorization check of one optimizer: writes its file into `options.out`
   * (default ./generated), then runs it blind and plain, each in
   * `<out>/leak-check/<mode>/`, with the candle store and the LLM cache of the working
   * directory (absolute paths), and compares the two walkers' results.
   */
  public leakCheck = async (
    symbol: string,
    optimizerName: OptimizerName,
    options: ILeakCheckOptions = {},
    runOptions?: IOptimizerRunOptions
  ): Promise<ILeakCheckReport> => {
    this.loggerService.log("optimizerConnectionService leakCheck", { symbol, optimizerName, options });
    const file = await this.dump(symbol, optimizerName, options.out ?? DEFAULT_GENERATED_DIR, runOptions);
    const env = this.generatedRunEnv();
    return await this.leakCheckClient.run({
      symbol,
      optimizerName,
      file,
      windows: resolveOptimizerRanges(this.optimizerSchemaService.get(optimizerName)).testRanges,
      runDir: join(dirname(file), "leak-check"),
      env,
      timeoutMs: options.timeoutMs ?? DEFAULT_LEAK_CHECK_TIMEOUT_MS,
      conversation: this.getOptimizer(optimizerName).conversationFindings(symbol),
    });
  };

  /**
   * The environment a generated file runs with as a child process: this one, with the
   * candle store and the LLM cache of the working directory as absolute paths (the file
   * runs in another directory).
   */
  public generatedRunEnv = (): Record<string, string | undefined> => ({
    ...process.env,
    [CANDLE_STORE_ENV]: resolveStorePath(undefined),
    [LLM_ENV.cacheDir]: resolve(process.env[LLM_ENV.cacheDir] || DEFAULT_LLM_CACHE_DIR),
  });

  private readonly leakCheckClient = new ClientLeakCheck({ runFile: runNodeFile, fs: NODE_FILE_SYSTEM, logger: this.loggerService });

  private mergeTemplate(overrides: Partial<IOptimizerTemplate>): IOptimizerTemplate {
    const defaults = this.optimizerTemplateService;
    return {
      getTopBanner: overrides.getTopBanner ?? defaults.getTopBanner,
      getUserMessage: overrides.getUserMessage ?? defaults.getUserMessage,
      getAssistantMessage: overrides.getAssistantMessage ?? defaults.getAssistantMessage,
      getWalkerTemplate: overrides.getWalkerTemplate ?? defaults.getWalkerTemplate,
      getExchangeTemplate: overrides.getExchangeTemplate ?? defaults.getExchangeTemplate,
      getFrameTemplate: overrides.getFrameTemplate ?? defaults.getFrameTemplate,
      getStrategyTemplate: overrides.getStrategyTemplate ?? defaults.getStrategyTemplate,
      getLauncherTemplate: overrides.getLauncherTemplate ?? defaults.getLauncherTemplate,
      getTextTemplate: overrides.getTextTemplate ?? defaults.getTextTemplate,
      getJsonTemplate: overrides.getJsonTemplate ?? defaults.getJsonTemplate,
      getJsonDumpTemplate: overrides.getJsonDumpTemplate ?? defaults.getJsonDumpTemplate,
      getWalkForwardLauncherTemplate: overrides.getWalkForwardLauncherTemplate ?? defaults.getWalkForwardLauncherTemplate,
    };
  }
}

export default OptimizerConnectionService;
