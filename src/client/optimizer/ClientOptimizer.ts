import { distinctDocuments, resolveDocuments } from "functools-kit";
import { resolve, join } from "node:path";
import {
  IOptimizer,
  IOptimizerData,
  IOptimizerFilterArgs,
  IOptimizerParams,
  IOptimizerRange,
  IOptimizerSourceFn,
  IOptimizerStrategy,
  IOptimizerMessageFormatter,
  IOptimizerRunOptions,
  IOptimizerBlindCheck,
  Source,
} from "../../interfaces/Optimizer.interface";
import { MessageModel } from "../../interfaces/Message.interface";
import { describeValue } from "../../utils/describeValue";
import { toSafeFileName } from "../../utils/toSafeFileName";
import { writeFileAtomic } from "../../utils/writeFileAtomic";
import { hashStrings } from "../../utils/hashStrings";
import { toError } from "../../utils/toError";
import { IPriceBand, redactBlindText, widenPriceBand } from "../../utils/blind/blindText";

/** Rows asked of a source per page, as in the reference. */
const PAGE_SIZE = 25;

/** Default bound on the rows one source may return for one range. */
const DEFAULT_MAX_ROWS = 1_000_000;

/** Name of a source that has none (a plain function, or an empty name). */
const DEFAULT_SOURCE_NAME = "unknown";

/** Interval of the generated frames. */
const FRAME_INTERVAL = "1m";

/** Interval of the generated strategies. */
const STRATEGY_INTERVAL = "5m";

/** Where a source's rows are being collected: for error messages. */
interface ISourceScope {
  optimizerName: string;
  sourceName: string;
  rangeIndex: number;
  range: IOptimizerRange;
}

/** A source with its name and formatters resolved. */
interface IResolvedSource {
  name: string;
  fetch: IOptimizerSourceFn;
  user?: IOptimizerMessageFormatter;
  assistant?: IOptimizerMessageFormatter;
}

/** The candle price band of one range's rows, filled while its sources are collected. */
interface IPriceBandBox {
  band: IPriceBand | null;
}

/** The line above a strategy in a blind file: what the check of its text found (counts only). */
const blindCheckComment = ({ dates, prices, symbols, pricesChecked }: IOptimizerBlindCheck) =>
  `// Blind mode: this strategy's text was checked for dates, ${pricesChecked ? "prices" : "prices (not told apart: no candle rows)"} ` +
  `and the symbol before it was written here: ${dates + prices + symbols === 0 ? "none found" : `${dates} date(s), ${prices} price(s), ${symbols} symbol name(s) taken out`}.`;

/** Counts the rows that came through de-duplication. */
interface IRowCounter {
  rows: number;
}

const describeRange = (rangeIndex: number, range: IOptimizerRange) =>
  `range ${rangeIndex + 1} (${range.startDate.toISOString()} - ${range.endDate.toISOString()})`;

const describeScope = ({ optimizerName, sourceName, rangeIndex, range }: ISourceScope) =>
  `optimizer ${optimizerName} source ${sourceName} ${describeRange(rangeIndex, range)}`;

/** Throws an error that says `context`, with `error` as its cause. */
const failWith = (context: string, error: unknown): never => {
  throw toError(context, error);
};

const resolveSource = (source: Source): IResolvedSource =>
  typeof source === "function"
    ? { name: DEFAULT_SOURCE_NAME, fetch: source }
    : {
        name: source.name || DEFAULT_SOURCE_NAME,
        fetch: source.fetch,
        user: source.user,
        assistant: source.assistant,
      };

const isRowId = (id: unknown) => typeof id === "string" || (typeof id === "number" && Number.isFinite(id));

/** Checks one page a source returned: an array of rows, each with an id. */
const assertPage = (page: unknown, offset: number, scope: ISourceScope): IOptimizerData[] => {
  if (!Array.isArray(page)) {
    throw new Error(`${describeScope(scope)} returned ${describeValue(page)} at offset ${offset}, expected an array of rows`);
  }
  if (page.length > PAGE_SIZE) {
    throw new Error(`${describeScope(scope)} returned ${page.length} rows at offset ${offset}, more than the limit of ${PAGE_SIZE}`);
  }
  page.forEach((row, index) => {
    if (typeof row !== "object" || row === null || !isRowId(row.id)) {
      throw new Error(
        `${describeScope(scope)} returned a row without a string or number id at offset ${offset + index}: ${describeValue(row)}`
      );
    }
  });
  return page;
};

/**
 * Asks a source for page after page until a short page. Every page is checked; a full
 * page that adds no new row (the source does not advance) and a source that passes
 * `maxRows` are errors naming the source and the range, so nothing loops forever.
 */
async function* fetchPages(
  fetch: IOptimizerSourceFn,
  filter: IOptimizerFilterArgs,
  maxRows: number,
  counter: IRowCounter,
  scope: ISourceScope
) {
  for (let offset = 0; ; offset += PAGE_SIZE) {
    if (offset >= maxRows) {
      throw new Error(`${describeScope(scope)} still returns full pages after ${maxRows} rows (maxRows)`);
    }
    let page: unknown;
    try {
      page = await fetch({ ...filter, limit: PAGE_SIZE, offset });
    } catch (error) {
      failWith(`${describeScope(scope)} failed at offset ${offset}`, error);
    }
    const rows = assertPage(page, offset, scope);
    const rowsBefore = counter.rows;
    yield rows;
    if (rows.length < PAGE_SIZE) {
      return;
    }
    if (counter.rows === rowsBefore) {
      throw new Error(
        `${describeScope(scope)} does not advance: the full page at offset ${offset} holds only rows already seen`
      );
    }
  }
}

/** Passes rows through, counting them. */
async function* countRows<T>(rows: AsyncIterable<T>, counter: IRowCounter) {
  for await (const row of rows) {
    counter.rows += 1;
    yield row;
  }
}

/** All rows of one source for one range, de-duplicated by id. */
const collectRows = async (
  source: IResolvedSource,
  filter: IOptimizerFilterArgs,
  maxRows: number,
  scope: ISourceScope
): Promise<IOptimizerData[]> => {
  const counter: IRowCounter = { rows: 0 };
  const pages = fetchPages(source.fetch, filter, maxRows, counter, scope);
  const distinct = distinctDocuments<IOptimizerData>(pages, (row) => row.id);
  return await resolveDocuments(countRows(distinct, counter));
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

/** The names of several test windows: a frame and a walker each, and the out-of-sample report. */
const createWindowNames = (names: ReturnType<typeof createNames>, windowCount: number) => ({
  frameNames: Array.from({ length: windowCount }, (_, i) => `${names.testFrameName}-${i + 1}`),
  walkerNames: Array.from({ length: windowCount }, (_, i) => `${names.walkerName}-${i + 1}`),
  reportName: `${names.walkerName}_walk_forward`,
});

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

/** The names everything in one generated file is registered under. */
const createNames = (prefix: string, rangeCount: number) => ({
  exchangeName: `${prefix}_exchange`,
  trainFrameNames: Array.from({ length: rangeCount }, (_, i) => `${prefix}_train_frame-${i + 1}`),
  testFrameName: `${prefix}_test_frame`,
  strategyNames: Array.from({ length: rangeCount }, (_, i) => `${prefix}_strategy-${i + 1}`),
  walkerName: `${prefix}_walker`,
});

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
    await this.emitProgress(symbol, totalSources, totalSources);
    if (callbacks?.onData) {
      await runHook(`optimizer ${optimizerName} callbacks.onData failed`, () => callbacks.onData!(symbol, strategies));
    }
    return strategies;
  };

  /** Generates the complete executable `.mjs` file. */
  public getCode = async (symbol: string, options: IOptimizerRunOptions = {}): Promise<string> => {
    this.params.logger.debug("clientOptimizer getCode", { symbol, options });
    const { template, rangeTrain, testRanges, callbacks } = this.params;
    const strategies = await this.getData(symbol, options);
    const llm = this.params.llm ?? {};
    const names = createNames(this.params.prefix ?? this.params.createPrefix(), rangeTrain.length);

    const sections: string[] = [
      await template.getTopBanner(symbol),
      await template.getJsonDumpTemplate(symbol),
      await template.getTextTemplate(symbol, llm),
      await template.getJsonTemplate(symbol, llm, this.isBlind()),
      await template.getExchangeTemplate(symbol, names.exchangeName),
    ];
    for (const [index, range] of rangeTrain.entries()) {
      sections.push(
        await template.getFrameTemplate(symbol, names.trainFrameNames[index], FRAME_INTERVAL, range.startDate, range.endDate)
      );
    }
    const windows = testRanges.length === 1 ? null : createWindowNames(names, testRanges.length);
    if (windows === null) {
      const [rangeTest] = testRanges;
      sections.push(
        await template.getFrameTemplate(symbol, names.testFrameName, FRAME_INTERVAL, rangeTest.startDate, rangeTest.endDate)
      );
    } else {
      for (const [index, range] of testRanges.entries()) {
        sections.push(
          await template.getFrameTemplate(symbol, windows.frameNames[index], FRAME_INTERVAL, range.startDate, range.endDate)
        );
      }
    }
    for (const [index, { strategy, blindCheck }] of strategies.entries()) {
      const code = await template.getStrategyTemplate(names.strategyNames[index], STRATEGY_INTERVAL, strategy, this.isBlind());
      sections.push(blindCheck === undefined ? code : `${blindCheckComment(blindCheck)}\n${code}`);
    }
    if (windows === null) {
      sections.push(
        await template.getWalkerTemplate(names.walkerName, names.exchangeName, names.testFrameName, names.strategyNames),
        await template.getLauncherTemplate(symbol, names.walkerName)
      );
    } else {
      for (const [index, walkerName] of windows.walkerNames.entries()) {
        sections.push(
          await template.getWalkerTemplate(walkerName, names.exchangeName, windows.frameNames[index], names.strategyNames)
        );
      }
      sections.push(await template.getWalkForwardLauncherTemplate(symbol, windows.walkerNames, windows.reportName));
    }

    const code = sections.map((section) => `${section}\n`).join("\n");
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
   * In blind mode, each range's strategy with dates, prices and the symbol taken out, one
   * range after another (so its warnings keep range order); the strategies as they are
   * otherwise.
   */
  private blindInRangeOrder = async (strategies: IOptimizerStrategy[], bands: IPriceBandBox[]) => {
    if (!this.isBlind()) {
      return strategies;
    }
    const blinded: IOptimizerStrategy[] = [];
    for (const [rangeIndex, item] of strategies.entries()) {
      blinded.push(await this.blindStrategy(item, rangeIndex, bands[rangeIndex].band));
    }
    return blinded;
  };

  /**
   * A strategy with dates, prices (numbers within the range's candle price band) and
   * the symbol taken out of its text, and the counts; a warning says when anything was.
   */
  private async blindStrategy(item: IOptimizerStrategy, rangeIndex: number, band: IPriceBand | null) {
    const { text, dates, prices, symbols } = redactBlindText(item.strategy, item.symbol, band);
    if (dates + prices + symbols > 0) {
      const { optimizerName } = this.params;
      await this.params.warn(
        "blind-strategy-redacted",
        `optimizer ${optimizerName} ${describeRange(rangeIndex, item.range)}: blind mode took ${dates} date(s), ` +
          `${prices} price(s) and ${symbols} symbol name(s) out of the strategy text before writing it into the file`,
        { optimizerName, symbol: item.symbol, range: rangeIndex + 1, dates, prices, symbols }
      );
    }
    return { ...item, strategy: text, blindCheck: { dates, prices, symbols, pricesChecked: band !== null } };
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
