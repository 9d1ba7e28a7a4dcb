import { resolve, join } from "node:path";
import {
  IOptimizer,
  IOptimizerParams,
  IOptimizerRange,
  IOptimizerStrategy,
  IOptimizerRunOptions,
} from "../../interfaces/Optimizer.interface";
import { MessageModel } from "../../interfaces/Message.interface";
import { describeValue } from "../../utils/describeValue";
import { toSafeFileName } from "../../utils/toSafeFileName";
import { writeFileAtomic } from "../../utils/writeFileAtomic";
import { hashStrings } from "../../utils/hashStrings";
import { toError } from "../../utils/toError";
import { widenPriceBand } from "../../utils/blind/blindText";
import {
  collectRows,
  DEFAULT_MAX_ROWS,
  describeRange,
  describeScope,
  IResolvedSource,
  ISourceScope,
  resolveSource,
} from "./sourcePages";
import { IPriceBandBox, redactStrategiesInRangeOrder } from "./blindRedaction";
import { assembleFile } from "./assembleFile";

/** Throws an error that says `context`, with `error` as its cause. */
const failWith = (context: string, error: unknown): never => {
  throw toError(context, error);
};

/** Throws unless a user hook produced text. */
function assertText(value: unknown, context: string): asserts value is string {
  if (typeof value !== "string") {
    throw new Error(`${context} must be a string, got ${describeValue(value)}`);
  }
}

/** Runs an awaited user hook, naming the hook and its scope if it throws. */
const runHook = async <T>(context: string, hook: () => T | Promise<T>): Promise<T> => {
  try {
    return await hook();
  } catch (error) {
    return failWith(context, error);
  }
};

/**
 * The values of `answers` in their order; when some reject, the first rejection in that
 * order (not the first in time), after every answer has settled.
 */
const inRangeOrder = async <T>(answers: Array<Promise<T>>): Promise<T[]> => {
  const settled = await Promise.allSettled(answers);
  const failure = settled.find((outcome) => outcome.status === "rejected");
  if (failure !== undefined) {
    throw (failure as PromiseRejectedResult).reason;
  }
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
};

/**
 * The Optimizer's engine: collects every source over every training range, asks
 * getPrompt for one strategy per range, generates the executable `.mjs` file from the
 * template and writes it atomically. Everything it uses (template, logger, progress
 * callback, prefix factory, file system) arrives through its params. getPrompt's answers
 * are kept for the life of the instance by symbol, range and conversation, so getData,
 * getCode and dump over unchanged data ask it once per range; `regenerate` asks again.
 */
export class ClientOptimizer implements IOptimizer {
  private readonly prompts = new Map<string, Promise<unknown>>();
  /** The latest getData's strategies by symbol (what the latest generated file was built from). */
  private readonly latest = new Map<string, IOptimizerStrategy[]>();

  constructor(readonly params: IOptimizerParams) {}

  /**
   * Collects the data and returns one strategy per training range. The sources are read
   * range after range (callbacks and progress in range order); each range's getPrompt
   * starts as soon as its conversation is complete, and the next range is collected
   * while fewer than `promptConcurrency` getPrompt calls are unanswered (at 1: strictly
   * one range after another). The strategies, the callbacks and the first error in
   * range order are those of a sequential run.
   */
  public getData = async (symbol: string, options: IOptimizerRunOptions = {}): Promise<IOptimizerStrategy[]> => {
    this.params.logger.debug("clientOptimizer getData", { symbol, options });
    const { rangeTrain, source, optimizerName, callbacks } = this.params;
    const sources = source.map(resolveSource);
    const sourceNames = sources.map(({ name }) => name).join(", ");
    const totalSources = rangeTrain.length * sources.length;
    let processedSources = 0;
    const limit = this.params.promptConcurrency();
    const answers: Array<Promise<IOptimizerStrategy>> = [];
    const unanswered = new Set<Promise<unknown>>();
    const failed = { any: false };
    const bands: IPriceBandBox[] = [];

    for (const [rangeIndex, range] of rangeTrain.entries()) {
      while (unanswered.size >= limit) {
        await Promise.race(unanswered);
      }
      if (failed.any) {
        break;
      }
      const messages: MessageModel[] = [];
      const emptySources: string[] = [];
      const band: IPriceBandBox = { band: null };
      for (const item of sources) {
        await this.emitProgress(symbol, totalSources, processedSources);
        const scope: ISourceScope = { optimizerName, sourceName: item.name, rangeIndex, range };
        const collected = await this.collectSourceMessages(symbol, item, scope, band);
        messages.push(...collected.messages);
        if (collected.rows === 0) {
          emptySources.push(item.name);
        }
        processedSources += 1;
      }
      await this.checkEmptySources(symbol, rangeIndex, range, emptySources);
      const rangeContext = `optimizer ${optimizerName} getPrompt ${describeRange(rangeIndex, range)}`;
      const answer = runHook(`${rangeContext} failed`, () =>
        this.askPrompt(symbol, range, messages, options.regenerate === true)
      ).then((strategy) => {
        assertText(strategy, rangeContext);
        return { symbol, name: sourceNames, range, messages, strategy };
      });
      const settled: Promise<void> = answer.then(
        () => {
          unanswered.delete(settled);
        },
        () => {
          failed.any = true;
          unanswered.delete(settled);
        }
      );
      unanswered.add(settled);
      answers.push(answer);
      bands.push(band);
    }

    const strategies = await this.blindInRangeOrder(await inRangeOrder(answers), bands);
    this.latest.set(symbol, strategies);
    await this.emitProgress(symbol, totalSources, totalSources);
    if (callbacks?.onData) {
      await runHook(`optimizer ${optimizerName} callbacks.onData failed`, () => callbacks.onData!(symbol, strategies));
    }
    return strategies;
  };

  /**
   * What the training conversations of the latest getData for `symbol` carried, summed
   * over its ranges; null before one, or when the optimizer is not blind.
   */
  public conversationFindings = (symbol: string) => {
    const strategies = this.latest.get(symbol);
    if (strategies === undefined || !this.isBlind()) {
      return null;
    }
    return strategies.reduce(
      (sum, item) => ({
        dates: sum.dates + (item.blindCheck?.conversation.dates ?? 0),
        prices: sum.prices + (item.blindCheck?.conversation.prices ?? 0),
        symbols: sum.symbols + (item.blindCheck?.conversation.symbols ?? 0),
      }),
      { dates: 0, prices: 0, symbols: 0 }
    );
  };

  /** Generates the complete executable `.mjs` file. */
  public getCode = async (symbol: string, options: IOptimizerRunOptions = {}): Promise<string> => {
    this.params.logger.debug("clientOptimizer getCode", { symbol, options });
    const { template, rangeTrain, testRanges, callbacks } = this.params;
    const strategies = await this.getData(symbol, options);
    const code = await assembleFile(template, symbol, strategies, {
      prefix: this.params.prefix ?? this.params.createPrefix(),
      rangeTrain,
      testRanges,
      llm: await this.generatedLlmSettings(symbol),
      blind: this.isBlind(),
    });
    if (callbacks?.onCode) {
      await runHook(`optimizer ${this.params.optimizerName} callbacks.onCode failed`, () => callbacks.onCode!(symbol, code));
    }
    return code;
  };

  /**
   * Generates the file and writes it as `{optimizerName}_{symbol}.mjs` into `path`
   * (relative to the working directory, created if missing). The name is made safe, so
   * the file always lands inside `path`; the write is atomic. Resolves to the file path.
   */
  public dump = async (symbol: string, path = "./", options: IOptimizerRunOptions = {}): Promise<string> => {
    this.params.logger.debug("clientOptimizer dump", { symbol, path, options });
    const { fs, optimizerName, callbacks } = this.params;
    const code = await this.getCode(symbol, options);
    const directory = resolve(path);
    const filePath = join(directory, toSafeFileName(`${optimizerName}_${symbol}`, ".mjs"));
    try {
      await fs.mkdir(directory, { recursive: true });
      await writeFileAtomic(fs, filePath, code);
    } catch (error) {
      this.params.logger.warn("clientOptimizer dump failed", { filePath, error });
      failWith(`optimizer ${optimizerName} could not write ${filePath}`, error);
    }
    this.params.logger.info("clientOptimizer dump saved", { filePath });
    if (callbacks?.onDump) {
      await runHook(`optimizer ${optimizerName} callbacks.onDump failed`, () => callbacks.onDump!(symbol, filePath));
    }
    return filePath;
  };

  /**
   * A range whose sources all returned no rows is an error naming the optimizer, the
   * symbol and the range (unless the schema sets allowEmptyRanges); each empty source of
   * a range that has data is an "empty-source" warning.
   */
  private async checkEmptySources(symbol: string, rangeIndex: number, range: IOptimizerRange, emptySources: string[]) {
    const { optimizerName, source, allowEmptyRanges } = this.params;
    const where = `optimizer ${optimizerName} symbol ${symbol} ${describeRange(rangeIndex, range)}`;
    if (emptySources.length === source.length && allowEmptyRanges !== true) {
      throw new Error(
        `${where}: no source returned any rows (${emptySources.join(", ")}), so there is nothing to build a strategy from; ` +
          "check that the data holds this symbol and range, or set allowEmptyRanges: true in the optimizer schema"
      );
    }
    for (const sourceName of emptySources) {
      await this.params.warn("empty-source", `${where}: source ${sourceName} returned no rows`, {
        optimizerName,
        symbol,
        sourceName,
        range: rangeIndex + 1,
        startDate: range.startDate.getTime(),
        endDate: range.endDate.getTime(),
      });
    }
  }

  /** Blind mode is on unless the schema says `blind: false`. */
  private isBlind = () => this.params.blind !== false;

  /**
   * In blind mode, each range's strategy with dates, prices and the symbol taken out, in
   * range order (blindRedaction); the strategies as they are otherwise.
   */
  private blindInRangeOrder = async (strategies: IOptimizerStrategy[], bands: IPriceBandBox[]) =>
    this.isBlind()
      ? await redactStrategiesInRangeOrder(strategies, bands, this.params.optimizerName, this.params.warn)
      : strategies;

  /**
   * The schema's llm settings as the file gets them: a host that is gone once this process
   * exits (a baseline model started here on a random port) becomes the lasting one, and a
   * warning says so.
   */
  private async generatedLlmSettings(symbol: string) {
    const llm = this.params.llm ?? {};
    const lasting = llm.host === undefined ? null : this.params.lastingHostOf(llm.host);
    if (lasting === null) {
      return llm;
    }
    const { optimizerName } = this.params;
    await this.params.warn(
      "model-host-replaced",
      `optimizer ${optimizerName} symbol ${symbol}: the generated file asks ${lasting} (unless OLLAMA_HOST is set), ` +
        `not ${llm.host}: that baseline model was started by this process on a random port and is gone once it exits`,
      { optimizerName, symbol, host: llm.host!, replacement: lasting }
    );
    return { ...llm, host: lasting };
  }

  /** Fetches one source for one range and turns its rows into a user/assistant pair. */
  private async collectSourceMessages(
    symbol: string,
    source: IResolvedSource,
    scope: ISourceScope,
    band: IPriceBandBox
  ): Promise<{ messages: MessageModel[]; rows: number }> {
    const { startDate, endDate } = scope.range;
    const maxRows = this.params.maxRows ?? DEFAULT_MAX_ROWS;
    const data = await collectRows(source, { symbol, startDate, endDate }, maxRows, scope);
    if (this.isBlind()) {
      band.band = widenPriceBand(band.band, data);
    }
    const { callbacks, template } = this.params;
    if (callbacks?.onSourceData) {
      await runHook(`${describeScope(scope)} callbacks.onSourceData failed`, () =>
        callbacks.onSourceData!(symbol, source.name, data, startDate, endDate)
      );
    }
    const user = source.user ?? template.getUserMessage;
    const assistant = source.assistant ?? template.getAssistantMessage;
    const [userContent, assistantContent] = await runHook(
      `${describeScope(scope)} message formatting failed`,
      () => Promise.all([user(symbol, data, source.name), assistant(symbol, data, source.name)])
    );
    assertText(userContent, `${describeScope(scope)} user message`);
    assertText(assistantContent, `${describeScope(scope)} assistant message`);
    return {
      messages: [
        { role: "user", content: userContent },
        { role: "assistant", content: assistantContent },
      ],
      rows: data.length,
    };
  }

  /**
   * getPrompt's answer for a range's conversation: the one already given in this
   * instance for the same symbol, range and messages, unless `regenerate`. A failed call
   * is not kept.
   */
  private askPrompt(
    symbol: string,
    range: IOptimizerRange,
    messages: MessageModel[],
    regenerate: boolean
  ): Promise<unknown> {
    const key = hashStrings([
      symbol,
      range.startDate.toISOString(),
      range.endDate.toISOString(),
      ...messages.flatMap(({ role, content }) => [role, content]),
    ]);
    const known = this.prompts.get(key);
    if (known !== undefined && !regenerate) {
      return known;
    }
    const answer = Promise.resolve().then(() => this.params.getPrompt(symbol, messages));
    this.prompts.set(key, answer);
    answer.catch(() => this.prompts.get(key) === answer && this.prompts.delete(key));
    return answer;
  }

  private async emitProgress(symbol: string, totalSources: number, processedSources: number) {
    await this.params.onProgress({
      optimizerName: this.params.optimizerName,
      symbol,
      totalSources,
      processedSources,
      progress: totalSources > 0 ? processedSources / totalSources : 0,
    });
  }
}

export default ClientOptimizer;
