import { CandleInterval } from "./Exchange.interface";
import { IFileSystem } from "./FileSystem.interface";
import { ILogger } from "./Logger.interface";
import { MessageModel } from "./Message.interface";
import { LlmProviderName } from "./Llm.interface";
import ProgressOptimizerContract from "../contract/ProgressOptimizer.contract";
import { RaiseWarning } from "../contract/Warning.contract";

/** Name an optimizer is registered under. */
export type OptimizerName = string;

/** Identity of a row a source returns; rows are de-duplicated by it. */
export type RowId = string | number;

/** A time range, both ends inclusive. */
export interface IOptimizerRange {
  /** Free text describing the range. */
  note?: string;
  /** First moment of the range. */
  startDate: Date;
  /** Last moment of the range (not before startDate). */
  endDate: Date;
}

/** Every row a source returns must carry a unique id. */
export interface IOptimizerData {
  /** Unique identity of the row. */
  id: RowId;
}

/** What a source is asked for: one symbol over one training range. */
export interface IOptimizerFilterArgs {
  /** Trading pair, e.g. "BTCUSDT". */
  symbol: string;
  /** Start of the training range. */
  startDate: Date;
  /** End of the training range. */
  endDate: Date;
}

/** One page request to a source. */
export interface IOptimizerFetchArgs extends IOptimizerFilterArgs {
  /** Rows per page (25). */
  limit: number;
  /** Rows to skip. */
  offset: number;
}

/** A source as a plain function returning one page of rows. */
export interface IOptimizerSourceFn<Data extends IOptimizerData = any> {
  (args: IOptimizerFetchArgs): Data[] | Promise<Data[]>;
}

/** Formats a source's rows into one message of the conversation. */
export type IOptimizerMessageFormatter<Data extends IOptimizerData = any> = (
  symbol: string,
  data: Data[],
  name: string
) => string | Promise<string>;

/** A named source with optional message formatters. */
export interface IOptimizerSource<Data extends IOptimizerData = any> {
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
export type Source<Data extends IOptimizerData = any> =
  | IOptimizerSourceFn<Data>
  | IOptimizerSource<Data>;

/** The strategy generated for one training range. */
export interface IOptimizerStrategy {
  /** Trading pair the strategy was generated for. */
  symbol: string;
  /** Names of the sources that fed the conversation, joined by ", ". */
  name: string;
  /** The training range the conversation covers. */
  range: IOptimizerRange;
  /** The conversation given to getPrompt: one user/assistant pair per source. */
  messages: MessageModel[];
  /** The strategy text getPrompt returned (in blind mode, with dates, prices and the symbol taken out). */
  strategy: string;
  /** Blind mode only: how many dates, prices and symbol names were taken out of the strategy text. */
  blindCheck?: IOptimizerBlindCheck;
}

/** What the blind check took out of one strategy text before it went into the file. */
export interface IOptimizerBlindCheck {
  dates: number;
  prices: number;
  symbols: number;
  /** False when the sources gave no candle rows (open/high/low/close), so prices could not be told apart. */
  pricesChecked: boolean;
  /**
   * What the training conversation's user messages carried (counted the same way; they
   * are not changed: the model has read them). Anything above 0 means the model saw the period.
   */
  conversation: { dates: number; prices: number; symbols: number };
}

/** Lifecycle hooks of an optimizer. */
export interface IOptimizerCallbacks {
  /** After all training ranges got their strategy. */
  onData: (symbol: string, strategyData: IOptimizerStrategy[]) => void | Promise<void>;
  /** After the code was generated. */
  onCode: (symbol: string, code: string) => void | Promise<void>;
  /** After the file was written (atomically). */
  onDump: (symbol: string, filepath: string) => void | Promise<void>;
  /** After one source returned all its rows for one range. */
  onSourceData: <Data extends IOptimizerData = any>(
    symbol: string,
    sourceName: string,
    data: Data[],
    startDate: Date,
    endDate: Date
  ) => void | Promise<void>;
}

/**
 * The code generator. Each method returns one section of the generated `.mjs` file
 * (or one default message); any of them can be overridden in the schema. Each default
 * section stands on its own: it imports what it uses and relies on other sections only
 * for the helpers they are documented to define (json, text, dumpJson), so overriding
 * any one method, the banner included, leaves the others working.
 */
export interface IOptimizerTemplate {
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
  /**
   * One addStrategy() call whose getSignal asks the LLM, following `prompt`; `blind` is
   * the schema's blind option (the file's default mode, as for getJsonTemplate).
   */
  getStrategyTemplate(strategyName: string, interval: string, prompt: string, blind: boolean): string | Promise<string>;
  /** Code that starts the walker and listens to its events. */
  getLauncherTemplate(symbol: string, walkerName: string): string | Promise<string>;
  /** The text(messages) helper; `llm` holds the generation-time endpoint and model defaults. */
  getTextTemplate(symbol: string, llm: IOptimizerLlmSettings): string | Promise<string>;
  /**
   * The json(messages) helper returning { id, signal, answer }; `llm` as for
   * getTextTemplate; `blind` is the schema's blind option (the file's default mode).
   */
  getJsonTemplate(symbol: string, llm: IOptimizerLlmSettings, blind: boolean): string | Promise<string>;
  /** The dumpJson(resultId, history, result) helper. */
  getJsonDumpTemplate(symbol: string): string | Promise<string>;
  /**
   * With several test windows: code that runs one walker per window in turn, dumps each
   * walker's report, then the out-of-sample report `reportName` over all windows.
   */
  getWalkForwardLauncherTemplate(symbol: string, walkerNames: string[], reportName: string): string | Promise<string>;
}

/**
 * Protocol, endpoint and models the generated helpers fall back to when the protocol's
 * variables (OLLAMA_HOST/OLLAMA_MODEL, or OPENAI_BASE_URL/OPENAI_MODEL) are not set at run
 * time; BACKTEST_KIT_LLM_PROVIDER at run time may switch to the other protocol. No API
 * key: that is only ever read from OLLAMA_API_KEY or OPENAI_API_KEY.
 */
export interface IOptimizerLlmSettings {
  /** Endpoint protocol (default "ollama"). */
  provider?: LlmProviderName;
  /** Endpoint (default https://ollama.com, or https://api.openai.com/v1 for "openai"). */
  host?: string;
  /** Model of signal requests (default deepseek-v3.1:671b; required for "openai"). */
  model?: string;
  /** Model of the text helper (default: `model`). */
  textModel?: string;
}

/** What `addOptimizer` takes. */
export interface IOptimizerSchema {
  /** Free text describing the optimizer. */
  note?: string;
  /** Unique name. */
  optimizerName: OptimizerName;
  /** Training ranges: one generated strategy each (absent with walkForward). */
  rangeTrain?: IOptimizerRange[];
  /**
   * The range the generated walker backtests on, or several test windows: every
   * strategy is backtested on each, and the best is chosen on the out-of-sample total
   * (absent with walkForward).
   */
  rangeTest?: IOptimizerRange | IOptimizerRange[];
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
  /** Generation-time LLM defaults of the generated file (see IOptimizerLlmSettings). */
  llm?: IOptimizerLlmSettings;
  /**
   * Blind prompts (default true): the generated strategies show the model relative
   * times, the alias ASSET and prices rebased to the last close (formatCandlesBlind) and
   * ask askSignal with `blind: true`; the strategy texts are cleared of dates, prices
   * and the symbol before they go into the file. BACKTEST_KIT_BLIND=on|off overrides it
   * when the file runs. false: today's plain prompts, byte for byte.
   */
  blind?: boolean;
  /**
   * Let a training range whose sources all return no rows go on to getPrompt (default
   * false: such a range is an error naming the optimizer, the symbol and the range).
   */
  allowEmptyRanges?: boolean;
  /** Training ranges and test windows laid out by day counts, instead of rangeTrain and rangeTest. */
  walkForward?: IOptimizerWalkForward;
}

/**
 * Walk-forward layout: `steps` training ranges of `trainDays` whole days each, back to
 * back from `startDate`, then `steps` test windows of `testDays` each, back to back
 * after the last training range. Every strategy is tested on every window, and every
 * window lies after all training data (out of sample for every strategy).
 */
export interface IOptimizerWalkForward {
  /** First moment of the first training range (UTC). */
  startDate: Date;
  /** Days per training range (a whole number >= 1). */
  trainDays: number;
  /** Days per test window (a whole number >= 1). */
  testDays: number;
  /** Training ranges, and test windows (a whole number >= 1). */
  steps: number;
}

/** What ClientOptimizer is constructed with. */
export interface IOptimizerParams extends IOptimizerSchema {
  /** The training ranges (from rangeTrain, or laid out by walkForward). */
  rangeTrain: IOptimizerRange[];
  /** The test windows (rangeTest as an array, or laid out by walkForward). */
  testRanges: IOptimizerRange[];
  /** Where diagnostics go. */
  logger: ILogger;
  /** Every template method (schema overrides merged over the defaults). */
  template: IOptimizerTemplate;
  /** Receives progress events. */
  onProgress: (progress: ProgressOptimizerContract) => Promise<void>;
  /** Makes the random name prefix when the schema sets none. */
  createPrefix: () => string;
  /** File system used by dump. */
  fs: IFileSystem;
  /** Raises a warning through listenWarning (an empty source, a blind strategy text cleared, ...). */
  warn: RaiseWarning;
  /** How many ranges' getPrompt calls may run at once (read when getData starts). */
  promptConcurrency: () => number;
  /**
   * The model host a generated file should ask instead of `host`, when `host` will be gone
   * once this process exits (a baseline model started here on a random port); else null.
   */
  lastingHostOf: (host: string) => string | null;
}

/** How an Optimizer call treats strategies it already generated in this process. */
export interface IOptimizerRunOptions {
  /**
   * Ask getPrompt again even for a conversation it already answered in this process
   * (by default the same symbol and the same messages reuse the earlier strategy).
   */
  regenerate?: boolean;
}

/** What an optimizer instance does. */
export interface IOptimizer {
  /** Collects every source for every training range and asks getPrompt once per new conversation. */
  getData(symbol: string, options?: IOptimizerRunOptions): Promise<IOptimizerStrategy[]>;
  /** Generates the complete `.mjs` file as text. */
  getCode(symbol: string, options?: IOptimizerRunOptions): Promise<string>;
  /** Generates the file and writes it atomically into `path`; resolves to the file's path. */
  dump(symbol: string, path?: string, options?: IOptimizerRunOptions): Promise<string>;
}
