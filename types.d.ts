/**
 * A logger the library writes its diagnostics to. Swap one in with `setLogger`;
 * by default nothing is printed.
 */
interface ILogger {
    /** General trace of what the library is doing. */
    log(topic: string, ...args: any[]): void;
    /** Detailed trace, useful when debugging a run. */
    debug(topic: string, ...args: any[]): void;
    /** Milestones a user may want to see (a file written, a run finished). */
    info(topic: string, ...args: any[]): void;
    /** Something went wrong but the library carried on. */
    warn(topic: string, ...args: any[]): void;
}

/** Who said a message in an LLM conversation. */
type MessageRole = "assistant" | "system" | "user";
/** One message of an LLM conversation, as Ollama's chat API takes it. */
interface MessageModel {
    /** Who said it. */
    role: MessageRole;
    /** What was said. */
    content: string;
}

/**
 * Progress of `Optimizer.getData` (and so of getCode and dump), emitted at the start
 * of every source of every training range, and once more with `progress: 1` at the end.
 */
interface ProgressOptimizerContract {
    /** The optimizer collecting data. */
    optimizerName: string;
    /** The symbol it collects data for. */
    symbol: string;
    /** Training ranges times sources. */
    totalSources: number;
    /** Sources finished so far. */
    processedSources: number;
    /** processedSources / totalSources, from 0 to 1. */
    progress: number;
}

/** Name an optimizer is registered under. */
type OptimizerName = string;
/** Identity of a row a source returns; rows are de-duplicated by it. */
type RowId = string | number;
/** Candle interval names a generated frame or strategy may use. */
type CandleInterval = "1m" | "3m" | "5m" | "15m" | "30m" | "1h" | "2h" | "4h" | "6h" | "8h";
/** A time range, both ends inclusive. */
interface IOptimizerRange {
    /** Free text describing the range. */
    note?: string;
    /** First moment of the range. */
    startDate: Date;
    /** Last moment of the range (not before startDate). */
    endDate: Date;
}
/** Every row a source returns must carry a unique id. */
interface IOptimizerData {
    /** Unique identity of the row. */
    id: RowId;
}
/** What a source is asked for: one symbol over one training range. */
interface IOptimizerFilterArgs {
    /** Trading pair, e.g. "BTCUSDT". */
    symbol: string;
    /** Start of the training range. */
    startDate: Date;
    /** End of the training range. */
    endDate: Date;
}
/** One page request to a source. */
interface IOptimizerFetchArgs extends IOptimizerFilterArgs {
    /** Rows per page (25). */
    limit: number;
    /** Rows to skip. */
    offset: number;
}
/** A source as a plain function returning one page of rows. */
interface IOptimizerSourceFn<Data extends IOptimizerData = any> {
    (args: IOptimizerFetchArgs): Data[] | Promise<Data[]>;
}
/** Formats a source's rows into one message of the conversation. */
type IOptimizerMessageFormatter<Data extends IOptimizerData = any> = (symbol: string, data: Data[], name: string) => string | Promise<string>;
/** A named source with optional message formatters. */
interface IOptimizerSource<Data extends IOptimizerData = any> {
    /** Free text describing the source. */
    note?: string;
    /** Name used in callbacks, messages and errors ("unknown" when empty). */
    name: string;
    /** Returns one page of rows. */
    fetch: IOptimizerSourceFn<Data>;
    /** Formats the user message (defaults to the template's getUserMessage). */
    user?: IOptimizerMessageFormatter<Data>;
    /** Formats the assistant message (defaults to the template's getAssistantMessage). */
    assistant?: IOptimizerMessageFormatter<Data>;
}
/** A source: a fetch function or a named source object. */
type Source<Data extends IOptimizerData = any> = IOptimizerSourceFn<Data> | IOptimizerSource<Data>;
/** The strategy generated for one training range. */
interface IOptimizerStrategy {
    /** Trading pair the strategy was generated for. */
    symbol: string;
    /** Names of the sources that fed the conversation, joined by ", ". */
    name: string;
    /** The training range the conversation covers. */
    range: IOptimizerRange;
    /** The conversation given to getPrompt: one user/assistant pair per source. */
    messages: MessageModel[];
    /** The strategy text getPrompt returned. */
    strategy: string;
}
/** Lifecycle hooks of an optimizer. */
interface IOptimizerCallbacks {
    /** After all training ranges got their strategy. */
    onData: (symbol: string, strategyData: IOptimizerStrategy[]) => void | Promise<void>;
    /** After the code was generated. */
    onCode: (symbol: string, code: string) => void | Promise<void>;
    /** After the file was written (atomically). */
    onDump: (symbol: string, filepath: string) => void | Promise<void>;
    /** After one source returned all its rows for one range. */
    onSourceData: <Data extends IOptimizerData = any>(symbol: string, sourceName: string, data: Data[], startDate: Date, endDate: Date) => void | Promise<void>;
}
/**
 * The code generator. Each method returns one section of the generated `.mjs` file
 * (or one default message); any of them can be overridden in the schema.
 */
interface IOptimizerTemplate {
    /** Shebang, imports and constants. */
    getTopBanner(symbol: string): string | Promise<string>;
    /** Default user message for a source's rows. */
    getUserMessage<Data extends IOptimizerData = any>(symbol: string, data: Data[], name: string): string | Promise<string>;
    /** Default assistant message for a source's rows. */
    getAssistantMessage<Data extends IOptimizerData = any>(symbol: string, data: Data[], name: string): string | Promise<string>;
    /** The addWalker() call comparing all strategies on the test frame. */
    getWalkerTemplate(walkerName: string, exchangeName: string, frameName: string, strategies: string[]): string | Promise<string>;
    /** The addExchange() call. */
    getExchangeTemplate(symbol: string, exchangeName: string): string | Promise<string>;
    /** One addFrame() call. */
    getFrameTemplate(symbol: string, frameName: string, interval: CandleInterval, startDate: Date, endDate: Date): string | Promise<string>;
    /** One addStrategy() call whose getSignal asks the LLM, following `prompt`. */
    getStrategyTemplate(strategyName: string, interval: string, prompt: string): string | Promise<string>;
    /** Code that starts the walker and listens to its events. */
    getLauncherTemplate(symbol: string, walkerName: string): string | Promise<string>;
    /** The text(messages) helper. */
    getTextTemplate(symbol: string): string | Promise<string>;
    /** The json(messages) helper returning a signal. */
    getJsonTemplate(symbol: string): string | Promise<string>;
    /** The dumpJson(resultId, history, result) helper. */
    getJsonDumpTemplate(symbol: string): string | Promise<string>;
}
/** What `addOptimizer` takes. */
interface IOptimizerSchema {
    /** Free text describing the optimizer. */
    note?: string;
    /** Unique name. */
    optimizerName: OptimizerName;
    /** Training ranges: one generated strategy each. */
    rangeTrain: IOptimizerRange[];
    /** The range the generated walker backtests on. */
    rangeTest: IOptimizerRange;
    /** Data sources, queried for every training range. */
    source: Source[];
    /** Turns one range's conversation into a strategy description (usually an LLM call). */
    getPrompt: (symbol: string, messages: MessageModel[]) => string | Promise<string>;
    /** Overrides of the default code templates, one method at a time. */
    template?: Partial<IOptimizerTemplate>;
    /** Lifecycle hooks. */
    callbacks?: Partial<IOptimizerCallbacks>;
    /**
     * Name prefix of everything the generated code registers. Random (7 characters)
     * when absent; set it to make generated code reproducible.
     */
    prefix?: string;
    /**
     * Most rows one source may return for one range (default 1,000,000). A source still
     * returning full pages past it is an error, never a silent cut.
     */
    maxRows?: number;
}

/**
 * Registers an optimizer: data sources, training ranges (one generated strategy each),
 * a test range for the generated walker, and getPrompt, which turns a range's
 * conversation into a strategy description. A malformed schema or a taken name throws
 * here, naming the field, and leaves nothing registered.
 *
 * @example
 * addOptimizer({
 *   optimizerName: "btc-llm",
 *   rangeTrain: [{ startDate: new Date("2023-03-01"), endDate: new Date("2023-03-07") }],
 *   rangeTest: { startDate: new Date("2023-03-08"), endDate: new Date("2023-03-09") },
 *   source: [async ({ limit, offset }) => rows.slice(offset, offset + limit)],
 *   getPrompt: async (symbol, messages) => "Buy dips to the 1h support",
 * });
 */
declare function addOptimizer(optimizerSchema: IOptimizerSchema): void;

/** Every registered optimizer schema, in registration order. */
declare function listOptimizers(): Promise<IOptimizerSchema[]>;

/**
 * Calls `fn` with every optimizer progress event. Events reach each listener in order,
 * one at a time (an async listener finishes before it gets the next event), and the
 * optimizer waits for its listeners. A listener that throws is logged as a warning; it
 * breaks neither the run nor the other listeners.
 *
 * @returns A function that unsubscribes `fn`.
 */
declare function listenOptimizerProgress(fn: (event: ProgressOptimizerContract) => void | Promise<void>): () => void;

/**
 * Sends the library's diagnostics to `logger` (by default nothing is logged). Methods
 * the logger lacks are skipped; one that is present must be a function.
 *
 * @example
 * setLogger({ log: console.log, debug: () => {}, info: console.info, warn: console.warn });
 */
declare function setLogger(logger: Partial<ILogger>): void;

/** Which optimizer a facade call is about. */
interface IOptimizerContext {
    /** Name given to addOptimizer. */
    optimizerName: OptimizerName;
}
/** Static facade of the Optimizer: collect data, generate code, write the file. */
declare class OptimizerUtils {
    /**
     * Collects every source over every training range and returns one strategy per range
     * (getPrompt is called once per range).
     */
    getData: (symbol: string, context: IOptimizerContext) => Promise<IOptimizerStrategy[]>;
    /** Returns the complete generated `.mjs` file as text. */
    getCode: (symbol: string, context: IOptimizerContext) => Promise<string>;
    /**
     * Writes the generated file as `{optimizerName}_{symbol}.mjs` into `path` (default
     * the working directory), atomically, and resolves to the file's path.
     */
    dump: (symbol: string, context: IOptimizerContext, path?: string) => Promise<string>;
}
/** The Optimizer facade. */
declare const Optimizer: OptimizerUtils;

export { Optimizer, OptimizerUtils, addOptimizer, listOptimizers, listenOptimizerProgress, setLogger };
export type { CandleInterval, ILogger, IOptimizerCallbacks, IOptimizerContext, IOptimizerData, IOptimizerFetchArgs, IOptimizerFilterArgs, IOptimizerMessageFormatter, IOptimizerRange, IOptimizerSchema, IOptimizerSource, IOptimizerSourceFn, IOptimizerStrategy, IOptimizerTemplate, MessageModel, MessageRole, OptimizerName, ProgressOptimizerContract, RowId, Source };
