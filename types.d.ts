import { TObserver } from 'functools-kit';

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

/** Where a run is in time: the symbol, the tick (UTC ms) and the mode. */
interface IExecutionContext {
    symbol: string;
    when: number;
    backtest: boolean;
}

/** Why the request pool's limit moved. */
type LlmConcurrencyReason = 
/** A round of answers kept their latency while the pool was full: one more (or twice as many while probing). */
"rising"
/** A round's answers took clearly longer than the fastest seen: requests wait in the server's queue. */
 | "latency"
/** The endpoint answered 429 or 503. */
 | "rate-limited"
/** An attempt ran out of CC_LLM_TIMEOUT_MS. */
 | "timeout";
/** One move of the pool's limit. */
interface ILlmConcurrencyChange {
    /** The limit before. */
    from: number;
    /** The limit after. */
    to: number;
    reason: LlmConcurrencyReason;
    /** Mean latency of the round that moved it, in ms (null for 429/503 and timeouts). */
    latencyMs: number | null;
    /** The fastest answer seen, in ms: the latency of an endpoint that does not queue (null before any). */
    baselineMs: number | null;
}
/** Where the pool's limit stands, on the done event and in the CLI summary. */
interface ILlmConcurrencySnapshot {
    /** "adaptive" when CC_LLM_CONCURRENCY is unset (0), "fixed" when it names a number. */
    mode: "adaptive" | "fixed";
    /** The limit now. */
    limit: number;
    /** The highest limit reached. */
    peak: number;
    /** Times the limit fell. */
    falls: number;
    /** The last move, or null while it has not moved. */
    lastChange: ILlmConcurrencyChange | null;
}
/** getLlmConcurrency's answer: the pool's snapshot and its one-line summary. */
interface ILlmConcurrency extends ILlmConcurrencySnapshot {
    /** "LLM requests in flight: adaptive, settled at N (highest P, fell F time(s), last moved from A to B (reason))". */
    text: string;
}

/** What blind mode found in one training range's text: dates, prices and symbol names, by count. */
interface IBlindFindingsWarning {
    optimizerName: string;
    symbol: string;
    /** The training range, from 1. */
    range: number;
    dates: number;
    prices: number;
    symbols: number;
}
/**
 * The facts of each fault the library works around instead of failing, by kind. Every
 * kind that code raises has an entry here; `listenWarning` receives them as
 * `WarningContract`, narrowed by `kind`.
 */
interface WarningDetails {
    /** An exchange getCandles attempt failed and the call is tried again. */
    "exchange-retry": {
        exchangeName: string;
        symbol: string;
        interval: string;
        /** Open time of the first candle asked for, in ms. */
        since: number;
        /** The attempt that failed, from 1. */
        attempt: number;
        /** The failed attempt's error message. */
        error: string;
    };
    /**
     * An exchange reply was repaired before use; raised once per run, exchange, symbol and
     * repair (later replies of the run with the same fault are repaired in silence).
     */
    "exchange-repair": {
        exchangeName: string;
        symbol: string;
        interval: string;
        /** Open time of the first candle asked for, in ms. */
        since: number;
        /** Candles asked for. */
        limit: number;
        /**
         * What was wrong: "order" (not oldest first: sorted), "duplicates" (dropped),
         * "out-of-range" (open times outside the asked range: dropped), "more-than-asked"
         * (more candles than `limit`).
         */
        repair: "order" | "duplicates" | "out-of-range" | "more-than-asked";
        /** Candles out of place, duplicates dropped, candles dropped, or candles past the limit, in that reply. */
        count: number;
    };
    /** A getSignal tick did not settle within its bound; the tick gives no signal and the run goes on. */
    "signal-timeout": {
        strategyName: string;
        exchangeName: string;
        symbol: string;
        /** The tick, in ms. */
        when: number;
        /** The bound that passed, in ms (CC_GET_SIGNAL_TIMEOUT_MS, or the exchange's when its call timed out). */
        timeoutMs: number;
        /** The timeout's error message. */
        error: string;
    };
    /** The 1m candles end before a backtest's frame does; raised once per run, at its end. */
    "data-ended": {
        strategyName: string;
        exchangeName: string;
        frameName: string;
        symbol: string;
        /** Open time of the last 1m candle before the frame's last tick, in ms; null when the frame has none. */
        lastCandle: number | null;
        /** The frame's endDate, in ms. */
        frameEnd: number;
    };
    /**
     * The candles ended before a signal could be resolved: an open trade closed with
     * `dataEnded: true` at the last candle it had (its entry when none), or a scheduled
     * signal cancelled with `dataEnded: true` while it waited for its entry price.
     */
    "trade-data-ended": {
        strategyName: string;
        exchangeName: string;
        frameName: string;
        symbol: string;
        signalId: string;
        /** True when the signal still waited for its entry price (it is cancelled, not closed). */
        scheduled: boolean;
        /** When the trade opened (pendingAt), or when the scheduled signal was made (scheduledAt), in ms. */
        openTime: number;
        /** When it would have been resolved had the data gone on (lifetime or schedule wait end), in ms. */
        until: number;
        /** Open time of the last 1m candle there is from a few minutes before the signal on, in ms; null when there is none. */
        lastCandle: number | null;
    };
    /**
     * An event listener or a strategy, exchange, frame or walker callback did not settle
     * within CC_LISTENER_TIMEOUT_MS; the run went on without it and its later settling is
     * ignored. (A listenWarning listener's own faults are only logged: they cannot raise warnings.)
     */
    "listener-timeout": {
        /** Which one: "listenSignal", "strategy NAME callbacks.onOpen", ... */
        listener: string;
        /** The bound that passed, in ms. */
        timeoutMs: number;
    };
    /** An event listener threw (or rejected); the event still reached the other listeners and the run went on. */
    "listener-error": {
        /** Which listener: "listenSignal", "listenDoneBacktest", ... */
        listener: string;
        /** What it threw, as text. */
        error: string;
    };
    /** An LLM request attempt failed with a transient fault and is sent again after a pause. */
    "llm-retry": {
        /** "ollama" or "openai". */
        provider: string;
        host: string;
        model: string;
        /** The attempt that failed, from 1. */
        attempt: number;
        /** The failed attempt's error message. */
        error: string;
        /** Pause before the next attempt, in ms (the endpoint's Retry-After when it sent one). */
        delayMs: number;
    };
    /** An LLM endpoint answered 429 or 503: the request pool sends fewer requests at once for a while. */
    "llm-rate-limited": {
        provider: string;
        host: string;
        model: string;
        /** 429 or 503. */
        status: number;
        /** The endpoint's Retry-After in ms (bounded), or null when it sent none. */
        retryAfterMs: number | null;
        /** The pool's limit of requests in flight from now on; it climbs back step by step. */
        limit: number;
    };
    /**
     * The adaptive request pool (CC_LLM_CONCURRENCY unset) lowered its limit below every
     * limit it had settled at, a sign of overload: answers slowed down (the endpoint
     * queues), it answered 429/503, or an attempt timed out. Raised only when the limit falls.
     */
    "llm-concurrency-changed": {
        provider: string;
        host: string;
        model: string;
        /** The limit before. */
        from: number;
        /** The limit from now on. */
        to: number;
        /** "latency", "rate-limited" or "timeout". */
        reason: LlmConcurrencyReason;
        /** Mean latency of the round that lowered it, in ms (null for 429/503 and timeouts). */
        latencyMs: number | null;
        /** The fastest answer seen, in ms (null before any). */
        baselineMs: number | null;
    };
    /** askSignal's answer was rejected and the model is asked once more, with the problem quoted. */
    "llm-reask": {
        strategyName: string;
        symbol: string;
        /** The tick, in ms. */
        when: number;
        model: string;
        /** Why the answer was rejected. */
        problem: string;
    };
    /** An OpenAI-compatible endpoint rejected JSON mode: its answers are asked for and parsed as plain text. */
    "llm-json-fallback": {
        provider: string;
        host: string;
        model: string;
        /** The endpoint's rejection. */
        error: string;
    };
    /** An LLM cache entry could not be used: it counts as a miss and the new answer replaces it. */
    "llm-cache-repaired": {
        /** The entry's file, or for a Redis cache the server's URL (password redacted) and the entry's Redis key. */
        path: string;
        /** The request's cache key. */
        key: string;
        /** What was wrong with it. */
        reason: string;
    };
    /**
     * The Redis response cache did not answer in time or could not be reached: lookups are
     * misses and answers are not stored until it answers again. Raised once per outage
     * (again after it recovered and failed anew), not once per request.
     */
    "llm-cache-unavailable": {
        /** The Redis URL, its password replaced by ***. */
        url: string;
        /** What failed first: a lookup ("get") or storing an answer ("set"). */
        operation: "get" | "set";
        /** Why, e.g. "connect ECONNREFUSED 127.0.0.1:6379" or "Redis get timed out after 2000 ms". */
        error: string;
    };
    /**
     * One source of an optimizer returned no rows for a training range (a range where
     * every source is empty is an error, unless the schema sets allowEmptyRanges).
     */
    "empty-source": {
        optimizerName: string;
        symbol: string;
        sourceName: string;
        /** Which training range, from 1. */
        range: number;
        /** The range's start and end, in ms. */
        startDate: number;
        endDate: number;
    };
    /**
     * The optimizer's llm.host was a baseline model this process started on a random port
     * (gone once it exits): the generated file asks `replacement` (the port of
     * `backtest-kit baseline`) instead, unless OLLAMA_HOST is set when it runs.
     */
    "model-host-replaced": {
        optimizerName: string;
        symbol: string;
        host: string;
        replacement: string;
    };
    /**
     * Blind mode: a training conversation (the sources' user messages) carried dates, prices
     * or the symbol, so the model saw the period while writing the strategy (nothing can take
     * that back: format the rows with formatCandlesBlind).
     */
    "blind-conversation-leak": IBlindFindingsWarning;
    /** Blind mode: dates, prices or the symbol were taken out of a strategy text before it went into the file. */
    "blind-strategy-redacted": IBlindFindingsWarning;
    /** askSignal was asked blind, but its messages carry what blind mode hides (said once per strategy and symbol). */
    "blind-prompt-leak": {
        strategyName: string;
        symbol: string;
        /** The tick, in ms. */
        when: number;
        /** What was found: "the symbol", "a date", "the real last close". */
        found: string[];
    };
    /**
     * Some luck-test simulations ran out of frame (or of candles) before placing every
     * trade; they count the trades they placed, which leans their totals toward fewer trades.
     * Said when the run's luck test is computed: when its result is first read.
     */
    "luck-incomplete": {
        strategyName: string;
        symbol: string;
        frameName: string;
        /** Simulations that placed fewer trades than the strategy made. */
        incompleteSimulations: number;
        simulations: number;
        /** The strategy's closed trades (what each simulation tries to place). */
        trades: number;
    };
    /** A sweep job's attempt failed and the job is tried again (a queue's workers say it on the sweep's side). */
    "sweep-retry": {
        /** The job: `{optimizer}_{symbol}`. */
        jobId: string;
        /** The attempt that failed, from 1. */
        attempt: number;
        /** Attempts the job gets in all. */
        attempts: number;
        /** The failed attempt's error message. */
        error: string;
    };
    /** A sweep job vanished from its queue (Redis restarted without its data) and was put on it again. */
    "sweep-job-requeued": {
        jobId: string;
        /** The queue's URL, without its password. */
        queue: string;
    };
    /** A sweep job's worker stopped renewing its lock (it died): BullMQ gives the job to another worker. */
    "sweep-job-stalled": {
        jobId: string;
        /** The queue's URL, without its password. */
        queue: string;
        /** Times the job stalled so far. */
        stalls: number;
    };
    /** The sweep could not reach its queue and waits for it (it fails past CC_SWEEP_QUEUE_TIMEOUT_MS). */
    "sweep-queue-unavailable": {
        /** The queue's URL, without its password. */
        queue: string;
        /** What the last attempt said. */
        error: string;
    };
    /**
     * A live run's 1m candle had not arrived when it closed; the run waits for it (at most
     * CC_LIVE_CANDLE_WAIT_MS). Said once per late candle, when the wait starts.
     */
    "live-candle-late": {
        strategyName: string;
        exchangeName: string;
        symbol: string;
        /** Open time of the late candle, in ms. */
        candle: number;
        /** The bound of the wait, in ms. */
        waitMs: number;
    };
    /**
     * A live run's 1m candle did not arrive within CC_LIVE_CANDLE_WAIT_MS: the run goes on
     * without it (the tick reads the candles the exchange has). Said once per missing candle.
     */
    "live-gap": {
        strategyName: string;
        exchangeName: string;
        symbol: string;
        /** Open time of the missing candle, in ms. */
        candle: number;
        /** How long the run waited, in ms. */
        waitedMs: number;
    };
}
/** Which fault was absorbed. */
type WarningKind = keyof WarningDetails;
/** One absorbed fault: its kind, one readable line, and the facts of that kind. */
type WarningContract = {
    [K in WarningKind]: {
        kind: K;
        /** One line saying what went wrong and what the library did about it. */
        message: string;
        details: WarningDetails[K];
    };
}[WarningKind];

/** Candle intervals an exchange serves. */
type CandleInterval = "1m" | "3m" | "5m" | "15m" | "30m" | "1h" | "2h" | "4h" | "6h" | "8h";
/** One OHLCV candle; `timestamp` is its open time in UTC ms, a multiple of its interval. */
interface ICandleData {
    timestamp: number;
    open: number;
    high: number;
    low: number;
    close: number;
    volume: number;
}
/** Optional hooks of an exchange. */
interface IExchangeCallbacks {
    /** Called with every checked reply of the exchange's getCandles. */
    onCandleData: (symbol: string, interval: CandleInterval, since: Date, limit: number, data: ICandleData[]) => void;
}
/** What `addExchange` registers: where candles come from and how prices are printed. */
interface IExchangeSchema {
    exchangeName: ExchangeName;
    note?: string;
    /** Up to `limit` candles of `interval` with open time >= `since`, oldest first. */
    getCandles: (symbol: string, interval: CandleInterval, since: Date, limit: number) => Promise<ICandleData[]>;
    formatQuantity: (symbol: string, quantity: number) => Promise<string>;
    formatPrice: (symbol: string, price: number) => Promise<string>;
    callbacks?: Partial<IExchangeCallbacks>;
}
/** Unique name of an exchange. */
type ExchangeName = string;

/** Who said a message in an LLM conversation. */
type MessageRole = "assistant" | "system" | "user";
/** One message of an LLM conversation, as Ollama's chat API takes it. */
interface MessageModel {
    /** Who said it. */
    role: MessageRole;
    /** What was said. */
    content: string;
}

/** Steps a frame may take between ticks. */
type FrameInterval = "1m" | "3m" | "5m" | "15m" | "30m" | "1h" | "2h" | "4h" | "6h" | "8h" | "12h" | "1d" | "3d";
/** Optional hooks of a frame. */
interface IFrameCallbacks {
    /** Called with the ticks of the frame when a run asks for them. */
    onTimeframe: (timeframe: Date[], startDate: Date, endDate: Date, interval: FrameInterval) => void;
}
/** What `addFrame` registers: a backtest period and its tick step. */
interface IFrameSchema {
    frameName: FrameName;
    note?: string;
    interval: FrameInterval;
    startDate: Date;
    endDate: Date;
    callbacks?: Partial<IFrameCallbacks>;
}
/** Unique name of a frame. */
type FrameName = string;

/** How often a strategy may be asked for a signal. */
type SignalInterval = "1m" | "3m" | "5m" | "15m" | "30m" | "1h";
/** A signal as a strategy returns it from getSignal. */
interface ISignalDto {
    id?: string;
    position: "long" | "short";
    note?: string;
    /** Entry price; without it the position opens at the average price. */
    priceOpen?: number;
    priceTakeProfit: number;
    priceStopLoss: number;
    /** Lifetime of the open position in minutes; past it the position closes "time_expired". */
    minuteEstimatedTime: number;
}
/** A validated signal with everything the engine knows about it. */
interface ISignalRow extends ISignalDto {
    id: string;
    priceOpen: number;
    exchangeName: ExchangeName;
    strategyName: StrategyName;
    /** The tick (UTC ms) at which getSignal produced it. */
    scheduledAt: number;
    /** When the position opened (UTC ms); equals scheduledAt for a market entry. */
    pendingAt: number;
    symbol: string;
    _isScheduled: boolean;
}
/** A signal waiting for its entry price. */
type IScheduledSignalRow = ISignalRow;
/** Optional hooks of a strategy; each may be async and is awaited. A throw fails the run. */
interface IStrategyCallbacks {
    /** Every signal event; in a live run also every idle and active tick. */
    onTick: (symbol: string, result: IStrategyTickResult | IStrategyTickResultIdle | IStrategyTickResultActive, backtest: boolean) => void | Promise<void>;
    /** Live runs only: a tick with a position open (or a signal waiting for its entry) that goes on. */
    onActive: (symbol: string, data: ISignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
    /** Live runs only: a tick without a signal. */
    onIdle: (symbol: string, currentPrice: number, backtest: boolean) => void | Promise<void>;
    onOpen: (symbol: string, data: ISignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
    onClose: (symbol: string, data: ISignalRow, priceClose: number, backtest: boolean) => void | Promise<void>;
    onSchedule: (symbol: string, data: IScheduledSignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
    onCancel: (symbol: string, data: IScheduledSignalRow, currentPrice: number, backtest: boolean) => void | Promise<void>;
    /** An open signal reached a profit milestone: `level` percent of the way to take-profit (10, 20, ... 100). */
    onPartialProfit: (symbol: string, data: ISignalRow, currentPrice: number, level: number, backtest: boolean) => void | Promise<void>;
    /** An open signal reached a loss milestone: `level` percent of the way to stop-loss (10, 20, ... 100). */
    onPartialLoss: (symbol: string, data: ISignalRow, currentPrice: number, level: number, backtest: boolean) => void | Promise<void>;
}
/** What `addStrategy` registers. */
interface IStrategySchema {
    strategyName: StrategyName;
    note?: string;
    interval: SignalInterval;
    /** A signal for `symbol` at `when`, or null for none. */
    getSignal: (symbol: string, when: Date) => Promise<ISignalDto | null>;
    callbacks?: Partial<IStrategyCallbacks>;
    /** The risk profile (addRisk) whose validations each of its signals must pass before it opens. */
    riskName?: RiskName;
    /**
     * Declares that getSignal depends only on the candles up to `when` (what getCandles
     * returns at that tick), not on earlier calls or other state. The engine may then ask
     * for the signals of the next due ticks ahead (up to CC_SIGNAL_PREFETCH), each in its
     * own tick's context, and use an answer when its tick comes; answers for ticks it then
     * skips are dropped. Off by default.
     */
    prefetch?: boolean;
}
/** How the signals a strategy asked for ahead were used. */
interface ISignalPrefetchCounts {
    /** Answers used when their tick came. */
    useful: number;
    /** Answers asked for ticks the engine then skipped (a position was open): never used. */
    speculative: number;
    /**
     * Model requests of skipped ticks that the request pool dropped instead of sending
     * (they still waited for a slot when their tick was skipped).
     */
    dropped: number;
}
/** Why a position closed. */
type StrategyCloseReason = "time_expired" | "take_profit" | "stop_loss";
/** Profit of a closed position, in percent, after slippage and fees. */
interface IStrategyPnL {
    pnlPercentage: number;
    priceOpen: number;
    priceClose: number;
}
/** Fields every tick result carries. */
interface IStrategyTickResultBase {
    strategyName: StrategyName;
    exchangeName: ExchangeName;
    frameName: FrameName;
    symbol: string;
    currentPrice: number;
}
/** A signal now waits for its entry price. */
interface IStrategyTickResultScheduled extends IStrategyTickResultBase {
    action: "scheduled";
    signal: IScheduledSignalRow;
}
/** A position opened. */
interface IStrategyTickResultOpened extends IStrategyTickResultBase {
    action: "opened";
    signal: ISignalRow;
}
/** A position closed; `currentPrice` is the close price. */
interface IStrategyTickResultClosed extends IStrategyTickResultBase {
    action: "closed";
    signal: ISignalRow;
    closeReason: StrategyCloseReason;
    closeTimestamp: number;
    pnl: IStrategyPnL;
    /**
     * True when the candles ended before the position could be resolved: it closed at the
     * last candle it had (at its entry when none), not at take-profit, stop-loss or the end
     * of its lifetime. Absent otherwise. Statistics keep such trades apart.
     */
    dataEnded?: true;
}
/** A scheduled signal was dropped before it opened. */
interface IStrategyTickResultCancelled extends IStrategyTickResultBase {
    action: "cancelled";
    signal: IScheduledSignalRow;
    closeTimestamp: number;
    /** True when the candles ended while the signal waited for its entry price. Absent otherwise. */
    dataEnded?: true;
}
/**
 * A signal event of a backtest. (The reference also has "idle" and "active" results of
 * every tick; a fast-forwarding backtest has no such ticks, so they do not exist here.)
 */
type IStrategyTickResult = IStrategyTickResultScheduled | IStrategyTickResultOpened | IStrategyTickResultClosed | IStrategyTickResultCancelled;
/** How a signal ended in a backtest. */
type IStrategyBacktestResult = IStrategyTickResultClosed | IStrategyTickResultCancelled;
/** Unique name of a strategy. */
type StrategyName = string;
/** Name of a risk profile (addRisk). */
type RiskName = string;
/** A live tick without a signal: the strategy was asked (or was not due) and gave none. */
interface IStrategyTickResultIdle {
    action: "idle";
    signal: null;
    strategyName: StrategyName;
    exchangeName: ExchangeName;
    frameName: string;
    symbol: string;
    /** The average price at the tick. */
    currentPrice: number;
    /** The tick, UTC ms. */
    when: number;
}
/** A live tick with a position open (or a signal waiting for its entry price) that goes on. */
interface IStrategyTickResultActive {
    action: "active";
    signal: ISignalRow;
    strategyName: StrategyName;
    exchangeName: ExchangeName;
    frameName: string;
    symbol: string;
    /** The average price at the tick. */
    currentPrice: number;
    /** The tick, UTC ms. */
    when: number;
}

/** The price of one model, in US dollars per million tokens. */
interface ILlmPrice {
    /** USD per million prompt (input) tokens. */
    input: number;
    /** USD per million completion (output) tokens. */
    output: number;
}
/** Prices by model name, as the model is named in requests (CC_LLM_PRICES, or the BACKTEST_KIT_LLM_PRICES file). */
type LlmPrices = Record<string, ILlmPrice>;
/**
 * Counts of model requests of one model, or of all. A request is one question asked in
 * code (askText, askSignal, a re-ask, a getPrompt answer): it is answered from the
 * cache, joins an identical one in flight, or is sent.
 */
interface ILlmUsageCounts {
    /** Requests sent to the endpoint (a request retried counts once here). */
    sent: number;
    /** Further attempts of sent requests after a transient failure. */
    retries: number;
    /** Requests answered from the response cache: nothing sent, no tokens. */
    cached: number;
    /** Requests that joined an identical request in flight: sent once, counted once in `sent`. */
    shared: number;
    /** Sent requests asked for ahead of the run (signal prefetch), sent before the run reached their tick. */
    speculative: number;
    /** Speculative requests whose tick the run then skipped: sent and paid for, their answer unused. */
    wasted: number;
    /** Prompt (input) tokens the endpoint reported for answered attempts (Ollama prompt_eval_count, OpenAI usage.prompt_tokens). */
    promptTokens: number;
    /** Completion (output) tokens the endpoint reported (Ollama eval_count, OpenAI usage.completion_tokens). */
    completionTokens: number;
    /** Answered attempts whose endpoint reported no token counts (their tokens are in neither sum). */
    unreported: number;
    /** Time from sending to the answer (or failure) summed over every attempt, in ms. */
    requestMs: number;
}
/** The counts of one model, with its price and cost. */
interface ILlmModelUsage extends ILlmUsageCounts {
    /** The model, as named in requests. */
    model: string;
    /** Its price, or null when none is set. */
    price: ILlmPrice | null;
    /** Its tokens at its price, in USD; null when no price is set. */
    costUsd: number | null;
}
/**
 * What model calls cost: in this process since it started, or over a run (the
 * difference to an earlier reading, `getLlmUsage(since)`).
 */
interface ILlmUsage extends ILlmUsageCounts {
    /** Wall-clock time during which at least one request was out at the endpoint, in ms: the time spent waiting on the model. */
    waitMs: number;
    /** The same counts per model, by model name. */
    models: ILlmModelUsage[];
    /** The cost of every model with a price, in USD; null when no model that used tokens has one. */
    costUsd: number | null;
    /** Models that used tokens but have no price (their cost is in no total). */
    unpriced: string[];
    /** One-paragraph summary, as generated files and the command line print it. */
    text: string;
}

/** Options of `askText` and `askSignal`; each falls back to its environment variable, then to the default. */
interface ILlmOptions {
    /** Endpoint protocol (else BACKTEST_KIT_LLM_PROVIDER, else "ollama"). */
    provider?: LlmProviderName;
    /**
     * Endpoint: for "ollama" else OLLAMA_HOST, else https://ollama.com; for "openai" the API
     * base URL, else OPENAI_BASE_URL, else https://api.openai.com/v1.
     */
    host?: string;
    /** Model name: else OLLAMA_MODEL (default deepseek-v3.1:671b), or OPENAI_MODEL (no default) for "openai". */
    model?: string;
    /**
     * Model options, part of the cache key: Ollama's `options` (temperature, seed, ...), or
     * extra chat-completion fields for "openai" (temperature, seed, max_tokens, ...).
     */
    options?: Record<string, unknown>;
    /** "openai" only: receive the answer as server-sent events (for proxies that cut idle connections). */
    stream?: boolean;
    /** Response cache directory (else BACKTEST_KIT_LLM_CACHE_DIR, else ./.backtest-kit/llm-cache). */
    cacheDir?: string;
    /** false turns the response cache off for this call (as BACKTEST_KIT_LLM_CACHE=off does for all). */
    cache?: boolean;
    /**
     * A response cache in Redis shared by every process that names it, instead of the
     * directory: redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss:// (else
     * BACKTEST_KIT_LLM_CACHE when it holds such a URL). Not together with `cacheDir`.
     */
    cacheUrl?: string;
    /**
     * askSignal only. true: the messages are blind (formatCandlesBlind: no dates, symbol
     * ASSET, prices as percent of the last 1m close at the tick) and the model answers on
     * that scale; its prices are mapped back to real ones (at the exchange's price
     * precision) before the signal is checked and traded. Default false (plain).
     */
    blind?: boolean;
}
/** How a signal request shows the market: "blind" (relative times, alias, rebased prices) or "plain". */
type PromptMode = "blind" | "plain";
/**
 * How a run's signal requests showed the market: "blind" or "plain" (askSignal's
 * `blind` option), "mixed" when both were used, null when askSignal was not called.
 */
type RunPromptMode = PromptMode | "mixed" | null;
/** What a signal request gave. */
interface ILlmSignalAnswer {
    /** Stable id of the conversation (same request at the same tick, same id): links the signal to its dump. */
    id: string;
    /** The validated signal carrying `id`, or null for "wait", a rejected answer or a failed request. */
    signal: (ISignalDto & {
        id: string;
    }) | null;
    /** The model's last answer, parsed when it was JSON, else its raw text; null when the request failed. */
    answer: unknown;
}
/** The endpoint protocols the library speaks. */
type LlmProviderName = "ollama" | "openai";

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
    /** The strategy text getPrompt returned (in blind mode, with dates, prices and the symbol taken out). */
    strategy: string;
    /** Blind mode only: how many dates, prices and symbol names were taken out of the strategy text. */
    blindCheck?: IOptimizerBlindCheck;
}
/** What the blind check took out of one strategy text before it went into the file. */
interface IOptimizerBlindCheck {
    dates: number;
    prices: number;
    symbols: number;
    /** False when the sources gave no candle rows (open/high/low/close), so prices could not be told apart. */
    pricesChecked: boolean;
    /**
     * What the training conversation's user messages carried (counted the same way; they
     * are not changed: the model has read them). Anything above 0 means the model saw the period.
     */
    conversation: {
        dates: number;
        prices: number;
        symbols: number;
    };
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
 * (or one default message); any of them can be overridden in the schema. Each default
 * section stands on its own: it imports what it uses and relies on other sections only
 * for the helpers they are documented to define (json, text, dumpJson), so overriding
 * any one method, the banner included, leaves the others working.
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
interface IOptimizerLlmSettings {
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
interface IOptimizerSchema {
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
interface IOptimizerWalkForward {
    /** First moment of the first training range (UTC). */
    startDate: Date;
    /** Days per training range (a whole number >= 1). */
    trainDays: number;
    /** Days per test window (a whole number >= 1). */
    testDays: number;
    /** Training ranges, and test windows (a whole number >= 1). */
    steps: number;
}
/** How an Optimizer call treats strategies it already generated in this process. */
interface IOptimizerRunOptions {
    /**
     * Ask getPrompt again even for a conversation it already answered in this process
     * (by default the same symbol and the same messages reuse the earlier strategy).
     */
    regenerate?: boolean;
}

/**
 * Buying at the open of the first 1m candle of a range and selling at the close of its
 * last one, with the engine's fees and slippage (one long trade).
 */
interface IBuyAndHold {
    /** Open time of the first candle (UTC ms). */
    openTimestamp: number;
    /** Close time of the last candle (UTC ms). */
    closeTimestamp: number;
    priceOpen: number;
    priceClose: number;
    /** Net profit in percent, as a trade's pnlPercentage. */
    pnlPercentage: number;
}
/**
 * A strategy's total PnL against random entries: `simulations` runs that each trade the
 * strategy's own trades (side, take-profit and stop-loss distances, lifetime) once, in a
 * random order, entering at random ticks of the same frame with no overlap, resolved by
 * the engine's rules on the same candles.
 */
interface ILuckTest {
    seed: number;
    simulations: number;
    /** Trades per simulation (the strategy's closed trades). */
    trades: number;
    /** The strategy's total PnL in percent. */
    strategyTotalPnl: number;
    /** Median total PnL of the simulations, in percent. */
    medianTotalPnl: number;
    /** Share of simulations whose total PnL is below the strategy's, in percent (0 to 100). */
    percentile: number;
    /**
     * (1 + simulations with a total PnL >= the strategy's) / (1 + simulations): the chance
     * that random entries do at least as well. Never 0; at best 1 / (1 + simulations).
     */
    pValue: number;
    /** pValue <= 0.05: the strategy beat random entries clearly enough to tell it from luck. */
    beatsLuck: boolean;
    /** Simulations that ran out of frame before placing every trade (they count what they placed). */
    incompleteSimulations: number;
}
/** One simulated trade of a luck test. */
interface ILuckTrade {
    /** Index of its simulation, from 0. */
    simulation: number;
    position: "long" | "short";
    /** Entry tick (UTC ms); the position opens there at the average price. */
    pendingAt: number;
    priceOpen: number;
    priceTakeProfit: number;
    priceStopLoss: number;
    minuteEstimatedTime: number;
    closeReason: StrategyCloseReason;
    closeTimestamp: number;
    priceClose: number;
    /** The candles ended before its lifetime did (it closed at the last one; it still counts). */
    dataEnded: boolean;
    pnlPercentage: number;
}
/** What `runLuckTest` needs: the trades, the candles they trade on and the frame's ticks. */
interface ILuckTestOptions {
    /** The strategy's closed trades. */
    trades: IStrategyTickResultClosed[];
    /**
     * 1m candles, oldest first, from at least `avgPriceCandlesCount` minutes before the
     * first tick to the end of the longest lifetime after the last one.
     */
    candles: ICandleData[];
    /** First tick of the frame (UTC ms). */
    startTimestamp: number;
    /** Ms between ticks (default one minute). */
    tickMs?: number;
    /** Ticks in the frame. */
    tickCount: number;
    /** Default: the CC_LUCK_SEED setting. */
    seed?: number;
    /** Default: the CC_LUCK_SIMULATIONS setting. */
    simulations?: number;
    /** Defaults: the CC_PERCENT_FEE, CC_PERCENT_SLIPPAGE and CC_AVG_PRICE_CANDLES_COUNT settings. */
    feePercent?: number;
    slippagePercent?: number;
    avgPriceCandlesCount?: number;
    /** Receives every simulated trade (for inspection; slows the test down). */
    onTrade?: (trade: ILuckTrade) => void;
}

/** Statistics of one backtest; a figure that is undefined (no trades, no spread) is null. */
interface BacktestStatistics {
    /** Trades resolved on complete data; every figure below is computed over them only. */
    signalList: IStrategyTickResultClosed[];
    totalSignals: number;
    winCount: number;
    lossCount: number;
    /** Cancelled scheduled signals (not trades), without those the data ran out on. */
    cancelledCount: number;
    /**
     * Trades the data ran out on (`dataEnded: true`): their outcome is unknown, so they
     * are in no figure (win rate, PnL, Sharpe, ...) and not in signalList or totalSignals.
     */
    dataEndedList: IStrategyTickResultClosed[];
    /** How many trades the data ran out on (dataEndedList.length). */
    dataEndedCount: number;
    /** Scheduled signals still waiting for their entry price when the data ran out (not in cancelledCount). */
    dataEndedScheduledCount: number;
    winRate: number | null;
    avgPnl: number | null;
    totalPnl: number | null;
    stdDev: number | null;
    sharpeRatio: number | null;
    /**
     * Sharpe ratio x sqrt(trades per year of the test range); null when the range is shorter
     * than CC_ANNUALISE_MIN_DAYS days (too short to say anything per year) or unknown.
     */
    annualizedSharpeRatio: number | null;
    /**
     * Average PnL / downside deviation (root mean square of the losses, gains as 0) x
     * sqrt(trades per year); null without a loss or on a range shorter than CC_ANNUALISE_MIN_DAYS.
     */
    annualizedSortinoRatio: number | null;
    /**
     * Summed PnL per year / max drawdown; null without a drawdown or on a range shorter
     * than CC_ANNUALISE_MIN_DAYS.
     */
    calmarRatio: number | null;
    certaintyRatio: number | null;
    expectedYearlyReturns: number | null;
    /** Largest fall of the summed trade PnL (percentage points) from its running peak. */
    maxDrawdown: number | null;
    /** Sum of winning PnL / |sum of losing PnL|; null without a loss. */
    profitFactor: number | null;
    /** Average PnL / |average loss| (PnL per unit of the average loss); null without a loss. */
    expectancy: number | null;
    /** Percent of the test range's time with a position open; null when the range is unknown. */
    exposure: number | null;
    /** Average minutes from a trade's opening (pendingAt) to its close. */
    avgHoldMinutes: number | null;
    /** The prompt mode of the run's askSignal calls (Backtest.getData and walker results carry it). */
    promptMode?: RunPromptMode;
    /** Buy-and-hold over the frame with the same fees and slippage; null without candles. */
    buyAndHold: IBuyAndHold | null;
    /**
     * The strategy against random entries; null without trades, with the luck test off, or
     * for a stopped run. Computed when first read (a getter), then the same on every read.
     */
    luck: ILuckTest | null;
}
/** The benchmark fields, computed from the frame's candles once the backtest has finished. */
type BenchmarkStatistics = Pick<BacktestStatistics, "buyAndHold" | "luck">;
/** The fields computed from the trades alone. */
type TradeStatistics = Omit<BacktestStatistics, keyof BenchmarkStatistics>;
/** One event of a live run as its report lists it (backtest-kit 1.4's live event row). */
interface LiveTickEvent {
    /** When it happened, UTC ms. */
    timestamp: number;
    action: "scheduled" | "opened" | "active" | "closed" | "cancelled";
    symbol: string;
    signalId: string;
    position: "long" | "short";
    note?: string;
    currentPrice: number;
    openPrice: number;
    takeProfit: number;
    stopLoss: number;
    /** Net PnL in percent of a closed trade. */
    pnl?: number;
    closeReason?: string;
    /** Minutes from open to close of a closed trade. */
    duration?: number;
}
/** Statistics of a live run (Live.getData): the trade figures of a backtest plus the run's events. */
interface LiveStatistics extends TradeStatistics {
    /** The run's events in order; a position's "active" ticks are kept as its latest one. */
    eventList: LiveTickEvent[];
    totalEvents: number;
    totalClosed: number;
}

/**
 * The odds that the pick of a comparison is luck: its deflated Sharpe ratio against every
 * strategy tried, and the probability of backtest overfitting over the strategies compared.
 * A figure that cannot be computed is null, and `notes` says why.
 */
interface IOverfittingOdds {
    /** The pick (the best strategy) the odds are about; null without one. */
    strategyName: StrategyName | null;
    /** Strategies tried for this symbol, the pick among them (the deflated Sharpe ratio's trials). */
    trials: number;
    /** The pick's Sharpe ratio per trade (mean / population standard deviation of its trades' PnL). */
    sharpe: number | null;
    /** The pick's closed trades (the Sharpe ratio's observations). */
    observations: number;
    /** Skewness of the pick's trade PnL. */
    skewness: number | null;
    /** Kurtosis (not excess; normal = 3) of the pick's trade PnL. */
    kurtosis: number | null;
    /** Sample variance of the per-trade Sharpe ratios of the strategies tried that have one. */
    sharpeVariance: number | null;
    /** The Sharpe ratio the best of `trials` shows by luck alone (SR0). */
    expectedMaxSharpe: number | null;
    /** The probability that the pick's true Sharpe ratio is above 0, the selection allowed for. */
    deflatedSharpeRatio: number | null;
    /** Strategies on the PBO's grid (those with a backtest result). */
    pboStrategies: number;
    /** Periods of the grid (each CC_PBO_PERIOD_MINUTES long, over the test range). */
    pboPeriods: number;
    /** Minutes of one period of the grid. */
    pboPeriodMinutes: number;
    /** Blocks the periods were cut into: 16, or fewer so each block holds at least 2 periods. */
    pboBlocks: number | null;
    /** In-sample / out-of-sample splits tried, C(blocks, blocks / 2). */
    pboCombinations: number | null;
    /** The probability of backtest overfitting: the chance that picking the best was overfitting. */
    pbo: number | null;
    /** Why a figure is null, in words (empty when every figure is there). */
    notes: string[];
}
/** One strategy re-priced at each multiple of the fees and slippage. */
interface ICostStressStrategy {
    strategyName: StrategyName;
    /** Total PnL (%) at each multiplier of the scenarios, in their order. */
    totalPnl: (number | null)[];
    /** The walker's metric at each multiplier. */
    metricValue: (number | null)[];
}
/** The comparison at one multiple of the fees and slippage. */
interface ICostStressScenario {
    /** 1 (as run), 2 or 3. */
    multiplier: number;
    feePercent: number;
    slippagePercent: number;
    /** The best strategy by the walker's metric at these costs. */
    bestStrategy: StrategyName | null;
    /** Whether the pick (chosen at 1x) is still the best at these costs. */
    pickStaysBest: boolean;
    /** The pick's total PnL at these costs. */
    pickTotalPnl: number | null;
    /** Whether the pick's total PnL is still above 0 at these costs. */
    pickProfitable: boolean;
}
/**
 * Every strategy's closed trades re-priced at 1x, 2x and 3x the fees and slippage (the
 * same entries and exits, no new model calls): does the pick stay best, stay profitable?
 */
interface ICostStress {
    /** The pick at the costs the run used. */
    pick: StrategyName | null;
    scenarios: ICostStressScenario[];
    strategies: ICostStressStrategy[];
}

/** The statistic a walker ranks strategies by (higher is better). */
type WalkerMetric = "sharpeRatio" | "annualizedSharpeRatio" | "winRate" | "totalPnl" | "certaintyRatio" | "avgPnl" | "expectedYearlyReturns";
/** Optional hooks of a walker; a throw is reported, never fatal to the walker. */
interface IWalkerCallbacks {
    onStrategyStart: (strategyName: StrategyName, symbol: string) => void | Promise<void>;
    onStrategyComplete: (strategyName: StrategyName, symbol: string, stats: BacktestStatistics, metric: number | null) => void | Promise<void>;
    onStrategyError: (strategyName: StrategyName, symbol: string, error: Error) => void | Promise<void>;
    onComplete: (results: IWalkerResults) => void | Promise<void>;
}
/** What `addWalker` registers: strategies compared on one exchange and frame. */
interface IWalkerSchema {
    walkerName: WalkerName;
    note?: string;
    exchangeName: ExchangeName;
    frameName: FrameName;
    strategies: StrategyName[];
    metric?: WalkerMetric;
    callbacks?: Partial<IWalkerCallbacks>;
}
/** One strategy's line in a walker comparison. */
interface IWalkerStrategyResult {
    strategyName: StrategyName;
    stats: BacktestStatistics;
    metricValue: number | null;
    /** The prompt mode of the strategy's signal requests in this run. */
    promptMode: RunPromptMode;
}
/** A strategy the walker skipped because its backtest failed. */
interface IWalkerStrategyFailure {
    strategyName: StrategyName;
    error: string;
}
/** The outcome of a walker run. */
interface IWalkerResults {
    walkerName: WalkerName;
    symbol: string;
    exchangeName: ExchangeName;
    frameName: FrameName;
    metric: WalkerMetric;
    totalStrategies: number;
    bestStrategy: StrategyName | null;
    bestMetric: number | null;
    bestStats: BacktestStatistics | null;
    strategyResults: IWalkerStrategyResult[];
    failedStrategies: IWalkerStrategyFailure[];
    /** The prompt mode of the run: the strategies' modes combined (see RunPromptMode). */
    promptMode: RunPromptMode;
    /**
     * Whether several strategies share the best metric, so the tie-break rule chose:
     * more closed trades, then the walker's strategy order.
     */
    tieBroken: boolean;
    /** The strategies sharing the best metric, the chosen one first (only it when nothing tied). */
    tiedStrategies: StrategyName[];
    /** Buy-and-hold over the walker's frame with the same fees and slippage (null before a result). */
    buyAndHold: IBuyAndHold | null;
    /**
     * The odds that the pick is luck: its deflated Sharpe ratio (trials = the walker's
     * strategies) and the probability of backtest overfitting over the strategies' returns
     * on a grid of CC_PBO_PERIOD_MINUTES periods of the frame. Null until the walker completes.
     */
    overfitting: IOverfittingOdds | null;
    /** Every strategy's trades re-priced at 1x, 2x and 3x fees and slippage. Null until the walker completes. */
    costStress: ICostStress | null;
    /**
     * What the run's model calls cost: the process's counts from the walker's start to its
     * latest strategy (getLlmUsage's reading; other runs in the same process at the same
     * time count in it too).
     */
    llmUsage: ILlmUsage;
}
/** Unique name of a walker. */
type WalkerName = string;

/** Options of a memorization check (Optimizer.leakCheck, `backtest-kit leak-check`). */
interface ILeakCheckOptions {
    /** Where the generated file goes (default ./generated); each mode runs in `<out>/leak-check/<mode>/`. */
    out?: string;
    /** Bound of one run of the generated file, in ms (default 3,600,000); a run past it is killed. */
    timeoutMs?: number;
}
/** One strategy's figures in one mode. */
interface ILeakCheckFigures {
    /** Closed trades. */
    trades: number;
    /** Sum of the trades' net PnL in percent (null without trades). */
    totalPnl: number | null;
    /** Share of winning trades in percent (null without trades). */
    winRate: number | null;
}
/** One strategy side by side: blind, plain and plain minus blind. */
interface ILeakCheckStrategy {
    strategyName: string;
    /** The blind run's figures, or null when the strategy failed in it. */
    blind: ILeakCheckFigures | null;
    /** The plain run's figures, or null when the strategy failed in it. */
    plain: ILeakCheckFigures | null;
    /** Plain total PnL minus blind total PnL, in percentage points (no trades counts as 0). */
    pnlDifference: number | null;
    /** Plain win rate minus blind win rate, in points (null unless both traded). */
    winRateDifference: number | null;
    /**
     * True when the plain run did much better: its total PnL is above the blind one's by at
     * least max(1, half the blind total PnL's size) percentage points.
     */
    plainMuchBetter: boolean;
}
/** One test window of a memorization check: its walker's strategies side by side. */
interface ILeakCheckWindow {
    /** The window's number, from 1, as in the walk-forward report. */
    window: number;
    /** The walker both runs completed for this window. */
    walkerName: string;
    /** The window's test range (both ends inclusive). */
    startDate: Date;
    endDate: Date;
    strategies: ILeakCheckStrategy[];
    /** True when any strategy did much better in plain mode in this window. */
    suspicious: boolean;
    /** This window's walker results of each run, as the runs wrote them. */
    runs: {
        blind: IWalkerResults;
        plain: IWalkerResults;
    };
}
/** The outcome of a memorization check. */
interface ILeakCheckReport {
    symbol: string;
    optimizerName: string;
    /** The generated file both runs ran. */
    file: string;
    /** The walker both runs completed; for several test windows, the windows' walkers joined by ", ". */
    walkerName: string;
    /** Each strategy side by side; for several test windows, its figures summed over all windows. */
    strategies: ILeakCheckStrategy[];
    /** True when any strategy did much better in plain mode (over all windows or in any one). */
    suspicious: boolean;
    /**
     * Dates, prices and symbol names the training conversations carried (summed over the
     * ranges; null when the optimizer is not blind): above 0 the verdict says so and gives no all-clear.
     */
    conversation: {
        dates: number;
        prices: number;
        symbols: number;
    } | null;
    /** One or two sentences saying what the comparison suggests. */
    verdict: string;
    /** The comparison as markdown (tables and verdict). */
    report: string;
    /** The walker results of each run, as the runs wrote them (for several windows, the last window's). */
    runs: {
        blind: IWalkerResults;
        plain: IWalkerResults;
    };
    /** Every test window's comparison, in order (one for a file with one test range). */
    windows: ILeakCheckWindow[];
}

/** Which optimizer a facade call is about, and whether to ask getPrompt again. */
interface IOptimizerContext extends IOptimizerRunOptions {
    /** Name given to addOptimizer. */
    optimizerName: OptimizerName;
}
/** Static facade of the Optimizer: collect data, generate code, write the file. */
declare class OptimizerUtils {
    /**
     * Collects every source over every training range and returns one strategy per range.
     * getPrompt is asked once per range and conversation in this process: calling
     * getData, getCode and dump over unchanged data asks it once; `regenerate: true` in
     * the context asks again.
     */
    getData: (symbol: string, context: IOptimizerContext) => Promise<IOptimizerStrategy[]>;
    /** Returns the complete generated `.mjs` file as text. */
    getCode: (symbol: string, context: IOptimizerContext) => Promise<string>;
    /**
     * Writes the generated file as `{optimizerName}_{symbol}.mjs` into `path` (default
     * the working directory), atomically, and resolves to the file's path.
     */
    dump: (symbol: string, context: IOptimizerContext, path?: string) => Promise<string>;
    /**
     * The memorization check: writes the generated file into `options.out` (default
     * ./generated), runs its walker twice as child processes, blind and plain, and
     * compares them strategy by strategy (trades, total PnL, win rate, plain minus blind).
     * A plain run that does much better (its total PnL ahead by at least max(1, half the
     * blind total PnL's size) percentage points) is a sign the model recognises the period;
     * `verdict` says so in words and `report` is the comparison as markdown.
     */
    leakCheck: (symbol: string, context: IOptimizerContext, options?: ILeakCheckOptions) => Promise<ILeakCheckReport>;
}
/** The Optimizer facade. */
declare const Optimizer: OptimizerUtils;

/** What a risk profile is asked about a signal: where and when it would open. */
interface IRiskCheckArgs {
    symbol: string;
    strategyName: StrategyName;
    exchangeName: ExchangeName;
    /** The price the signal would open at. */
    currentPrice: number;
    /** When it would open (UTC ms). */
    timestamp: number;
}
/** A position the portfolio of a risk profile holds open. */
interface IRiskActivePosition {
    /** The open signal (null when the position was added without one, as `lib.riskGlobalService.addSignal` does). */
    signal: ISignalRow | null;
    strategyName: StrategyName;
    exchangeName: ExchangeName;
    /** When the position opened (UTC ms). */
    openTimestamp: number;
}
/** What each validation of a risk profile receives: the check's args and the portfolio's open positions. */
interface IRiskValidationPayload extends IRiskCheckArgs {
    activePositionCount: number;
    activePositions: IRiskActivePosition[];
}
/** A validation: throws (or rejects) to refuse the signal; the error's message is the reason. */
type IRiskValidationFn = (payload: IRiskValidationPayload) => void | Promise<void>;
/** A validation with a note saying what it checks. */
interface IRiskValidation {
    validate: IRiskValidationFn;
    note?: string;
}
/** Hooks of a risk profile: told of each refused and each allowed signal. */
interface IRiskCallbacks {
    onRejected: (symbol: string, params: IRiskCheckArgs) => void | Promise<void>;
    onAllowed: (symbol: string, params: IRiskCheckArgs) => void | Promise<void>;
}
/** What `addRisk` registers: validations run in order before a signal opens; the first that throws refuses it. */
interface IRiskSchema {
    riskName: RiskName;
    note?: string;
    validations?: (IRiskValidation | IRiskValidationFn)[];
    callbacks?: Partial<IRiskCallbacks>;
}
/** The open positions of one risk profile, as `[strategyName:symbol, position]` pairs (what the state hooks load and save). */
type RiskPositionEntries = [string, IRiskActivePosition][];
/** A risk profile's refusal of a signal, as the refusal event and the report carry it. */
interface IRiskRefusal extends IRiskCheckArgs {
    riskName: RiskName;
    frameName: string;
    /** The refused signal's id, when the refusal came from a run. */
    signalId: string | null;
    /** "entry": the signal would have opened or been scheduled; "activation": a scheduled signal reached its price. */
    stage: "entry" | "activation";
    /** The validation's error message. */
    reason: string;
    activePositionCount: number;
}

/** Unique name of a sizing schema. */
type SizingName = string;
/** What every sizing method is given. */
interface ISizingCalculateParamsBase {
    symbol: string;
    /** The account's balance, in quote currency. */
    accountBalance: number;
    /** The entry price. */
    priceOpen: number;
}
/** `PositionSize.fixedPercentage`'s inputs: risk a share of the balance over the distance to the stop. */
interface IPositionSizeFixedPercentageParams extends ISizingCalculateParamsBase {
    priceStopLoss: number;
}
/** `PositionSize.kellyCriterion`'s inputs. */
interface IPositionSizeKellyParams extends ISizingCalculateParamsBase {
    /** Share of winning trades, strictly between 0 and 1. */
    winRate: number;
    /** Average win over average loss, above 0. */
    winLossRatio: number;
}
/** `PositionSize.atrBased`'s inputs. */
interface IPositionSizeATRParams extends ISizingCalculateParamsBase {
    /** The average true range, above 0. */
    atr: number;
}
/** Fixed-percentage inputs, tagged with their method. */
interface ISizingCalculateParamsFixedPercentage extends IPositionSizeFixedPercentageParams {
    method: "fixed-percentage";
}
/** Kelly criterion inputs, tagged with their method. */
interface ISizingCalculateParamsKelly extends IPositionSizeKellyParams {
    method: "kelly-criterion";
}
/** ATR-based inputs, tagged with their method. */
interface ISizingCalculateParamsATR extends IPositionSizeATRParams {
    method: "atr-based";
}
/** The inputs of any sizing method. */
type ISizingCalculateParams = ISizingCalculateParamsFixedPercentage | ISizingCalculateParamsKelly | ISizingCalculateParamsATR;
/** Hooks of a sizing schema. */
interface ISizingCallbacks {
    /** Told of each computed quantity, after the limits. */
    onCalculate: (quantity: number, params: ISizingCalculateParams) => void | Promise<void>;
}
/** Fields every sizing schema has: its name and the limits applied after its method. */
interface ISizingSchemaBase {
    sizingName: SizingName;
    note?: string;
    /** Largest position, in percent of the balance. */
    maxPositionPercentage?: number;
    /** Smallest quantity. */
    minPositionSize?: number;
    /** Largest quantity. */
    maxPositionSize?: number;
    callbacks?: Partial<ISizingCallbacks>;
}
/** Risk `riskPercentage` of the balance between entry and stop-loss. */
interface ISizingSchemaFixedPercentage extends ISizingSchemaBase {
    method: "fixed-percentage";
    riskPercentage: number;
}
/** The Kelly fraction of the balance, times `kellyMultiplier` (default 0.25). */
interface ISizingSchemaKelly extends ISizingSchemaBase {
    method: "kelly-criterion";
    kellyMultiplier?: number;
}
/** Risk `riskPercentage` of the balance over `atrMultiplier` (default 2) ATRs. */
interface ISizingSchemaATR extends ISizingSchemaBase {
    method: "atr-based";
    riskPercentage: number;
    atrMultiplier?: number;
}
/** What `addSizing` registers. */
type ISizingSchema = ISizingSchemaFixedPercentage | ISizingSchemaKelly | ISizingSchemaATR;

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
/**
 * Registers an exchange: where candles come from (`getCandles(symbol, interval, since,
 * limit)`) and how prices and quantities are printed. A malformed schema or a taken name
 * throws here.
 *
 * @example
 * addExchange({
 *   exchangeName: "local",
 *   getCandles: async (symbol, interval, since, limit) => readCandles(symbol, interval, since, limit),
 *   formatPrice: async (symbol, price) => price.toFixed(2),
 *   formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
 * });
 */
declare function addExchange(exchangeSchema: IExchangeSchema): void;
/**
 * Registers a frame: the ticks of a backtest, from startDate stepping by `interval` while
 * <= endDate. Invalid dates, endDate before startDate and unknown intervals throw here.
 *
 * @example
 * addFrame({
 *   frameName: "march",
 *   interval: "1m",
 *   startDate: new Date("2023-03-01T00:00:00Z"),
 *   endDate: new Date("2023-03-07T23:59:00Z"),
 * });
 */
declare function addFrame(frameSchema: IFrameSchema): void;
/**
 * Registers a strategy: getSignal(symbol, when) is asked at most once per `interval`
 * while no signal is open or scheduled. An unknown interval throws here.
 *
 * @example
 * addStrategy({
 *   strategyName: "dip-buyer",
 *   interval: "5m",
 *   getSignal: async (symbol) => {
 *     const [candle] = await getCandles(symbol, "5m", 1);
 *     return candle.close < candle.open * 0.99
 *       ? { position: "long", priceTakeProfit: candle.close * 1.01,
 *           priceStopLoss: candle.close * 0.99, minuteEstimatedTime: 120 }
 *       : null;
 *   },
 * });
 */
declare function addStrategy(strategySchema: IStrategySchema): void;
/**
 * Registers a walker: strategies backtested on one exchange and frame and ranked by
 * `metric` (sharpeRatio by default). The names it uses are checked when it runs.
 *
 * @example
 * addWalker({
 *   walkerName: "compare",
 *   exchangeName: "local",
 *   frameName: "march",
 *   strategies: ["dip-buyer", "ema-cross"],
 * });
 */
declare function addWalker(walkerSchema: IWalkerSchema): void;
/**
 * Registers a risk profile (backtest-kit 1.4): validations that every signal of a
 * strategy with this `riskName` must pass before it opens, seeing the positions open
 * under the profile across strategies and symbols. A validation refuses by throwing; the
 * refusal goes to listenValidation and to the backtest report.
 *
 * @example
 * addRisk({
 *   riskName: "max-3",
 *   validations: [({ activePositionCount }) => {
 *     if (activePositionCount >= 3) throw new Error("3 positions open already");
 *   }],
 * });
 */
declare function addRisk(riskSchema: IRiskSchema): void;
/**
 * Registers a position sizing schema (backtest-kit 1.4) for `PositionSize`: method
 * "fixed-percentage" (riskPercentage), "kelly-criterion" (kellyMultiplier, default 0.25)
 * or "atr-based" (riskPercentage, atrMultiplier default 2), with optional limits.
 *
 * @example
 * addSizing({ sizingName: "risk-2pct", method: "fixed-percentage", riskPercentage: 2 });
 */
declare function addSizing(sizingSchema: ISizingSchema): void;

/**
 * Imports an optimizer config module, as the `backtest-kit` command does: the module calls
 * addOptimizer, or default-exports one optimizer schema (registered here unless its name
 * is already registered). A config that does not parse, or throws while loading, rejects
 * with "config FILE failed to load" and, as its cause, the file and line, the source line
 * with a caret under the place and the error itself: what `node FILE` would show.
 *
 * @example
 * await loadOptimizerConfig("./my.config.mjs");
 * console.log(await listOptimizers());
 */
declare function loadOptimizerConfig(file: string): Promise<void>;

/** Every registered optimizer schema, in registration order. */
declare function listOptimizers(): Promise<IOptimizerSchema[]>;
/** Every registered exchange schema, in registration order. */
declare function listExchanges(): Promise<IExchangeSchema[]>;
/** Every registered frame schema, in registration order. */
declare function listFrames(): Promise<IFrameSchema[]>;
/** Every registered strategy schema, in registration order. */
declare function listStrategies(): Promise<IStrategySchema[]>;
/** Every registered walker schema, in registration order. */
declare function listWalkers(): Promise<IWalkerSchema[]>;
/** Every registered risk profile schema, in registration order. */
declare function listRisks(): Promise<IRiskSchema[]>;
/** Every registered sizing schema, in registration order. */
declare function listSizings(): Promise<ISizingSchema[]>;

/**
 * The `limit` most recent candles of `interval` that have closed at the current tick
 * (open time + interval <= tick), oldest first. Call it from getSignal.
 *
 * @example
 * const candles = await getCandles(symbol, "15m", 24);
 */
declare function getCandles(symbol: string, interval: CandleInterval, limit: number): Promise<ICandleData[]>;
/** VWAP of the last CC_AVG_PRICE_CANDLES_COUNT closed 1m candles at the current tick. */
declare function getAveragePrice(symbol: string): Promise<number>;
/** The run's exchange's text for a price. */
declare function formatPrice(symbol: string, price: number): Promise<string>;
/** The run's exchange's text for a quantity. */
declare function formatQuantity(symbol: string, quantity: number): Promise<string>;
/** The current tick as a Date. */
declare function getDate(): Promise<Date>;
/** "backtest" in a backtest (the runtime has no live mode yet). */
declare function getMode(): Promise<"backtest" | "live">;

/** Which schemas a run uses. */
interface IMethodContext {
    strategyName: StrategyName;
    exchangeName: ExchangeName;
    frameName: FrameName;
    /** The walker that runs the backtest, if one does. */
    walkerName?: string;
}

/**
 * Backtests of one strategy on one exchange and frame.
 *
 * @example
 * for await (const trade of Backtest.run("BTCUSDT", {
 *   strategyName: "ema-cross", exchangeName: "binance", frameName: "march",
 * })) {
 *   console.log(trade.closeReason, trade.pnl.pnlPercentage);
 * }
 * console.log(await Backtest.getReport("BTCUSDT", "ema-cross"));
 */
declare class BacktestUtils {
    /**
     * Runs a backtest and yields each closed trade in time order. Unknown names throw at
     * once; a failure of the strategy or exchange reaches listenError and rejects.
     */
    run: (symbol: string, context: IMethodContext) => AsyncGenerator<IStrategyTickResultClosed>;
    /**
     * Runs a backtest without waiting for it: follow it with listeners (listenDoneBacktest,
     * listenError, ...). Never leaves an unhandled rejection. Returns a function that stops
     * the run at its next tick.
     */
    background: (symbol: string, context: IMethodContext) => (() => void);
    /**
     * Statistics of the latest backtest of the strategy on the symbol. The backtest-kit 1.4
     * form `getData(strategyName)` reads the one symbol the strategy ran on; when it ran
     * on none or on several, the error says what to write instead.
     */
    getData: {
        (symbol: string, strategyName: StrategyName): Promise<BacktestStatistics>;
        (strategyName: StrategyName): Promise<BacktestStatistics>;
    };
    /**
     * Markdown report ("# Backtest Report: NAME", trade table, statistics). Also takes the
     * backtest-kit 1.4 form `getReport(strategyName)`, as getData does.
     */
    getReport: {
        (symbol: string, strategyName: StrategyName): Promise<string>;
        (strategyName: StrategyName): Promise<string>;
    };
    /**
     * Writes the report to `dir`/STRATEGY.md (default ./dump/backtest) and resolves to its
     * path. Also takes the backtest-kit 1.4 form `dump(strategyName, dir?)`, as getData does.
     */
    dump: {
        (symbol: string, strategyName: StrategyName, dir?: string): Promise<string>;
        (strategyName: StrategyName, dir?: string): Promise<string>;
    };
    /**
     * Writes one self-contained HTML report of the latest backtest (chart, equity, metrics,
     * trades; opens offline from disk) to `dir`/report.html (default ./dump) atomically and
     * resolves to its path.
     */
    dumpHtml: (symbol: string, strategyName: StrategyName, dir?: string) => Promise<string>;
}
/** The Backtest facade. */
declare const Backtest: BacktestUtils;

/** Sent after each strategy of a walker: its statistics and the best so far. */
interface WalkerContract {
    walkerName: WalkerName;
    exchangeName: string;
    frameName: string;
    symbol: string;
    strategyName: StrategyName;
    stats: BacktestStatistics;
    metricValue: number | null;
    metric: WalkerMetric;
    bestMetric: number | null;
    bestStrategy: StrategyName | null;
    strategiesTested: number;
    totalStrategies: number;
}

/** One test window of a walk-forward: its walker's frame, dates and results. */
interface IWalkForwardWindow {
    walkerName: WalkerName;
    frameName: string;
    startDate: Date;
    endDate: Date;
    results: IWalkerResults;
}
/** One strategy's out-of-sample record over all windows. */
interface IWalkForwardTotal {
    strategyName: StrategyName;
    /** Total PnL in percent per window (0 in a window without trades; null where it failed). */
    windowPnl: (number | null)[];
    /** Sum of the windows' total PnL; null when it failed in any window (it cannot win). */
    totalPnl: number | null;
    /** Closed trades over all windows. */
    totalSignals: number;
}
/**
 * Several walkers over consecutive test windows read as one out-of-sample test: every
 * window's results, each strategy's total, and the best strategy on the total PnL
 * (equal totals: more trades, then the first window's strategy order; tieBroken says so).
 */
interface IWalkForwardResults {
    symbol: string;
    windows: IWalkForwardWindow[];
    totals: IWalkForwardTotal[];
    /** Buy-and-hold per window, in percent (null without candles), and their sum. */
    buyAndHoldPnl: (number | null)[];
    buyAndHoldTotalPnl: number | null;
    bestStrategy: StrategyName | null;
    bestTotalPnl: number | null;
    tieBroken: boolean;
    tiedStrategies: StrategyName[];
    /**
     * The odds that the walk-forward pick is luck: its deflated Sharpe ratio over its trades
     * in all windows with trials = every strategy of every window, and the PBO of the
     * strategies that ran in every window, on one grid over all windows.
     */
    overfitting: IOverfittingOdds;
}

/**
 * Compares strategies: backtests each one of a walker on its exchange and frame and
 * names the best by the walker's metric.
 *
 * @example
 * for await (const step of Walker.run("BTCUSDT", { walkerName: "compare" })) {
 *   console.log(step.strategyName, step.metricValue, "best so far:", step.bestStrategy);
 * }
 * console.log(await Walker.getReport("BTCUSDT", "compare"));
 */
declare class WalkerUtils {
    /**
     * Runs the walker and yields one WalkerContract per completed strategy. Unknown
     * walker, exchange, frame or strategy names throw before anything runs.
     */
    run: (symbol: string, context: {
        walkerName: WalkerName;
    }) => AsyncGenerator<WalkerContract>;
    /**
     * Runs the walker without waiting for it (follow it with listenWalkerComplete,
     * listenError, ...). Never leaves an unhandled rejection. Returns a function that stops
     * it at the next tick.
     */
    background: (symbol: string, context: {
        walkerName: WalkerName;
    }) => (() => void);
    /**
     * The walker's latest results on the symbol, with every strategy's statistics. The
     * one-name form `getData(walkerName)` reads the one symbol the walker ran on; when it
     * ran on none or on several, the error says what to write instead.
     */
    getData: {
        (symbol: string, walkerName: WalkerName): Promise<IWalkerResults>;
        (walkerName: WalkerName): Promise<IWalkerResults>;
    };
    /**
     * Markdown report ("# Walker Comparison Report: NAME", best strategy, comparison
     * table). Also takes the one-name form `getReport(walkerName)`, as getData does.
     */
    getReport: {
        (symbol: string, walkerName: WalkerName): Promise<string>;
        (walkerName: WalkerName): Promise<string>;
    };
    /**
     * What a run prints when the walker is done: the verdict in plain words ("The best
     * strategy lost money", "It did worse than buy-and-hold") and the report's comparison
     * table with the buy-and-hold row, as markdown text.
     */
    getSummary: (symbol: string, walkerName: WalkerName) => Promise<string>;
    /**
     * Writes the report to `dir`/WALKER.md (default ./dump/walker) and resolves to its
     * path. Also takes the one-name form `dump(walkerName, dir?)`, as getData does.
     */
    dump: {
        (symbol: string, walkerName: WalkerName, dir?: string): Promise<string>;
        (walkerName: WalkerName, dir?: string): Promise<string>;
    };
    /**
     * Writes one self-contained HTML report (charts, metrics, ranking, trades; opens offline
     * from disk) to `dir`/report.html (default ./dump) atomically and resolves to its path.
     */
    dumpHtml: (symbol: string, walkerName: WalkerName, dir?: string) => Promise<string>;
    /**
     * Walkers that ran one test window each, read as one out-of-sample test: every
     * window's results, each strategy's total PnL over the windows, and the best on it.
     */
    getWalkForward: (symbol: string, walkerNames: WalkerName[]) => Promise<IWalkForwardResults>;
    /** Markdown ("# Walk-Forward Report: NAME", best strategy, windows, out-of-sample totals with buy-and-hold). */
    getWalkForwardReport: (symbol: string, walkerNames: WalkerName[], reportName?: string) => Promise<string>;
    /** The walk-forward verdict in plain words and the out-of-sample totals table, as a generated file prints them. */
    getWalkForwardSummary: (symbol: string, walkerNames: WalkerName[]) => Promise<string>;
    /** Writes the walk-forward report to `dir`/REPORTNAME.md (default ./dump/walker) and resolves to its path. */
    dumpWalkForward: (symbol: string, walkerNames: WalkerName[], reportName: string, dir?: string) => Promise<string>;
    /**
     * Writes one self-contained HTML report of walkers that ran one test window each: the
     * out-of-sample totals, then each window's charts, metrics and trades, to
     * `dir`/report.html (default ./dump) atomically; resolves to its path.
     */
    dumpWalkForwardHtml: (symbol: string, walkerNames: WalkerName[], dir?: string) => Promise<string>;
}
/** The Walker facade. */
declare const Walker: WalkerUtils;

/** A milestone of the way from the entry to take-profit (profit) or to stop-loss (loss), in percent. */
type PartialLevel = 10 | 20 | 30 | 40 | 50 | 60 | 70 | 80 | 90 | 100;
/** The milestones each open signal has reached, as the state hooks load and save them (by signal id). */
interface IPartialData {
    profitLevels: PartialLevel[];
    lossLevels: PartialLevel[];
}

/** An open signal reached a profit milestone: `level` percent of the way from its entry to take-profit. */
interface PartialProfitContract {
    symbol: string;
    /** The open signal. */
    data: ISignalRow;
    /** The price when it reached the level (the 1m candle's close in a backtest). */
    currentPrice: number;
    level: PartialLevel;
    backtest: boolean;
    /** When it reached the level (UTC ms). */
    timestamp: number;
}

/** An open signal reached a loss milestone: `level` percent of the way from its entry to stop-loss. */
interface PartialLossContract {
    symbol: string;
    /** The open signal. */
    data: ISignalRow;
    /** The price when it reached the level (the 1m candle's close in a backtest). */
    currentPrice: number;
    level: PartialLevel;
    backtest: boolean;
    /** When it reached the level (UTC ms). */
    timestamp: number;
}

/**
 * What a performance event timed: "backtest_total" a whole backtest run,
 * "backtest_timeframe" one visited tick (getSignal and, when it entered, the signal's
 * resolution), "backtest_signal" one signal from entry to close or cancel, "live_tick"
 * one tick of a live run.
 */
type PerformanceMetricType = "backtest_total" | "backtest_timeframe" | "backtest_signal" | "live_tick";
/** One timing of the engine, in milliseconds of wall time. */
interface PerformanceContract {
    /** When it was measured (wall clock, UTC ms). */
    timestamp: number;
    /** When the previous event of the same run was measured, null for the first. */
    previousTimestamp: number | null;
    metricType: PerformanceMetricType;
    /** Milliseconds it took. */
    duration: number;
    strategyName: string;
    exchangeName: string;
    symbol: string;
    backtest: boolean;
}

/** Progress of one backtest through its frame's ticks. */
interface ProgressBacktestContract {
    exchangeName: string;
    strategyName: string;
    frameName: string;
    symbol: string;
    totalFrames: number;
    processedFrames: number;
    /** processedFrames / totalFrames, from 0 to 1. */
    progress: number;
}

/** Progress of a walker through its strategies. */
interface ProgressWalkerContract {
    walkerName: string;
    exchangeName: string;
    frameName: string;
    symbol: string;
    totalStrategies: number;
    processedStrategies: number;
    /** processedStrategies / totalStrategies, from 0 to 1. */
    progress: number;
}

/** Progress of a sweep through its jobs, sent at its start and as each job ends. */
interface ProgressSweepContract {
    /** Every job of the sweep. */
    totalJobs: number;
    /** Jobs ended so far: done, failed or kept from an earlier sweep. */
    processedJobs: number;
    /** Of those, the failed ones. */
    failedJobs: number;
    /** Of those, the ones kept from an earlier sweep. */
    reusedJobs: number;
    /** processedJobs / totalJobs, from 0 to 1. */
    progress: number;
    /** The job that just ended (null in the first event). */
    lastJob: {
        id: string;
        optimizerName: string | null;
        symbol: string;
        status: "done" | "failed";
        reused: boolean;
    } | null;
}

/** Options of a sweep (`Sweep.run`, `Sweep.background`, `backtest-kit sweep`). */
interface ISweepOptions {
    /** The symbols every optimizer of every config runs on. */
    symbols: string[];
    /** Where the table and each job's files go (default ./sweep). */
    out?: string;
    /** Worker processes of a local sweep (default: the machine's cores). */
    workers?: number;
    /**
     * `redis://HOST:PORT[/DB]`: the jobs go on a BullMQ queue there and `backtest-kit
     * worker` processes, on any machine, take them; without it the sweep runs locally.
     */
    queue?: string;
}
/** How a job ended. */
type SweepJobStatus = "done" | "failed";
/** One row of the sweep's table. */
interface ISweepJobResult {
    id: string;
    config: string;
    configHash: string;
    /** The optimizer (null in the row of a config that did not load). */
    optimizerName: string | null;
    symbol: string;
    status: SweepJobStatus;
    /** True when the result was kept from an earlier sweep (same config content and symbol). */
    reused: boolean;
    /**
     * The generated file's walker (null when the job failed before it ran, and for a
     * walk-forward file: its walkers are in `windows`).
     */
    walkerName: string | null;
    /** The walker's metric; for a walk-forward file "out-of-sample total PNL". */
    metric: string | null;
    /**
     * The best strategy, by the walker's metric; for a walk-forward file the file's own
     * pick, on the out-of-sample total PnL over every window.
     */
    bestStrategy: string | null;
    /** The best strategy's metric value (for a walk-forward file its out-of-sample total PnL, in percent). */
    bestMetric: number | null;
    /** The best strategy's closed trades (over every window for a walk-forward file). */
    trades: number | null;
    /** Strategies the walker compared. */
    strategies: number | null;
    /**
     * The per-trade Sharpe ratios of the job's strategies that have one: with the other jobs'
     * on the same symbol, the variance of the sweep's deflated Sharpe ratio (null when failed).
     */
    sharpes?: number[] | null;
    /** The best strategy's per-trade Sharpe ratio, trades, skewness and kurtosis (null without them). */
    bestShape?: {
        sharpe: number;
        observations: number;
        skewness: number;
        kurtosis: number;
    } | null;
    /** The job's own probability of backtest overfitting (its walker's strategies on its test range). */
    pbo?: number | null;
    /** A walk-forward file's test windows in order, each with its own best; null for one test range. */
    windows?: ISweepWindow[] | null;
    /** The job's error message when it failed. */
    error: string | null;
    /** Attempts the job took (1 unless it was retried). */
    attempts: number;
    /**
     * What the job's model calls cost: generating its file (the optimizer's prompts) and
     * running it (the walker's); null when it failed or the row predates the counts.
     */
    llmUsage: ILlmUsage | null;
}
/** One test window of a walk-forward job: its walker and that window's own best strategy. */
interface ISweepWindow {
    walkerName: string;
    metric: string;
    bestStrategy: string | null;
    bestMetric: number | null;
}
/** A sweep's outcome: every job's row, in config, optimizer and symbol order. */
interface ISweepResult {
    /** The output directory (absolute). */
    out: string;
    jobs: ISweepJobResult[];
    /** Jobs that ended done, failed, and were kept from an earlier sweep. */
    done: number;
    failed: number;
    reused: number;
    /** The table as markdown (also written to `out`/sweep.md). */
    table: string;
    /** The files written: `out`/sweep.md and `out`/sweep.json. */
    files: {
        markdown: string;
        json: string;
    };
}
/** Options of a queue worker (`Sweep.worker`, `backtest-kit worker`). */
interface ISweepWorkerOptions {
    /** `redis://HOST:PORT[/DB]` of the sweep's queue. */
    queue: string;
    /** Jobs this worker runs at once, each in its own process (default 1). */
    concurrency?: number;
    /**
     * How long a job's lock lasts without renewal, in ms (default 30,000): a worker that
     * died mid-job is noticed this long after, and its job is given to another worker.
     */
    lockMs?: number;
}
/** A running queue worker. */
interface ISweepWorker {
    /** Stops taking jobs, waits for the running ones (at most `timeoutMs`, default 60,000) and disconnects. */
    close(timeoutMs?: number): Promise<void>;
}

/** Sent when a backtest or a walker finishes. */
interface DoneContract {
    exchangeName: string;
    /** The strategy of a backtest; the walker's name for a walker. */
    strategyName: string;
    frameName: string;
    backtest: boolean;
    symbol: string;
    /** Set for a walker. */
    walkerName?: string;
    /**
     * Set for the backtest of a strategy that declares `prefetch` while CC_SIGNAL_PREFETCH
     * is above 0: how its signals asked for ahead were used.
     */
    signalPrefetch?: ISignalPrefetchCounts;
    /**
     * The process-wide LLM request pool at the end of the run: its mode (adaptive unless
     * CC_LLM_CONCURRENCY is set), the limit it settled on, the highest reached, how often
     * it fell and its last move with the reason. Absent while the pool sent no request
     * under the current settings.
     */
    llmConcurrency?: ILlmConcurrencySnapshot;
}

/**
 * Where a live run takes its time from. The real clock is the wall clock; a replay
 * clock runs a past period N times faster (rehearsals, tests).
 */
interface ILiveClock {
    /** The current time, UTC ms. */
    now(): number;
    /** Resolves once now() >= `time`, or early (without throwing) when `signal` aborts. */
    waitUntil(time: number, signal: AbortSignal): Promise<void>;
    /**
     * True for a clock that jumps to each awaited time at once (a replay at full speed):
     * a rehearsal over history then skips the ticks where nothing can happen.
     */
    readonly fullSpeed?: boolean;
    /**
     * Where a fresh run starts (UTC ms; a replay's first instant). Without it a fresh run
     * starts at the current whole minute of now().
     */
    readonly start?: number;
}
/** What Live.run yields: every tick's result, as backtest-kit 1.4 has them. */
type ILiveTickResult = IStrategyTickResult | IStrategyTickResultIdle | IStrategyTickResultActive;
/**
 * A live run's state, stored in one atomic record after each change: the next tick to
 * process, the throttle, the open position or the signal waiting for its entry, and the
 * trades closed so far. A run killed at any instant resumes from it with no trade lost
 * or doubled.
 */
interface ILiveState {
    /** The next tick (UTC ms, a whole minute) the run processes. */
    nextTick: number;
    /** When getSignal was last called (UTC ms), null before the first call. */
    lastCall: number | null;
    open: IStrategyTickResultOpened | null;
    scheduled: IStrategyTickResultScheduled | null;
    /** Closed trades, in order. */
    trades: IStrategyTickResultClosed[];
}

type Listener<T> = (event: T) => void | Promise<void>;
/** Calls `fn` with every optimizer progress event. @returns A function that unsubscribes. */
declare const listenOptimizerProgress: (fn: Listener<ProgressOptimizerContract>) => () => void;
/** Calls `fn` with every sweep progress event: at the sweep's start and as each job ends. @returns A function that unsubscribes. */
declare const listenSweepProgress: (fn: Listener<ProgressSweepContract>) => () => void;
/** Calls `fn` with each sweep's result when it ends (how `Sweep.background` reports). @returns A function that unsubscribes. */
declare const listenDoneSweep: (fn: Listener<ISweepResult>) => () => void;
/** Calls `fn` with every signal event (scheduled, opened, closed, cancelled) of any run. */
declare const listenSignal: (fn: Listener<IStrategyTickResult>) => () => void;
/** Calls `fn` once, with the first signal event that passes `filterFn`. */
declare const listenSignalOnce: (filterFn: (event: IStrategyTickResult) => boolean, fn: Listener<IStrategyTickResult>) => () => void;
/** Calls `fn` with every signal event of backtests. */
declare const listenSignalBacktest: (fn: Listener<IStrategyTickResult>) => () => void;
/** Calls `fn` once, with the first backtest signal event that passes `filterFn`. */
declare const listenSignalBacktestOnce: (filterFn: (event: IStrategyTickResult) => boolean, fn: Listener<IStrategyTickResult>) => () => void;
/** Calls `fn` with every tick result of live runs: idle, active, scheduled, opened, closed, cancelled. */
declare const listenSignalLive: (fn: Listener<ILiveTickResult>) => () => void;
/** Calls `fn` once, with the first live tick result that passes `filterFn`. */
declare const listenSignalLiveOnce: (filterFn: (event: ILiveTickResult) => boolean, fn: Listener<ILiveTickResult>) => () => void;
/** Calls `fn` whenever a live run stops (stopped, or a rehearsal reached its end). */
declare const listenDoneLive: (fn: Listener<DoneContract>) => () => void;
/** Calls `fn` once, when the first live run that passes `filterFn` stops. */
declare const listenDoneLiveOnce: (filterFn: (event: DoneContract) => boolean, fn: Listener<DoneContract>) => () => void;
/** Calls `fn` with every error of a run (failures, timeouts, rejected signals), with context. */
declare const listenError: (fn: Listener<Error>) => () => void;
/** Calls `fn` with every rejected signal. */
declare const listenValidation: (fn: Listener<Error>) => () => void;
/** Calls `fn` whenever a backtest finishes. */
declare const listenDoneBacktest: (fn: Listener<DoneContract>) => () => void;
/** Calls `fn` once, when the first backtest that passes `filterFn` finishes. */
declare const listenDoneBacktestOnce: (filterFn: (event: DoneContract) => boolean, fn: Listener<DoneContract>) => () => void;
/** Calls `fn` whenever a walker finishes. */
declare const listenDoneWalker: (fn: Listener<DoneContract>) => () => void;
/** Calls `fn` once, when the first walker that passes `filterFn` finishes. */
declare const listenDoneWalkerOnce: (filterFn: (event: DoneContract) => boolean, fn: Listener<DoneContract>) => () => void;
/** Calls `fn` with a backtest's progress (once per whole percent and at the end). */
declare const listenBacktestProgress: (fn: Listener<ProgressBacktestContract>) => () => void;
/** Calls `fn` after each strategy of a walker with its statistics and the best so far. */
declare const listenWalker: (fn: Listener<WalkerContract>) => () => void;
/** Calls `fn` once, with the first walker step that passes `filterFn`. */
declare const listenWalkerOnce: (filterFn: (event: WalkerContract) => boolean, fn: Listener<WalkerContract>) => () => void;
/** Calls `fn` with a walker's progress through its strategies. */
declare const listenWalkerProgress: (fn: Listener<ProgressWalkerContract>) => () => void;
/** Calls `fn` with a walker's results when it finishes. */
declare const listenWalkerComplete: (fn: Listener<IWalkerResults>) => () => void;
/**
 * Calls `fn` with every fault the library worked around instead of failing (a retried
 * call, a repaired reply, data that ended early, ...); `event.kind` says which.
 */
declare const listenWarning: (fn: Listener<WarningContract>) => () => void;
/** Calls `fn` once, with the first warning that passes `filterFn`. */
declare const listenWarningOnce: (filterFn: (event: WarningContract) => boolean, fn: Listener<WarningContract>) => () => void;
/** Calls `fn` with every profit milestone of an open signal (10%, 20%, ... 100% of the way to take-profit), once per signal and level. */
declare const listenPartialProfit: (fn: Listener<PartialProfitContract>) => () => void;
/** Calls `fn` once, with the first profit milestone that passes `filterFn`. */
declare const listenPartialProfitOnce: (filterFn: (event: PartialProfitContract) => boolean, fn: Listener<PartialProfitContract>) => () => void;
/** Calls `fn` with every loss milestone of an open signal (10%, 20%, ... 100% of the way to stop-loss), once per signal and level. */
declare const listenPartialLoss: (fn: Listener<PartialLossContract>) => () => void;
/** Calls `fn` once, with the first loss milestone that passes `filterFn`. */
declare const listenPartialLossOnce: (filterFn: (event: PartialLossContract) => boolean, fn: Listener<PartialLossContract>) => () => void;
/** Calls `fn` with every timing of the engine (a run, a visited tick, a signal). */
declare const listenPerformance: (fn: Listener<PerformanceContract>) => () => void;

/** One scheduled signal event: made, activated (its entry price reached) or cancelled. */
interface IScheduledEvent {
    /** When it happened (UTC ms). */
    timestamp: number;
    action: "scheduled" | "opened" | "cancelled";
    symbol: string;
    signalId: string;
    position: string;
    note?: string;
    currentPrice: number;
    priceOpen: number;
    takeProfit: number;
    stopLoss: number;
    /** When it was activated or cancelled (UTC ms); absent for "scheduled". */
    closeTimestamp?: number;
    /** Minutes it waited from being made to being activated or cancelled; absent for "scheduled". */
    duration?: number;
}
/** What `Schedule.getData` returns: the scheduled signals of a strategy and what became of them. */
interface ScheduleStatistics {
    eventList: IScheduledEvent[];
    totalEvents: number;
    totalScheduled: number;
    /** Scheduled signals that reached their entry price and opened. */
    totalOpened: number;
    totalCancelled: number;
    /** Cancelled over scheduled, in percent; null without scheduled signals. */
    cancellationRate: number | null;
    /** Opened over scheduled, in percent; null without scheduled signals. */
    activationRate: number | null;
    /** Average wait of the cancelled signals, in minutes; null without any. */
    avgWaitTime: number | null;
    /** Average wait of the activated signals, in minutes; null without any. */
    avgActivationTime: number | null;
}
/** One symbol's row of the portfolio heatmap. */
interface IHeatmapRow {
    symbol: string;
    totalPnl: number | null;
    sharpeRatio: number | null;
    maxDrawdown: number | null;
    totalTrades: number;
    winCount: number;
    lossCount: number;
    winRate: number | null;
    avgPnl: number | null;
    stdDev: number | null;
    profitFactor: number | null;
    avgWin: number | null;
    avgLoss: number | null;
    maxWinStreak: number;
    maxLossStreak: number;
    expectancy: number | null;
}
/** What `Heat.getData` returns: a strategy's rows across symbols, best Sharpe ratio first (nulls last). */
interface IHeatmapStatistics {
    symbols: IHeatmapRow[];
    totalSymbols: number;
    portfolioTotalPnl: number | null;
    /** The rows' Sharpe ratios weighted by their trades. */
    portfolioSharpeRatio: number | null;
    portfolioTotalTrades: number;
}
/** The timings of one metric type. */
interface IPerformanceMetricStats {
    metricType: PerformanceMetricType;
    count: number;
    totalDuration: number;
    avgDuration: number;
    minDuration: number;
    maxDuration: number;
    stdDev: number;
    median: number;
    p95: number;
    p99: number;
    /** Milliseconds between consecutive events of the type. */
    avgWaitTime: number;
    minWaitTime: number;
    maxWaitTime: number;
}
/** What `Performance.getData` returns: a strategy's timings by metric type. */
interface PerformanceStatistics {
    strategyName: string;
    totalEvents: number;
    totalDuration: number;
    metricStats: Record<string, IPerformanceMetricStats>;
    events: PerformanceContract[];
}
/** One partial milestone of an open signal. */
interface IPartialEvent {
    timestamp: number;
    action: "profit" | "loss";
    symbol: string;
    signalId: string;
    strategyName: string;
    position: string;
    currentPrice: number;
    level: PartialLevel;
    backtest: boolean;
}
/** What `Partial.getData` returns: the milestones reached on a symbol. */
interface PartialStatistics {
    eventList: IPartialEvent[];
    totalEvents: number;
    totalProfit: number;
    totalLoss: number;
}

/**
 * The partial profit and loss milestones reached on a symbol (backtest-kit 1.4): each
 * open signal's 10%, 20%, ... 100% of the way to take-profit or to stop-loss, once per
 * signal, for the latest backtest of each strategy and frame on the symbol (and every
 * live milestone), until cleared.
 *
 * @example
 * const stats = await Partial.getData("BTCUSDT");
 * console.log(stats.totalProfit, stats.totalLoss);
 */
declare class PartialUtils {
    /** The milestones reached on `symbol`. */
    getData: (symbol: string) => Promise<PartialStatistics>;
    /** The markdown report ("# Partial Profit/Loss Report: SYMBOL"). */
    getReport: (symbol: string) => Promise<string>;
    /** Writes the report to `dir`/SYMBOL.md (default ./dump/partial) and resolves to its path. */
    dump: (symbol: string, dir?: string) => Promise<string>;
    /** Forgets the milestones on `symbol` (on every symbol without one). */
    clear: (symbol?: string) => Promise<void>;
}
/** The partial profit/loss report (backtest-kit 1.4's `Partial`). */
declare const Partial$1: PartialUtils;

/**
 * The scheduled signals of a strategy (backtest-kit 1.4): how many were made, activated
 * (their entry price reached) and cancelled, the activation and cancellation rates and
 * the average waits. A strategy's figures start afresh with each of its runs.
 *
 * @example
 * const stats = await Schedule.getData("limit-1h");
 * console.log(stats.totalScheduled, stats.activationRate, stats.avgWaitTime);
 */
declare class ScheduleUtils {
    /** The strategy's scheduled signal statistics. */
    getData: (strategyName: StrategyName) => Promise<ScheduleStatistics>;
    /** The markdown report ("# Scheduled Signals Report: NAME"). */
    getReport: (strategyName: StrategyName) => Promise<string>;
    /** Writes the report to `dir`/STRATEGY.md (default ./dump/schedule) and resolves to its path. */
    dump: (strategyName: StrategyName, dir?: string) => Promise<string>;
    /** Forgets the events of `strategyName` (of every strategy without one). */
    clear: (strategyName?: StrategyName) => Promise<void>;
}
/** The scheduled signals report (backtest-kit 1.4's `Schedule`). */
declare const Schedule: ScheduleUtils;

/**
 * The portfolio heatmap of a strategy across the symbols it ran on (backtest-kit 1.4):
 * one row per symbol (its latest backtest in this process), best Sharpe ratio first,
 * with the portfolio's total PNL, trade-weighted Sharpe ratio and trades.
 *
 * @example
 * const heat = await Heat.getData("ema-cross");
 * console.log(heat.symbols.map((row) => `${row.symbol} ${row.sharpeRatio}`));
 */
declare class HeatUtils {
    /** The strategy's heatmap. */
    getData: (strategyName: StrategyName) => Promise<IHeatmapStatistics>;
    /** The markdown report ("# Portfolio Heatmap: NAME"). */
    getReport: (strategyName: StrategyName) => Promise<string>;
    /** Writes the report to `dir`/STRATEGY.md (default ./dump/heatmap) and resolves to its path. */
    dump: (strategyName: StrategyName, dir?: string) => Promise<string>;
}
/** The portfolio heatmap (backtest-kit 1.4's `Heat`). */
declare const Heat: HeatUtils;

/**
 * The engine's timings of a strategy (backtest-kit 1.4), by metric type: backtest_total
 * (a run), backtest_timeframe (a visited tick), backtest_signal (a signal from entry to
 * close). They add up across runs until cleared.
 *
 * @example
 * const stats = await Performance.getData("ema-cross");
 * console.log(stats.metricStats.backtest_timeframe.avgDuration);
 */
declare class PerformanceUtils {
    /** The strategy's timings by metric type. */
    getData: (strategyName: StrategyName) => Promise<PerformanceStatistics>;
    /** The markdown report ("# Performance Report: NAME"). */
    getReport: (strategyName: StrategyName) => Promise<string>;
    /** Writes the report to `dir`/STRATEGY.md (default ./dump/performance) and resolves to its path. */
    dump: (strategyName: StrategyName, dir?: string) => Promise<string>;
    /** Forgets the timings of `strategyName` (of every strategy without one). */
    clear: (strategyName?: StrategyName) => Promise<void>;
}
/** The performance report (backtest-kit 1.4's `Performance`). */
declare const Performance: PerformanceUtils;

/**
 * Position sizes by a registered sizing schema (backtest-kit 1.4): the quantity to trade
 * for an account balance and entry price. The schema's method must match the helper
 * ("method mismatch" otherwise); an unknown sizingName fails with "not found".
 *
 * @example
 * addSizing({ sizingName: "risk-2pct", method: "fixed-percentage", riskPercentage: 2 });
 * const quantity = await PositionSize.fixedPercentage("BTCUSDT", 10_000, 50_000, 49_000, { sizingName: "risk-2pct" });
 */
declare class PositionSizeUtils {
    /** Quantity that loses the schema's riskPercentage of the balance if priceStopLoss is hit. */
    static fixedPercentage: (symbol: string, accountBalance: number, priceOpen: number, priceStopLoss: number, context: {
        sizingName: SizingName;
    }) => Promise<number>;
    /** Quantity worth the Kelly fraction of the balance, times the schema's kellyMultiplier. */
    static kellyCriterion: (symbol: string, accountBalance: number, priceOpen: number, winRate: number, winLossRatio: number, context: {
        sizingName: SizingName;
    }) => Promise<number>;
    /** Quantity that loses the schema's riskPercentage of the balance over atrMultiplier ATRs. */
    static atrBased: (symbol: string, accountBalance: number, priceOpen: number, atr: number, context: {
        sizingName: SizingName;
    }) => Promise<number>;
}
/** Position sizing helpers (backtest-kit 1.4's `PositionSize`). */
declare const PositionSize: typeof PositionSizeUtils;

/**
 * Partial milestone levels for scaling out (backtest-kit 1.4), in percent of the way from
 * the entry to the final target: compare them with the `level` of listenPartialProfit
 * (TP_*) and listenPartialLoss (SL_*).
 *
 * @example
 * listenPartialProfit(({ level, data }) => {
 *   if (level === Constant.TP_LEVEL1) console.log(`close a third of ${data.id}`);
 * });
 */
declare class ConstantUtils {
    /** First profit milestone: 30% of the way to take-profit. */
    readonly TP_LEVEL1 = 30;
    /** Second profit milestone: 60% of the way to take-profit. */
    readonly TP_LEVEL2 = 60;
    /** Third profit milestone: 90% of the way to take-profit. */
    readonly TP_LEVEL3 = 90;
    /** First loss milestone: 40% of the way to stop-loss. */
    readonly SL_LEVEL1 = 40;
    /** Second loss milestone: 80% of the way to stop-loss. */
    readonly SL_LEVEL2 = 80;
}
/** The milestone levels (backtest-kit 1.4's `Constant`). */
declare const Constant: ConstantUtils;

/**
 * The 1.4 entry to a risk profile's shared portfolio (`lib.riskGlobalService`): checks
 * the name is registered, then asks its ClientRisk. Runs ask their ClientRisk directly.
 */
declare class RiskGlobalService {
    private readonly loggerService;
    private readonly riskConnectionService;
    private readonly riskValidationService;
    /** Runs the profile's validations on `params`; false when one refused (a listenValidation event). */
    checkSignal: (params: IRiskCheckArgs, context: {
        riskName: RiskName;
    }) => Promise<any>;
    /** Records an open position of `context.strategyName` on `symbol` in the profile's portfolio. */
    addSignal: (symbol: string, context: {
        strategyName: StrategyName;
        riskName: RiskName;
    }) => Promise<void>;
    /** Forgets the open position of `context.strategyName` on `symbol`. */
    removeSignal: (symbol: string, context: {
        strategyName: StrategyName;
        riskName: RiskName;
    }) => Promise<void>;
    /** Empties the portfolio of `riskName`, or of every profile. */
    clear: (riskName?: RiskName) => Promise<void>;
}

/**
 * backtest-kit 1.4's `lib`, narrowed to what 1.4 code reaches through it here: the risk
 * profiles' shared portfolios (`lib.riskGlobalService.checkSignal / addSignal /
 * removeSignal / clear`). The rest of the container stays internal.
 */
declare const lib: Readonly<{
    riskGlobalService: RiskGlobalService;
}>;

/**
 * One of the library's event subjects as `emitters` hands it out: 1.4's subject surface
 * for listening (subscribe, once, filter, map, toObserver, toPromise) without `next`, so
 * no caller can send events of its own into a run's subjects.
 */
interface IListenOnlySubject<T> {
    /** Calls `fn` with every event, as the matching `listen*` function does. @returns A function that unsubscribes. */
    subscribe(fn: (event: T) => void | Promise<void>): () => void;
    /** Calls `fn` with the next event only. @returns A function that unsubscribes before it came. */
    once(fn: (event: T) => void | Promise<void>): () => void;
    /** An observer of the events that pass `fn`; it listens until its subscribers leave. */
    filter(fn: (event: T) => boolean): TObserver<T>;
    /** An observer of `fn` applied to every event; it listens until its subscribers leave. */
    map<U>(fn: (event: T) => U): TObserver<U>;
    /** functools-kit's observer over the events (debounce, reduce, merge ...). */
    toObserver(): TObserver<T>;
    /** Resolves with the next event. */
    toPromise(): Promise<T>;
}

/**
 * backtest-kit 1.4's `emitters`, listen-only: its subjects by their 1.4 names (those this
 * library has), each offering subscribe, once, filter, map, toObserver and toPromise but
 * no `next`. A subscription here is a listener like one made with `listen*`
 * (`emitters.doneWalkerSubject.toPromise()` resolves when a walker finishes).
 */
declare const emitters: Readonly<{
    signalEmitter: IListenOnlySubject<IStrategyTickResult>;
    signalLiveEmitter: IListenOnlySubject<ILiveTickResult>;
    signalBacktestEmitter: IListenOnlySubject<IStrategyTickResult>;
    errorEmitter: IListenOnlySubject<Error>;
    doneLiveSubject: IListenOnlySubject<DoneContract>;
    doneBacktestSubject: IListenOnlySubject<DoneContract>;
    doneWalkerSubject: IListenOnlySubject<DoneContract>;
    progressBacktestEmitter: IListenOnlySubject<ProgressBacktestContract>;
    progressWalkerEmitter: IListenOnlySubject<ProgressWalkerContract>;
    progressOptimizerEmitter: IListenOnlySubject<ProgressOptimizerContract>;
    performanceEmitter: IListenOnlySubject<PerformanceContract>;
    walkerEmitter: IListenOnlySubject<WalkerContract>;
    walkerCompleteSubject: IListenOnlySubject<IWalkerResults>;
    validationSubject: IListenOnlySubject<Error>;
    partialProfitSubject: IListenOnlySubject<PartialProfitContract>;
    partialLossSubject: IListenOnlySubject<PartialLossContract>;
}>;

/**
 * Asks the model for a plain-text answer. Replies come from the response cache when the
 * same request was answered before; transient failures are retried with backoff; a
 * request that still fails throws. Works anywhere (in getPrompt, in a strategy).
 *
 * @example
 * const strategy = await askText([{ role: "user", content: "Describe a BTC strategy" }]);
 */
declare function askText(messages: MessageModel[], options?: ILlmOptions): Promise<string>;
/**
 * Asks the model for a trading signal at the current tick (call it from getSignal).
 * The answer is parsed and checked against the signal rules; "wait" gives no signal; an
 * invalid answer is asked again once with the problem quoted, then reported through
 * listenValidation; a request that fails after its retries is reported through
 * listenError. In every such case `signal` is null and the backtest goes on.
 *
 * @example
 * const { id, signal } = await askSignal(messages);
 * return signal; // carries `id`, stable for the same conversation at the same tick
 */
declare function askSignal(messages: MessageModel[], options?: ILlmOptions): Promise<ILlmSignalAnswer>;

/**
 * What the model calls of this process cost so far, or since `since` (an earlier result):
 * requests sent, answered from the cache, shared in flight, speculative and wasted; the
 * prompt and completion tokens the endpoints reported; the time spent waiting on the
 * model; and the cost in USD at the price table (CC_LLM_PRICES, the BACKTEST_KIT_LLM_PRICES
 * file), or null with the unpriced models named. `text` is the one-paragraph summary.
 *
 * @example
 * const before = getLlmUsage();
 * await Walker.run(...);
 * console.log(getLlmUsage(before).text);
 */
declare function getLlmUsage(since?: ILlmUsage): ILlmUsage;

/**
 * Where the process's model request pool stands now: its mode ("adaptive" unless
 * CC_LLM_CONCURRENCY fixes it), the limit of requests in flight, the highest it reached,
 * how often it fell and its last move with the reason; `text` is the one-line summary the
 * backtest-kit command prints. Null while the pool has sent no request (since the last
 * change of CC_LLM_CONCURRENCY, _MIN or _MAX).
 *
 * @example
 * await Walker.run(...);
 * const concurrency = getLlmConcurrency();
 * if (concurrency) console.log(concurrency.text);
 */
declare function getLlmConcurrency(): ILlmConcurrency | null;

/** Options of formatCandlesBlind. */
interface IBlindFormatOptions {
    /** The real price shown as 100 (default: the close of the last row). */
    anchorPrice?: number;
}

/**
 * Candle rows as blind prompt text, one line per candle, for source formatters and
 * strategies: times relative to the last row (`t-29m` ... `t0`), no symbol and no dates,
 * prices as percent of `options.anchorPrice` (default: the last row's close, shown as
 * 100), volumes as percent of the rows' mean, each with the fewest decimals that lose
 * nothing; no rows give "". The baseline model reads these lines as it reads plain ones.
 *
 * @example
 * formatCandlesBlind(candles, "1h");
 * // t-2h[1h]: O:99.61230 H:100.10455 L:99.50011 C:99.87000 V:91.37
 * // t-1h[1h]: ...
 * // t0[1h]: O:99.87000 H:100.20001 L:99.80210 C:100.00000 V:112.04
 */
declare function formatCandlesBlind(rows: ICandleData[], timeframe: string, options?: IBlindFormatOptions): string;
/**
 * The blind mode a generated file runs in: BACKTEST_KIT_BLIND (on/1/true/yes or
 * off/0/false/no) when it is set, else `fallback` (the optimizer's `blind` option).
 * Another value throws, naming the variable and the value.
 */
declare function readBlindMode(fallback: boolean): boolean;

/** What an open position needs to be resolved on candles. */
interface IOpenPosition {
    position: "long" | "short";
    priceOpen: number;
    priceTakeProfit: number;
    priceStopLoss: number;
    /** When the position opened (UTC ms). */
    pendingAt: number;
    /** Its lifetime in minutes. */
    minuteEstimatedTime: number;
}
/** How an open position closed: why, when (UTC ms), at what price, and whether the data ran out first. */
interface IOpenSignalOutcome {
    closeReason: StrategyCloseReason;
    closeTimestamp: number;
    priceClose: number;
    /** The candles ended before the lifetime did: closed at the last candle there was (at the entry without one). */
    dataEnded: boolean;
}
/**
 * The engine's rule for an open position, on the 1m candles it watches
 * (candles[from, to), the ones opening from pendingAt through its lifetime): the first
 * candle that reaches the stop-loss closes it there (stop-loss wins when one candle
 * touches both), else the first that reaches the take-profit, at that candle's close
 * time. Nothing hit: "time_expired" at the lifetime's end at the last candle's close;
 * when the candles end before the lifetime, at the last candle's close time
 * (at the entry without a candle), marked dataEnded.
 */
declare const resolveOpenSignal: (signal: IOpenPosition, candles: ArrayLike<ICandleData>, from?: number, to?: number) => IOpenSignalOutcome;

/**
 * The random-entry baseline of a strategy's closed trades on 1m candles, as
 * `Backtest.getData(...).luck` computes it for a run (when first read): `simulations` seeded runs
 * that each trade the same trades (side, take-profit and stop-loss distances, lifetime)
 * at random ticks of the frame without overlap, entering at the engine's average price
 * and resolved by its rule (resolveOpenSignal). Null without trades or simulations.
 * `onTrade` sees every simulated trade. Bad options throw, naming the field and value.
 */
declare function runLuckTest(options: ILuckTestOptions): ILuckTest | null;

/** What probabilisticSharpeRatio takes: a Sharpe ratio per observation and its return's shape. */
interface IProbabilisticSharpeInput {
    /** Sharpe ratio per observation (not annualised): mean / standard deviation of the returns. */
    sharpe: number;
    /** Returns the Sharpe ratio was measured on (n >= 2). */
    observations: number;
    /** Skewness of those returns (0 for a normal distribution). */
    skewness: number;
    /** Kurtosis of those returns, not excess: 3 for a normal distribution. */
    kurtosis: number;
    /** The Sharpe ratio to beat, per observation (default 0). */
    benchmark?: number;
}
/** What deflatedSharpeRatio takes: the pick's Sharpe ratio and how many were tried. */
interface IDeflatedSharpeInput {
    sharpe: number;
    observations: number;
    skewness: number;
    kurtosis: number;
    /** Strategies tried, the pick among them (a whole number >= 1). */
    trials: number;
    /** Variance of the tried strategies' Sharpe ratios (per observation, as `sharpe`). */
    sharpeVariance: number;
}
/**
 * The probabilistic Sharpe ratio (Bailey and Lopez de Prado, 2012): the probability that
 * the true Sharpe ratio is above `benchmark`, given the measured one, the number of
 * observations and the returns' skewness and kurtosis:
 * Phi((SR - benchmark) * sqrt(n - 1) / sqrt(1 - skewness * SR + (kurtosis - 1) / 4 * SR^2)).
 * SR is per observation and kurtosis is not excess (normal = 3). Bad input throws,
 * naming the field and its value.
 *
 * @example
 * probabilisticSharpeRatio({ sharpe: 0.1, observations: 250, skewness: 0, kurtosis: 3 }); // 0.9423...
 */
declare function probabilisticSharpeRatio(input: IProbabilisticSharpeInput): number;
/**
 * The deflated Sharpe ratio (Bailey and Lopez de Prado, 2014): the probabilistic Sharpe
 * ratio of the pick against SR0 = expectedMaxSharpe(trials, sharpeVariance), the Sharpe
 * ratio the best of `trials` would show by chance. Read it as the probability that the
 * pick's true Sharpe ratio is above 0 once the selection among `trials` is allowed for.
 * One trial means no selection: SR0 = 0 and the result is the PSR against 0. Bad input
 * throws, naming the field and its value.
 *
 * @example
 * // the paper's example: annual SR 2.5 over 5 years of daily returns, 100 trials, variance 0.5 a year
 * deflatedSharpeRatio({ sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10,
 *   trials: 100, sharpeVariance: 0.5 / 250 }); // 0.9004...
 */
declare function deflatedSharpeRatio(input: IDeflatedSharpeInput): number;

/** Options of probabilityOfBacktestOverfitting. */
interface IPboOptions {
    /** Equal contiguous blocks the periods are cut into: even, 2..MAX_PBO_BLOCKS (default 16). */
    blocks?: number;
}
/** What probabilityOfBacktestOverfitting returns. */
interface IPboResult {
    /** The share of combinations whose in-sample best ranks at or below the out-of-sample median (logit <= 0). */
    pbo: number;
    /** One logit per combination, in lexicographic order of the in-sample block sets. */
    logits: number[];
    /** C(blocks, blocks / 2): how many in-sample / out-of-sample splits were tried. */
    combinations: number;
}
/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, Lopez de Prado and Zhu, 2017). `matrix` has one row per period and
 * one column per strategy (its returns). The first T - (T mod blocks) rows are cut into
 * `blocks` equal contiguous blocks; for each of the C(blocks, blocks / 2) choices of
 * in-sample blocks (the rest out of sample), the strategy with the highest in-sample
 * Sharpe ratio (mean / sample standard deviation; the first on ties) is ranked out of
 * sample (1 worst .. N best, ties averaged), w = rank / (N + 1), logit = ln(w / (1 - w)).
 * pbo is the share of logits <= 0: how often the in-sample best did no better than the
 * out-of-sample median. Each block is summed once, so a combination costs blocks x N,
 * not rows x N. Bad input (fewer than 2 strategies, odd or too many blocks, too few rows,
 * non-finite values) throws, naming the field and its value.
 *
 * @example
 * const { pbo, combinations } = probabilityOfBacktestOverfitting(hourlyReturns, { blocks: 16 });
 */
declare function probabilityOfBacktestOverfitting(matrix: number[][], options?: IPboOptions): IPboResult;

/**
 * Asks an exchange for up to `limit` candles of `interval` opening at or after `since`,
 * oldest first (the shape of an exchange's getCandles).
 */
type CandleFetchFn = (symbol: string, interval: CandleInterval, since: Date, limit: number) => Promise<ICandleData[]>;
/** Which series seeded candles belong to. */
interface ICandleStoreSeedOptions {
    exchangeName: ExchangeName;
    symbol: string;
}
/** What seeding stored for one interval. */
interface ICandleStoreSeedCount {
    /** Candles that were new to the store. */
    inserted: number;
    /** Candles the store already had (kept as they were). */
    existing: number;
    /** Open time (ms) of the first and the last candle of the file at this interval; null when none. */
    first: number | null;
    last: number | null;
}
/** What seeding stored, per interval: 1m as given, larger intervals from complete buckets. */
type ICandleStoreSeedResult = Record<CandleInterval, ICandleStoreSeedCount>;
/** Which candles a read wants, and where to get the ones the store lacks. */
interface ICandleStoreReadOptions {
    exchangeName: ExchangeName;
    symbol: string;
    interval: CandleInterval;
    /** Open time of the first candle wanted; rounded up to the interval. */
    since: Date;
    /** How many consecutive candles are wanted. */
    limit: number;
    /** Where missing candles come from; without it only stored candles are returned. */
    fetch?: CandleFetchFn;
}
/** Where a store lives, for the CandleStore facade. */
interface ICandleStoreLocation {
    /**
     * The SQLite file. Default: the BACKTEST_KIT_CANDLE_STORE environment variable, else
     * ./.backtest-kit/candles.sqlite, resolved against the working directory at call time.
     */
    path?: string;
}
/** One series a candle store holds. */
interface ICandleStoreSeries {
    exchangeName: string;
    symbol: string;
    interval: CandleInterval;
    /** Open time of the first and the last stored candle, in ms. */
    first: number;
    last: number;
    /** Candles stored. */
    rows: number;
}

/**
 * A persistent cache of exchange candles (one SQLite file, default
 * ./.backtest-kit/candles.sqlite or $BACKTEST_KIT_CANDLE_STORE), so runs never fetch
 * the same candle twice and can run with no network once seeded.
 *
 * @example
 * await CandleStore.seedFile("data/BTCUSDT-1m.csv.gz", { exchangeName: "binance", symbol: "BTCUSDT" });
 * const candles = await CandleStore.read({
 *   exchangeName: "binance", symbol: "BTCUSDT", interval: "1h",
 *   since: new Date("2023-03-02T00:00:00Z"), limit: 24,
 *   fetch: (symbol, interval, since, limit) => exchange.fetchCandles(symbol, interval, since, limit),
 * });
 */
declare class CandleStoreUtils {
    /**
     * Stores the 1m candles of a CSV file (plain or gzip; header open_time, open, high,
     * low, close, volume in any order; open_time in UTC as `2023-03-01 00:00:00+00:00` or
     * epoch ms) and the complete buckets of every larger interval, in one transaction.
     * The whole file is checked first: a bad row rejects with its line number and value,
     * and nothing is stored. Seeding again stores nothing twice. Resolves to the counts
     * per interval.
     */
    seedFile: (file: string, options: ICandleStoreSeedOptions & ICandleStoreLocation) => Promise<ICandleStoreSeedResult>;
    /**
     * What the store holds: one entry per exchange, symbol and interval with the open time
     * of its first and last candle (ms) and its rows, by exchange, symbol, then interval.
     * The store is `path`, else BACKTEST_KIT_CANDLE_STORE, else ./.backtest-kit/candles.sqlite.
     */
    list: ({ path }?: ICandleStoreLocation) => Promise<ICandleStoreSeries[]>;
    /**
     * Seeds the real BTCUSDT 1m series shipped in the package (Binance, 1 to 21 March 2023,
     * 30,240 candles) as seedFile does, from wherever the package is installed: under the
     * exchange name "binance" and the symbol "BTCUSDT" unless the options say otherwise.
     *
     * @example
     * await CandleStore.seedBundled(); // then read exchangeName "binance", symbol "BTCUSDT"
     */
    seedBundled: (options?: Partial<ICandleStoreSeedOptions> & ICandleStoreLocation) => Promise<ICandleStoreSeedResult>;
    /**
     * The consecutive candles of `interval` opening from `since` (rounded up to the
     * interval), at most `limit`, oldest first, stopping at the first candle the store
     * lacks (a shorter result: ask again from its end when you need more). Only when the
     * candle at `since` itself is missing is `fetch` called, and what it returns stored;
     * if the exchange has nothing at `since`, the result starts at its first candle. If
     * that fetch fails, the read rejects naming the exchange, symbol, interval and time,
     * with the fetch error as `cause`.
     */
    read: (options: ICandleStoreReadOptions & ICandleStoreLocation) => Promise<ICandleData[]>;
}
/** The CandleStore facade. */
declare const CandleStore: CandleStoreUtils;

/**
 * A CandleFetchFn over the ccxt exchange `exchangeId` (e.g. "binance"), for
 * CandleStore.read and exchange schemas. ccxt is loaded from this package's own
 * dependency on the first call only, so code that imports backtest-kit needs no ccxt
 * of its own and a seeded candle store never loads it.
 *
 * @example
 * addExchange({
 *   exchangeName: "binance",
 *   getCandles: (symbol, interval, since, limit) =>
 *     CandleStore.read({ exchangeName: "binance", symbol, interval, since, limit, fetch: fetchFromCcxt("binance") }),
 *   formatPrice: async (symbol, price) => price.toFixed(2),
 *   formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
 * });
 */
declare function fetchFromCcxt(exchangeId: string): CandleFetchFn;

/** How the baseline trades: follow an EMA crossover, or fade a stretch from the mean. */
type BaselineMode = "trend" | "reversion";
/** The parameters the baseline's strategy answer chooses and its signal answer follows. */
interface IBaselineParameters {
    mode: BaselineMode;
    /** Fast EMA length in bars of the main timeframe (trend mode only). */
    fastEma: number;
    /** Slow EMA length (trend) or mean window (reversion) in bars of the main timeframe. */
    slowEma: number;
    /** Distance of the take-profit from the entry, in percent. */
    takeProfitPercent: number;
    /** Distance of the stop-loss from the entry, in percent. */
    stopLossPercent: number;
    /** Lifetime of a position in minutes (minuteEstimatedTime). */
    holdMinutes: number;
}
/** The baseline's answer to the signal question, always with every field. */
interface IBaselineSignal {
    position: "wait" | "long" | "short";
    note: string;
    priceOpen: number;
    priceTakeProfit: number;
    priceStopLoss: number;
    minuteEstimatedTime: number;
}
/** Options of `serveBaselineModel`. */
interface IBaselineModelOptions {
    /** Port to listen on; 0 (the default) picks a free one. */
    port?: number;
    /** Address to listen on; 127.0.0.1 by default. */
    hostname?: string;
    /** Model name listed by /api/tags; baseline:latest by default. */
    model?: string;
}
/** A running baseline model server. */
interface IBaselineModelServer {
    /** Base URL for an Ollama client, e.g. http://127.0.0.1:41234. */
    host: string;
    /** The model name it lists. */
    model: string;
    /** Stops listening and resolves once the server has closed. */
    close(): Promise<void>;
}

/**
 * Starts an Ollama-compatible HTTP server whose "model" is the baseline: a transparent,
 * deterministic technical-analysis rule set, not an LLM. It reads candle lines
 * (`2023-03-01T00:05:00.000Z[5m]: O:23150.1 H:23160 L:23140.5 C:23155 V:12.3`) in the
 * messages. A chat without `format` (the strategy question) gets a description of those
 * candles ending with a line `BASELINE PARAMETERS: mode=trend; fastEma=9; slowEma=21;
 * takeProfitPercent=1.2; stopLossPercent=0.8; holdMinutes=240`. A chat with `format`
 * (the signal question) gets the JSON of an IBaselineSignal that the last such line's
 * rule gives for the candles, "wait" when it gives none.
 *
 * It serves `POST /api/chat` (plain or streamed), `GET /api/tags` and `GET /api/version`,
 * answers any model name a chat asks for, and listens on 127.0.0.1 on a free port
 * unless told otherwise. Close it when done: it keeps the process alive. A file an
 * optimizer generates with `llm.host` set to a free-port server of this process asks
 * http://127.0.0.1:11435 instead (where `backtest-kit baseline` listens), as that port is
 * gone once this process exits.
 *
 * @example
 * const baseline = await serveBaselineModel();
 * const ollama = new Ollama({ host: baseline.host });
 * // ... ollama.chat({ model: baseline.model, messages }) ...
 * await baseline.close();
 */
declare function serveBaselineModel(options?: IBaselineModelOptions): Promise<IBaselineModelServer>;

/** Static facade of sweeps: many optimizers times many symbols, locally or on a job queue. */
declare class SweepUtils {
    /**
     * Runs one job per (config, optimizer, symbol): writes the optimizer's generated file
     * for the symbol, runs its walker to completion and keeps the walker's results. Locally
     * the jobs run in `options.workers` processes (default: the cores); with
     * `options.queue` (redis://...) they go on a BullMQ queue that `backtest-kit worker`
     * processes take. Each job's files go to `out`/`{optimizer}_{symbol}`/, the table to
     * `out`/sweep.md and sweep.json; a failed job is a row with its error; a job whose
     * results exist for the same config content and symbol is kept, not run again.
     */
    run: (configs: string[], options: ISweepOptions) => Promise<ISweepResult>;
    /**
     * Sweep.run without waiting: the result goes to `listenDoneSweep`, a failure to
     * `listenError`. Returns the function that stops it (running job processes are killed,
     * the table is not written).
     */
    background: (configs: string[], options: ISweepOptions) => (() => void);
    /**
     * Starts a worker of the sweep queue at `options.queue`: it takes jobs, `concurrency`
     * at once (default 1), each in its own process in this working directory (which must
     * hold the sweep's configs, byte for byte), until `close()`. `log` gets a line per job.
     */
    worker: (options: ISweepWorkerOptions, log?: (line: string) => void) => Promise<ISweepWorker>;
    /**
     * The body of a sweep's job process: answers the one job its parent sends over IPC
     * and exits. Sweeps and workers start these processes themselves.
     */
    serveJob: () => Promise<void>;
}
/** The Sweep facade. */
declare const Sweep: SweepUtils;

/** Which schemas a live run uses. */
interface ILiveContext {
    strategyName: string;
    exchangeName: string;
}
/** How a live run is driven: the clock (default: the wall clock) and the last tick of a rehearsal. */
interface ILiveRunOptions {
    clock?: ILiveClock;
    /** The last tick to process (a Date or UTC ms); without it the run never ends by itself. */
    until?: Date | number;
    /**
     * True for a rehearsal over history (with `until`): every candle of the period exists
     * already, so they are read ahead in chunks as a backtest reads them (never handed out
     * before they close). Leave it off against an exchange whose candles still arrive.
     */
    history?: boolean;
}

/**
 * Live (paper) trading of one strategy on one exchange: one tick per minute of the
 * clock, each decided by the backtest's own rules on the candles closed by then. State
 * is stored after every change (PersistSignalAdapter & co), so a run that was killed
 * resumes where it stopped and catches up on the minutes it missed. Orders are not sent
 * anywhere: fills are paper fills.
 *
 * @example
 * const stop = Live.background("BTCUSDT", { strategyName: "ema-cross", exchangeName: "binance" });
 * listenSignalLive((result) => result.action === "closed" && console.log(result.pnl.pnlPercentage));
 */
declare class LiveUtils {
    /**
     * Runs live and yields every tick's result: idle, active, scheduled, opened, closed,
     * cancelled. Endless on the wall clock: stop it by leaving the loop. `options.clock`
     * replaces the clock (a ReplayClock rehearses a past period) and `options.until` ends
     * the run after that tick. Unknown names throw at once; a failure reaches listenError
     * and rejects.
     */
    run: (symbol: string, context: ILiveContext, options?: ILiveRunOptions) => AsyncGenerator<ILiveTickResult>;
    /**
     * Runs live without waiting for it: follow it with listeners (listenSignalLive,
     * listenDoneLive, listenError). Returns a function that stops it at its next tick (its
     * state stays stored: the next run resumes it); listenDoneLive then fires.
     */
    background: (symbol: string, context: ILiveContext, options?: ILiveRunOptions) => (() => void);
    /** Statistics of the strategy's live run; also the 1.4 form `getData(strategyName)`. */
    getData: {
        (symbol: string, strategyName: StrategyName): Promise<LiveStatistics>;
        (strategyName: StrategyName): Promise<LiveStatistics>;
    };
    /** Markdown report ("# Live Trading Report: NAME"); also the 1.4 form `getReport(strategyName)`. */
    getReport: {
        (symbol: string, strategyName: StrategyName): Promise<string>;
        (strategyName: StrategyName): Promise<string>;
    };
    /**
     * Writes the report to `dir`/STRATEGY.md (default ./dump/live) and resolves to its
     * path; also the 1.4 form `dump(strategyName, dir?)`.
     */
    dump: {
        (symbol: string, strategyName: StrategyName, dir?: string): Promise<string>;
        (strategyName: StrategyName, dir?: string): Promise<string>;
    };
    /**
     * Writes one self-contained HTML report of the strategy's live run (chart, equity,
     * metrics, trades; titled paper, naming the position still open) to `dir`/report.html
     * (default ./dump/live) atomically and resolves to its path.
     */
    dumpHtml: (symbol: string, strategyName: StrategyName, dir?: string) => Promise<string>;
}
/** The Live facade. */
declare const Live: LiveUtils;

/** The wall clock. */
declare class RealClock implements ILiveClock {
    /** The current time, UTC ms. */
    now: () => number;
    /** Resolves once the wall clock reaches `time` (or `signal` aborts). */
    waitUntil: (time: number, signal: AbortSignal) => Promise<void>;
}
/**
 * A past period replayed `speed` times faster than real time, from `start` (UTC ms);
 * speed Infinity jumps to each awaited time at once (a rehearsal at full speed).
 */
declare class ReplayClock implements ILiveClock {
    readonly start: number;
    readonly speed: number;
    private readonly realStart;
    private jumpedTo;
    /** True at speed Infinity: each awaited time is reached at once. */
    readonly fullSpeed: boolean;
    constructor(start: number, speed: number);
    /** The replayed time, UTC ms. */
    now: () => number;
    /** Resolves once the replayed time reaches `time` (or `signal` aborts). */
    waitUntil: (time: number, signal: AbortSignal) => Promise<void>;
}

/** The key of one stored value. */
type EntityId = string | number;
/** Anything a store keeps (JSON-serialisable). */
interface IEntity {
}
/**
 * A key-value store of one entity name (backtest-kit 1.4's persistence interface). A
 * custom store implements these four methods; `writeValue` must be atomic: after a crash
 * a reader sees the old value or the new one, never a mix.
 */
interface IPersistBase<Entity extends IEntity | null = IEntity> {
    /** Prepares the store; `initial` is true on the first call for this entity name. */
    waitForInit(initial: boolean): Promise<void>;
    /** The value of `entityId`; throws when there is none. */
    readValue(entityId: EntityId): Promise<Entity>;
    /** Whether `entityId` has a value. */
    hasValue(entityId: EntityId): Promise<boolean>;
    /** Stores the value of `entityId`, atomically. */
    writeValue(entityId: EntityId, entity: Entity): Promise<void>;
}
/** A store's constructor, as `usePersist...Adapter` takes it: `new Ctor(entityName, baseDir)`. */
type TPersistBaseCtor<EntityName extends string = string, Entity extends IEntity | null = IEntity> = new (entityName: EntityName, baseDir: string) => IPersistBase<Entity>;
/** What the signal store keeps per symbol: the open position, or null. */
type SignalData = ISignalRow | null;
/** What the schedule store keeps per symbol: the signal waiting for its entry price, or null. */
type ScheduleData = IScheduledSignalRow | null;
/** What the risk store keeps per risk profile: its active positions by key, as backtest-kit 1.4 stores them. */
type RiskData = RiskPositionEntries;
/** What the partial store keeps per symbol: the levels reached, by signal id. */
type PartialData = Record<string, IPartialData>;

/** How a PersistBase writes. */
interface IPersistBaseOptions {
    /**
     * Flush each write to disk (fsync) before it counts as done: default true, so a value
     * survives a power loss too. Off, a write is still whole-or-nothing when the process is
     * killed (a rehearsal's state, which can be rehearsed again, uses that).
     */
    sync?: boolean;
}
/**
 * The default store: one JSON file per value under `baseDir`/`entityName`/, each write
 * durable and atomic (temp file, fsync, rename, directory fsync), so a process killed at
 * any instant leaves every value whole, old or new. Extend it or replace it through
 * `usePersist...Adapter(Ctor)`.
 */
declare class PersistBase<Entity extends IEntity | null = IEntity> implements IPersistBase<Entity> {
    readonly entityName: string;
    readonly baseDir: string;
    readonly options: IPersistBaseOptions;
    /** The directory of this entity name's files. */
    readonly directory: string;
    constructor(entityName: string, baseDir?: string, options?: IPersistBaseOptions);
    /** Creates the directory and removes temp files left by interrupted writes. */
    waitForInit(_initial: boolean): Promise<void>;
    /** The value of `entityId`; throws naming the file when it is missing or not JSON. */
    readValue(entityId: EntityId): Promise<Entity>;
    /** Whether `entityId` has a file. */
    hasValue(entityId: EntityId): Promise<boolean>;
    /** Stores the value of `entityId` durably and atomically. */
    writeValue(entityId: EntityId, entity: Entity): Promise<void>;
    /** Removes the value of `entityId` (nothing happens when it has none). */
    removeValue(entityId: EntityId): Promise<void>;
    /** The keys that have values. */
    keys(): Promise<string[]>;
    private fileOf;
}

/**
 * Open positions of live runs (and each run's own state), one store per symbol and
 * strategy under ./dump/data/signal/. `usePersistSignalAdapter(Ctor)` plugs in another
 * store (Ctor: `new (entityName, baseDir)` with waitForInit, readValue, hasValue, writeValue).
 *
 * @example
 * class MemoryStore { constructor() { this.map = new Map(); } async waitForInit() {}
 *   async readValue(id) { return this.map.get(id); } async hasValue(id) { return this.map.has(id); }
 *   async writeValue(id, value) { this.map.set(id, value); } }
 * PersistSignalAdapter.usePersistSignalAdapter(MemoryStore);
 */
declare const PersistSignalAdapter: PersistSignalUtils;
/** Signals of live runs waiting for their entry price; `usePersistScheduleAdapter(Ctor)` plugs in another store. */
declare const PersistScheduleAdapter: PersistScheduleUtils;
/** Active positions of risk profiles; `usePersistRiskAdapter(Ctor)` plugs in another store. */
declare const PersistRiskAdapter: PersistRiskUtils;
/** Partial profit/loss levels reached by signals; `usePersistPartialAdapter(Ctor)` plugs in another store. */
declare const PersistPartialAdapter: PersistPartialUtils;

/**
 * The open positions of live runs (backtest-kit 1.4's PersistSignalAdapter), one store
 * per symbol and strategy under ./dump/data/signal/. A live run also keeps its own state
 * (throttle, next tick, closed trades) in the same store, in one atomic record.
 */
declare class PersistSignalUtils {
    private readonly stores;
    /** Replaces the store's class (e.g. a database) for the signal stores built from now on. */
    usePersistSignalAdapter(Ctor: TPersistBaseCtor<StrategyName, SignalData>): void;
    /** The open position of the strategy on the symbol, or null. */
    readSignalData: (symbol: string, strategyName: StrategyName) => Promise<SignalData>;
    /** Stores the open position (null: none) of the strategy on the symbol. */
    writeSignalData: (signalRow: SignalData, symbol: string, strategyName: StrategyName) => Promise<void>;
    /**
     * The live run's state of the strategy on the symbol, or null before its first tick (or
     * when a store written for 1.4 answers something else under its key).
     */
    readLiveState: (symbol: string, strategyName: StrategyName) => Promise<ILiveState | null>;
    /** Stores the live run's state of the strategy on the symbol, atomically. */
    writeLiveState: (state: ILiveState, symbol: string, strategyName: StrategyName) => Promise<void>;
}
/** Signals of live runs that wait for their entry price (1.4's PersistScheduleAdapter), under ./dump/data/schedule/. */
declare class PersistScheduleUtils {
    private readonly stores;
    /** Replaces the store's class for the schedule stores built from now on. */
    usePersistScheduleAdapter(Ctor: TPersistBaseCtor<StrategyName, ScheduleData>): void;
    /** The scheduled signal of the strategy on the symbol, or null. */
    readScheduleData: (symbol: string, strategyName: StrategyName) => Promise<ScheduleData>;
    /** Stores the scheduled signal (null: none) of the strategy on the symbol. */
    writeScheduleData: (scheduledRow: ScheduleData, symbol: string, strategyName: StrategyName) => Promise<void>;
}
/** Active positions of risk profiles (1.4's PersistRiskAdapter), under ./dump/data/risk/. */
declare class PersistRiskUtils {
    private readonly stores;
    /** Replaces the store's class for the risk stores built from now on. */
    usePersistRiskAdapter(Ctor: TPersistBaseCtor<string, RiskData>): void;
    /** The active positions of the risk profile (empty when none were stored). */
    readPositionData: (riskName: string) => Promise<RiskData>;
    /** Stores the active positions of the risk profile. */
    writePositionData: (riskRow: RiskData, riskName: string) => Promise<void>;
}
/** Profit and loss levels reached by signals (1.4's PersistPartialAdapter), under ./dump/data/partial/. */
declare class PersistPartialUtils {
    private readonly stores;
    /** Replaces the store's class for the partial stores built from now on. */
    usePersistPartialAdapter(Ctor: TPersistBaseCtor<string, PartialData>): void;
    /** The levels reached on the symbol, by signal id (empty when none were stored). */
    readPartialData: (symbol: string) => Promise<PartialData>;
    /** Stores the levels reached on the symbol. */
    writePartialData: (partialData: PartialData, symbol: string) => Promise<void>;
}

/** How `Paper.run` (the `backtest-kit paper` command) trades a generated file's pick. */
interface IPaperOptions {
    /** A strategy of the file, or "best": the best of the file's last walker run (default). */
    strategy?: string;
    /** Default: the symbol the file's walker runs on. */
    symbol?: string;
    /** Where the reports, trades.json and the run's state go (default ./dump/live). */
    out?: string;
    /** Rehearsal: the first tick (ISO); with `until`. Without it: paper trading on the wall clock. */
    from?: string;
    /** Rehearsal: the last tick (ISO). */
    until?: string;
    /** Rehearsal: times faster than real time (default: as fast as it goes). */
    speed?: number;
    /** Gets one status line per tick (position, open PnL, closed trades, next tick). */
    onStatus?: (line: string) => void;
    /** Stops a wall-clock run (Ctrl-C); its state stays stored, the next run resumes it. */
    signal?: AbortSignal;
}
/** One closed paper trade as trades.json lists it (times ISO). */
interface IPaperTrade {
    strategyName: string;
    position: "long" | "short";
    openTime: string;
    closeTime: string;
    priceOpen: number;
    priceClose: number;
    pnlPercentage: number;
    closeReason: string;
}
/** The rehearsal's trades against the backtest of the same period, trade by trade. */
interface IPaperParity {
    identical: number;
    total: number;
    /** One line per difference (empty when every trade is identical). */
    differences: string[];
    /** "parity: 12 of 12 trades identical", then each difference. */
    text: string;
}
/** What a paper run did and wrote. */
interface IPaperResult {
    strategyName: string;
    symbol: string;
    trades: IPaperTrade[];
    /** The position still open at the end, if any. */
    open: {
        position: "long" | "short";
        priceOpen: number;
        openTime: string;
    } | null;
    /** Set for a rehearsal. */
    parity: IPaperParity | null;
    files: {
        report: string;
        html: string;
        trades: string;
    };
    /**
     * Where the time went, in ms: importing the file, from the start of the live loop to its
     * first tick (loading a stored state included), the live loop, the parity backtest.
     */
    timings: {
        loadMs: number;
        firstTickMs: number | null;
        tradeMs: number;
        parityMs: number | null;
    };
}

/**
 * Paper trading of a generated file's pick (what `backtest-kit paper` runs). The file is
 * imported for its registrations only: its walker does not run.
 *
 * @example
 * // A rehearsal of a past day at full speed, with the parity check against the backtest:
 * const result = await Paper.run("./generated/demo_BTCUSDT.mjs", {
 *   strategy: "best", from: "2023-03-20T00:00:00Z", until: "2023-03-20T23:59:00Z",
 * });
 * console.log(result.parity.text); // parity: 12 of 12 trades identical
 */
declare class PaperUtils {
    /**
     * Trades the pick on paper: on the wall clock until `options.signal` aborts, or over
     * [from, until] on a replay clock (`speed` times faster, default full speed). Writes
     * the markdown report, report.html and trades.json under `options.out` (default
     * ./dump/live), with the run's state, so a killed run resumes.
     */
    run: (file: string, options?: IPaperOptions) => Promise<IPaperResult>;
}
/** The Paper facade. */
declare const Paper: PaperUtils;

/** The runtime's settings, changed with `setConfig`. Every value is read when it is used. */
declare const GLOBAL_CONFIG: {
    /** Closed 1m candles in the VWAP of getAveragePrice. */
    CC_AVG_PRICE_CANDLES_COUNT: number;
    /** Minutes a scheduled signal waits for its entry price. */
    CC_SCHEDULE_AWAIT_MINUTES: number;
    /** Smallest distance of take-profit from entry, in percent. */
    CC_MIN_TAKEPROFIT_DISTANCE_PERCENT: number;
    /** Largest distance of stop-loss from entry, in percent. */
    CC_MAX_STOPLOSS_DISTANCE_PERCENT: number;
    /** Longest allowed minuteEstimatedTime. */
    CC_MAX_SIGNAL_LIFETIME_MINUTES: number;
    /** Attempts of an exchange getCandles call before it fails. */
    CC_GET_CANDLES_RETRY_COUNT: number;
    /** Pause between those attempts. */
    CC_GET_CANDLES_RETRY_DELAY_MS: number;
    /** Bound of one exchange getCandles attempt. */
    CC_GET_CANDLES_TIMEOUT_MS: number;
    /** Bound of one getSignal call. */
    CC_GET_SIGNAL_TIMEOUT_MS: number;
    /** Timed-out ticks in a row after which a strategy counts as hung and its run fails. */
    CC_MAX_TIMEOUTS_IN_A_ROW: number;
    /** Fee per leg of a trade, in percent. */
    CC_PERCENT_FEE: number;
    /** Slippage against the trader per leg, in percent. */
    CC_PERCENT_SLIPPAGE: number;
    /** Bound of one LLM request (connect, answer and body), in ms. */
    CC_LLM_TIMEOUT_MS: number;
    /** Retries of an LLM request after a transient failure (429, 5xx, network, timeout). */
    CC_LLM_RETRY_COUNT: number;
    /** Pause before the first retry; it doubles for each further retry. */
    CC_LLM_RETRY_DELAY_MS: number;
    /**
     * Bound of one event listener, strategy/exchange/frame/walker callback, and of an
     * exchange's formatPrice/formatQuantity, in ms. A listener or callback past it raises
     * a "listener-timeout" warning and the run goes on; formatPrice/formatQuantity fail.
     */
    CC_LISTENER_TIMEOUT_MS: number;
    /**
     * Most LLM requests in flight at once, process-wide (the request pool's limit). 0 (the
     * default): unset, the pool finds the endpoint's capacity itself, between
     * CC_LLM_CONCURRENCY_MIN and CC_LLM_CONCURRENCY_MAX; a number fixes it.
     */
    CC_LLM_CONCURRENCY: number;
    /** Lowest limit the adaptive request pool goes down to. */
    CC_LLM_CONCURRENCY_MIN: number;
    /** Highest limit the adaptive request pool goes up to. */
    CC_LLM_CONCURRENCY_MAX: number;
    /** Attempts in a row that fail to reach an LLM endpoint (refused, DNS, TLS, 401/403) before the pool stops sending to it. */
    CC_LLM_BREAKER_FAILURES: number;
    /** Most LLM requests waiting for a pool slot; one more is rejected with an error. */
    CC_LLM_QUEUE_LIMIT: number;
    /** Bound of one lookup or store of the Redis response cache (and of connecting to it), in ms; past it, a miss. */
    CC_LLM_CACHE_TIMEOUT_MS: number;
    /**
     * Prices by model name, `{ input, output }` in USD per million tokens: they turn the
     * tokens of getLlmUsage into money. Entries win over the BACKTEST_KIT_LLM_PRICES file's.
     */
    CC_LLM_PRICES: LlmPrices;
    /** Most candles the HTML report's price chart shows; past it the chart uses a coarser interval. */
    CC_REPORT_MAX_CANDLES: number;
    /** Random-entry simulations of each backtest's luck test; 0 turns the luck test off. */
    CC_LUCK_SIMULATIONS: number;
    /** Seed of the luck test's random generator: the same seed gives the same simulations. */
    CC_LUCK_SEED: number;
    /** Strategies of one walker backtested at once (1: one after another). */
    CC_WALKER_CONCURRENCY: number;
    /** Due ticks whose signals a strategy that declares `prefetch` asks for ahead (0: off). */
    CC_SIGNAL_PREFETCH: number;
    /** Attempts a sweep job gets (the first included) before it ends failed. */
    CC_SWEEP_ATTEMPTS: number;
    /** Bound of one sweep job (generating its file and running it), in ms. */
    CC_SWEEP_JOB_TIMEOUT_MS: number;
    /** How long a sweep waits for an unreachable queue (Redis) before it fails, in ms. */
    CC_SWEEP_QUEUE_TIMEOUT_MS: number;
    /** How often a sweep on a queue looks at its jobs, in ms. */
    CC_SWEEP_POLL_MS: number;
    /**
     * Shortest test range, in days, whose figures are scaled to a year (Expected Yearly
     * Returns, compounded; the annualised Sharpe, Sortino and Calmar ratios); a shorter range
     * shows N/A.
     */
    CC_ANNUALISE_MIN_DAYS: number;
    /** Length of one period of the grid the probability of backtest overfitting compares strategies on, in minutes. */
    CC_PBO_PERIOD_MINUTES: number;
    /** Runs whose LLM conversation dumps (./dump/strategy/) are kept; older runs' are removed (0: keep all). */
    CC_DUMP_KEEP_RUNS: number;
    /** How long a live run waits for a 1m candle past its close before it counts as missing (a "live-gap"), in ms. */
    CC_LIVE_CANDLE_WAIT_MS: number;
    /** How often a live run asks the exchange again for a candle that is late, in ms. */
    CC_LIVE_CANDLE_POLL_MS: number;
};
/** The shape of the runtime's settings. */
type GlobalConfig = typeof GLOBAL_CONFIG;

/**
 * Sends the library's diagnostics to `logger` (by default nothing is logged). Methods
 * the logger lacks are skipped; one that is present must be a function.
 *
 * Takes effect at once; the returned promise (already resolved) is there for code
 * written for backtest-kit 1.4, where it was `await setLogger(...)`.
 *
 * @example
 * setLogger({ log: console.log, debug: () => {}, info: console.info, warn: console.warn });
 */
declare function setLogger(logger: Partial<ILogger>): Promise<void>;
/**
 * Changes runtime settings (see GLOBAL_CONFIG for the keys and defaults). Every key and
 * value is checked before any is applied: an unknown key, or a value that is not a
 * finite number in the key's range (whole where it counts minutes, candles, attempts or
 * ms), throws naming both, and nothing changes.
 *
 * Takes effect at once; the returned promise (already resolved) is there for code
 * written for backtest-kit 1.4, where it was `await setConfig(...)`.
 *
 * @example
 * setConfig({ CC_SCHEDULE_AWAIT_MINUTES: 60, CC_PERCENT_FEE: 0.075 });
 */
declare function setConfig(config: Partial<GlobalConfig>): Promise<void>;

/** Where progress is written: a terminal (one line redrawn in place) or any other stream. */
interface IProgressStream {
    /** Writes text. */
    write(text: string): unknown;
    /** True on a terminal: the line is redrawn in place. */
    isTTY?: boolean;
    /** Terminal width; the line is cut to fit. */
    columns?: number;
}
/** Options of `showProgress`. */
interface IProgressOptions {
    /** Where to write (default process.stderr). */
    stream?: IProgressStream;
    /** Least time between two plain lines when the stream is not a terminal (default 2000 ms). */
    intervalMs?: number;
}

/**
 * Shows the progress of optimizers, walkers, backtests and sweeps as one bar with percentage and
 * ETA: redrawn in place on a terminal, as plain periodic lines elsewhere (logs, CI).
 * Returns the function that stops it.
 *
 * @example
 * const stop = showProgress();
 * await Optimizer.dump("BTCUSDT", { optimizerName: "demo" }, "./generated");
 * stop();
 */
declare function showProgress(options?: IProgressOptions): () => void;

/** How often one kind of warning was raised, and its first message. */
interface IWarningKindSummary {
    kind: WarningKind;
    count: number;
    /** The message of the first warning of this kind. */
    first: string;
}
/** Warnings counted by kind, in the order each kind first came, and as short text. */
interface IWarningSummary {
    total: number;
    kinds: IWarningKindSummary[];
    /**
     * "backtest-kit: N warning(s)" and one line per kind: "  KIND xCOUNT, first: MESSAGE";
     * "" when there were none.
     */
    text: string;
}
/** Warnings being collected since collectWarnings was called. */
interface IWarningCollector {
    /** The summary of the warnings collected so far. */
    summary: () => IWarningSummary;
    /** Stops collecting and returns the summary of everything collected. */
    stop: () => IWarningSummary;
}

/**
 * Collects every warning from now on (through listenWarning) to summarize them at the
 * end: counts by kind and the first message of each. The library prints nothing
 * itself; a launcher prints `stop().text` when it is not empty.
 *
 * @example
 * const warnings = collectWarnings();
 * // ... run backtests ...
 * const { text } = warnings.stop();
 * if (text) console.error(text);
 */
declare const collectWarnings: () => IWarningCollector;

/** How formatError renders a failure. */
interface IFormatErrorOptions {
    /** The full chain with stacks; default: true when BACKTEST_KIT_VERBOSE=1. */
    verbose?: boolean;
}
/**
 * One readable line for a failure: what failed, where, and the root cause once (each
 * layer of the library adds only its own context and keeps the rest as `cause`). With
 * `verbose` the line is followed by every error of the chain with its stack.
 *
 * @example
 * listenError((error) => console.error(formatError(error)));
 */
declare function formatError(error: unknown, { verbose }?: IFormatErrorOptions): string;

/** What pruning the dumps directory did. */
interface IPruneDumpsResult {
    /** The dumps directory (absolute). */
    dir: string;
    /** Runs whose dumps are kept (this one included); 0 keeps all. */
    keepRuns: number;
    /** Folders removed: no run among the kept ones wrote or reused them. */
    removed: number;
    /** Folders left. */
    kept: number;
}

/**
 * Called by a generated file when it starts: notes the run beside `dir` (default
 * ./dump/strategy, where its model conversations are dumped; the runs in
 * ./dump/.strategy-runs.json) and removes the folders no
 * run among the last CC_DUMP_KEEP_RUNS (default 3, this one included; 0 keeps all)
 * wrote or reused. Resolves to the absolute directory and what was removed and kept.
 * A file imported for its registrations only (paper trading) is no run: nothing is
 * noted or removed then.
 *
 * @example
 * const { dir, removed } = await pruneDumps();
 * console.log(`model conversations in ${dir} (${removed} old folders removed)`);
 */
declare function pruneDumps(dir?: string): Promise<IPruneDumpsResult>;

export { Backtest, BacktestUtils, CandleStore, CandleStoreUtils, Constant, ConstantUtils, Heat, HeatUtils, Live, LiveUtils, Optimizer, OptimizerUtils, Paper, PaperUtils, Partial$1 as Partial, PartialUtils, Performance, PerformanceUtils, PersistBase, PersistPartialAdapter, PersistPartialUtils, PersistRiskAdapter, PersistRiskUtils, PersistScheduleAdapter, PersistScheduleUtils, PersistSignalAdapter, PersistSignalUtils, PositionSize, PositionSizeUtils, RealClock, ReplayClock, Schedule, ScheduleUtils, Sweep, SweepUtils, Walker, WalkerUtils, addExchange, addFrame, addOptimizer, addRisk, addSizing, addStrategy, addWalker, askSignal, askText, collectWarnings, deflatedSharpeRatio, emitters, fetchFromCcxt, formatCandlesBlind, formatError, formatPrice, formatQuantity, getAveragePrice, getCandles, getDate, getLlmConcurrency, getLlmUsage, getMode, lib, listExchanges, listFrames, listOptimizers, listRisks, listSizings, listStrategies, listWalkers, listenBacktestProgress, listenDoneBacktest, listenDoneBacktestOnce, listenDoneLive, listenDoneLiveOnce, listenDoneSweep, listenDoneWalker, listenDoneWalkerOnce, listenError, listenOptimizerProgress, listenPartialLoss, listenPartialLossOnce, listenPartialProfit, listenPartialProfitOnce, listenPerformance, listenSignal, listenSignalBacktest, listenSignalBacktestOnce, listenSignalLive, listenSignalLiveOnce, listenSignalOnce, listenSweepProgress, listenValidation, listenWalker, listenWalkerComplete, listenWalkerOnce, listenWalkerProgress, listenWarning, listenWarningOnce, loadOptimizerConfig, probabilisticSharpeRatio, probabilityOfBacktestOverfitting, pruneDumps, readBlindMode, resolveOpenSignal, runLuckTest, serveBaselineModel, setConfig, setLogger, showProgress };
export type { BacktestStatistics, BaselineMode, BenchmarkStatistics, CandleFetchFn, CandleInterval, DoneContract, EntityId, ExchangeName, FrameInterval, FrameName, GlobalConfig, IBaselineModelOptions, IBaselineModelServer, IBaselineParameters, IBaselineSignal, IBlindFormatOptions, IBuyAndHold, ICandleData, ICandleStoreLocation, ICandleStoreReadOptions, ICandleStoreSeedCount, ICandleStoreSeedOptions, ICandleStoreSeedResult, ICandleStoreSeries, ICostStress, ICostStressScenario, ICostStressStrategy, IDeflatedSharpeInput, IEntity, IExchangeCallbacks, IExchangeSchema, IExecutionContext, IFormatErrorOptions, IFrameCallbacks, IFrameSchema, IHeatmapRow, IHeatmapStatistics, ILeakCheckFigures, ILeakCheckOptions, ILeakCheckReport, ILeakCheckStrategy, ILeakCheckWindow, IListenOnlySubject, ILiveClock, ILiveContext, ILiveRunOptions, ILiveState, ILiveTickResult, ILlmConcurrency, ILlmConcurrencyChange, ILlmConcurrencySnapshot, ILlmModelUsage, ILlmOptions, ILlmPrice, ILlmSignalAnswer, ILlmUsage, ILlmUsageCounts, ILogger, ILuckTest, ILuckTestOptions, ILuckTrade, IMethodContext, IOpenPosition, IOpenSignalOutcome, IOptimizerBlindCheck, IOptimizerCallbacks, IOptimizerContext, IOptimizerData, IOptimizerFetchArgs, IOptimizerFilterArgs, IOptimizerLlmSettings, IOptimizerMessageFormatter, IOptimizerRange, IOptimizerRunOptions, IOptimizerSchema, IOptimizerSource, IOptimizerSourceFn, IOptimizerStrategy, IOptimizerTemplate, IOptimizerWalkForward, IOverfittingOdds, IPaperOptions, IPaperParity, IPaperResult, IPaperTrade, IPartialData, IPartialEvent, IPboOptions, IPboResult, IPerformanceMetricStats, IPersistBase, IPositionSizeATRParams, IPositionSizeFixedPercentageParams, IPositionSizeKellyParams, IProbabilisticSharpeInput, IProgressOptions, IProgressStream, IPruneDumpsResult, IRiskActivePosition, IRiskCallbacks, IRiskCheckArgs, IRiskRefusal, IRiskSchema, IRiskValidation, IRiskValidationFn, IRiskValidationPayload, IScheduledEvent, IScheduledSignalRow, ISignalDto, ISignalPrefetchCounts, ISignalRow, ISizingCalculateParams, ISizingCalculateParamsATR, ISizingCalculateParamsFixedPercentage, ISizingCalculateParamsKelly, ISizingCallbacks, ISizingSchema, ISizingSchemaATR, ISizingSchemaFixedPercentage, ISizingSchemaKelly, IStrategyBacktestResult, IStrategyCallbacks, IStrategyPnL, IStrategySchema, IStrategyTickResult, IStrategyTickResultActive, IStrategyTickResultCancelled, IStrategyTickResultClosed, IStrategyTickResultIdle, IStrategyTickResultOpened, IStrategyTickResultScheduled, ISweepJobResult, ISweepOptions, ISweepResult, ISweepWorker, ISweepWorkerOptions, IWalkForwardResults, IWalkForwardTotal, IWalkForwardWindow, IWalkerCallbacks, IWalkerResults, IWalkerSchema, IWalkerStrategyFailure, IWalkerStrategyResult, IWarningCollector, IWarningKindSummary, IWarningSummary, LiveStatistics, LiveTickEvent, LlmConcurrencyReason, LlmPrices, LlmProviderName, MessageModel, MessageRole, OptimizerName, PartialData, PartialLevel, PartialLossContract, PartialProfitContract, PartialStatistics, PerformanceContract, PerformanceMetricType, PerformanceStatistics, ProgressBacktestContract, ProgressOptimizerContract, ProgressSweepContract, ProgressWalkerContract, PromptMode, RiskData, RiskName, RowId, RunPromptMode, ScheduleData, ScheduleStatistics, SignalData, SignalInterval, SizingName, Source, StrategyCloseReason, StrategyName, SweepJobStatus, TPersistBaseCtor, TradeStatistics, WalkerContract, WalkerMetric, WalkerName, WarningContract, WarningDetails, WarningKind };
