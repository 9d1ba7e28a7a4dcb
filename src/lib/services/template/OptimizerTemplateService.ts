import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import { IOptimizerData, IOptimizerLlmSettings, IOptimizerTemplate } from "../../../interfaces/Optimizer.interface";
import { CandleInterval } from "../../../interfaces/Exchange.interface";
import { toCodeLiteral } from "../../../utils/optimizer/toCodeLiteral";
import { LLM_ENDPOINT_UNREACHABLE } from "../../../utils/llm/endpointFailure";
import { LLM_ENV, LLM_PROVIDERS } from "../../../config/llm";
import { LlmProviderName } from "../../../interfaces/Llm.interface";
import { BLIND_SYMBOL_ALIAS } from "../../../utils/blind/blindFrame";

/** The reference's default user message (kept word for word). */
const DEFAULT_USER_MESSAGE = "Прочитай данные и скажи ОК";

/** The reference's default assistant message (kept word for word). */
const DEFAULT_ASSISTANT_MESSAGE = "ОК";

/** Launcher code that collects the run's warnings and prints their summary on exit. */
const WARNINGS_SUMMARY_CODE = String.raw`import { collectWarnings } from "backtest-kit";

const warnings = collectWarnings();
process.once("exit", () => {
    const { text } = warnings.stop();
    if (text) {
        console.error(text);
    }
});
`;

/** Launcher code that dumps each backtest's markdown report when the backtest completes. */
const DUMP_EACH_BACKTEST_CODE = String.raw`listenDoneBacktest(async (event) => {
    await Backtest.dump(event.symbol, event.strategyName);
});`;

/**
 * Walk-forward launcher code: writes each strategy's backtest report of one window to that
 * window's own folder (./dump/backtest/window-K/STRATEGY.md), so windows never overwrite
 * each other; called right after the window's walker, while its runs are the latest.
 */
const DUMP_WINDOW_BACKTESTS_CODE = String.raw`const dumpWindowBacktests = async (symbol, walkerName, window) => {
    const { strategyResults } = await Walker.getData(symbol, walkerName);
    for (const { strategyName } of strategyResults) {
        await Backtest.dump(symbol, strategyName, "./dump/backtest/window-" + window);
    }
};`;

/**
 * Launcher code that prints every background error as one line, through formatError;
 * an unreachable model endpoint (the walker stopped) makes the process exit with 1.
 */
const PRINT_ERRORS_CODE = String.raw`listenError((error) => {
    console.error("Error: " + formatError(error));
    if (error?.code === ${toCodeLiteral(LLM_ENDPOINT_UNREACHABLE)}) {
        process.exitCode = 1;
    }
});`;

/**
 * Launcher code that prints, when the walker is done, where the model request pool's
 * limit settled and why it last moved (once the pool sent a request); a block with its
 * own import, so it works under any top banner.
 */
const PRINT_LLM_CONCURRENCY_CODE = String.raw`{
    const { listenDoneWalker } = await import("backtest-kit");
    listenDoneWalker((event) => {
        if (!event.llmConcurrency) {
            return;
        }
        const { mode, limit, peak, falls, lastChange } = event.llmConcurrency;
        const moved = lastChange ? ", last moved from " + lastChange.from + " to " + lastChange.to + " (" + lastChange.reason + ")" : "";
        console.log("LLM requests in flight: " + mode + ", settled at " + limit + " (highest " + peak + ", fell " + falls + " time(s)" + moved + ")");
    });
}`;

/** Joins code lines into one section. */
const lines = (...rows: string[]) => rows.join("\n");

/**
 * The generated askText/askSignal options. When BACKTEST_KIT_LLM_PROVIDER is unset or names
 * the optimizer's protocol: that protocol's endpoint and model variables at run time
 * (OLLAMA_HOST/OLLAMA_MODEL or OPENAI_BASE_URL/OPENAI_MODEL), else what the optimizer set,
 * else the defaults. When it names the other protocol: only that protocol, and the
 * library reads its variables. No API key ever appears: the library reads it itself.
 */
const llmOptionsCode = (provider: LlmProviderName, host: string, model: string) => {
  const env = LLM_PROVIDERS[provider];
  const providerField = provider === "ollama" ? "" : `            provider: ${toCodeLiteral(provider)},\n`;
  return lines(
    `(process.env.${LLM_ENV.provider} || ${toCodeLiteral(provider)}) === ${toCodeLiteral(provider)}`,
    `        ? {`,
    `${providerField}            host: process.env.${env.host} || ${toCodeLiteral(host)},`,
    `            model: process.env.${env.model} || ${toCodeLiteral(model)},`,
    `        }`,
    `        : { provider: process.env.${LLM_ENV.provider} }`
  );
};

/** The generation-time protocol, endpoint and signal model of an optimizer's `llm` settings. */
const resolveLlmSettings = (llm: IOptimizerLlmSettings) => {
  const provider = llm.provider ?? "ollama";
  const env = LLM_PROVIDERS[provider];
  return { provider, host: llm.host ?? env.defaultHost, model: llm.model ?? env.defaultModel ?? "" };
};

/**
 * The default code generator of the Optimizer. Every method returns one section of the
 * generated `.mjs` file. Each value that reaches the code (names, symbol, dates,
 * prompts) passes through `toCodeLiteral`, so whatever its text, it arrives at run time
 * as the very same string and never as code. Overridable one method at a time through
 * the optimizer schema's `template`.
 */
export class OptimizerTemplateService implements IOptimizerTemplate {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);

  /** Shebang, imports of the runtime and Node built-ins. */
  public getTopBanner = async (symbol: string) => {
    this.loggerService.log("optimizerTemplateService getTopBanner", { symbol });
    return String.raw`#!/usr/bin/env node

import {
    addExchange,
    addStrategy,
    addFrame,
    addWalker,
    Walker,
    Backtest,
    CandleStore,
    getCandles,
    formatCandlesBlind,
    readBlindMode,
    listenWalkerComplete,
    listenDoneBacktest,
    listenError,
    showProgress,
    askText,
    askSignal,
    fetchFromCcxt,
    formatError,
} from "backtest-kit";
import { promises as fs } from "node:fs";
import path from "node:path";

const WARN_KB = 100;`;
  };

  /** The default user message: an instruction followed by the rows as JSON. */
  public getUserMessage = async <Data extends IOptimizerData = any>(
    symbol: string,
    data: Data[],
    name: string
  ) => {
    this.loggerService.log("optimizerTemplateService getUserMessage", { symbol, name, rows: data.length });
    return lines(DEFAULT_USER_MESSAGE, "", JSON.stringify(data));
  };

  /** The default assistant message: a plain acknowledgement. */
  public getAssistantMessage = async <Data extends IOptimizerData = any>(
    symbol: string,
    data: Data[],
    name: string
  ) => {
    this.loggerService.log("optimizerTemplateService getAssistantMessage", { symbol, name, rows: data.length });
    return DEFAULT_ASSISTANT_MESSAGE;
  };

  /** An addWalker() call comparing `strategies` on `frameName`. */
  public getWalkerTemplate = async (
    walkerName: string,
    exchangeName: string,
    frameName: string,
    strategies: string[]
  ) => {
    this.loggerService.log("optimizerTemplateService getWalkerTemplate", {
      walkerName,
      exchangeName,
      frameName,
      strategies,
    });
    return lines(
      "addWalker({",
      `    walkerName: ${toCodeLiteral(walkerName)},`,
      `    exchangeName: ${toCodeLiteral(exchangeName)},`,
      `    frameName: ${toCodeLiteral(frameName)},`,
      `    strategies: [${strategies.map(toCodeLiteral).join(", ")}],`,
      "});"
    );
  };

  /**
   * An addStrategy() call whose getSignal loads 1m x30, 5m x24, 15m x24 and 1h x24
   * candles, walks the LLM through them in four user/assistant pairs, then asks for a
   * signal that follows `prompt`, with "wait" when the picture is unclear. In blind mode
   * (the file's BLIND, see getJsonTemplate) the candles are written by
   * formatCandlesBlind with the last 1m close as 100 and the symbol is called ASSET;
   * otherwise they are written as ISO-time lines with real prices. json() (the library's
   * askSignal) returns a checked signal in real prices or null, never a malformed one;
   * the conversation is dumped under the signal's id. It reads nothing but the candles up
   * to the tick, so it declares `prefetch: true` (the engine may ask for later ticks ahead).
   */
  public getStrategyTemplate = async (strategyName: string, interval: string, prompt: string) => {
    this.loggerService.log("optimizerTemplateService getStrategyTemplate", { strategyName, interval });
    return String.raw`addStrategy({
    strategyName: ${toCodeLiteral(strategyName)},
    interval: ${toCodeLiteral(interval)},
    prefetch: true,
    getSignal: async (symbol) => {
        const strategyPrompt = ${toCodeLiteral(prompt)};

        const microTermCandles = await getCandles(symbol, "1m", 30);
        const mainTermCandles = await getCandles(symbol, "5m", 24);
        const shortTermCandles = await getCandles(symbol, "15m", 24);
        const mediumTermCandles = await getCandles(symbol, "1h", 24);

        const anchorPrice = microTermCandles[microTermCandles.length - 1].close;
        const subject = BLIND ? ${toCodeLiteral(BLIND_SYMBOL_ALIAS)} : symbol;
        const formatCandles = (candles, timeframe) => BLIND
            ? formatCandlesBlind(candles, timeframe, { anchorPrice })
            : candles
                .map((c) => new Date(c.timestamp).toISOString() + "[" + timeframe + "]: O:" + c.open +
                    " H:" + c.high + " L:" + c.low + " C:" + c.close + " V:" + c.volume)
                .join("\n");

        const messages = [
            {
                role: "user",
                content: [subject, "Analyse the 1h candles (medium-term trend):", "", formatCandles(mediumTermCandles, "1h")].join("\n"),
            },
            { role: "assistant", content: "1h trend analysed" },
            {
                role: "user",
                content: ["Analyse the 15m candles (short-term trend):", "", formatCandles(shortTermCandles, "15m")].join("\n"),
            },
            { role: "assistant", content: "15m trend analysed" },
            {
                role: "user",
                content: ["Analyse the 5m candles (main timeframe):", "", formatCandles(mainTermCandles, "5m")].join("\n"),
            },
            { role: "assistant", content: "5m timeframe analysed" },
            {
                role: "user",
                content: ["Analyse the 1m candles (microstructure):", "", formatCandles(microTermCandles, "1m")].join("\n"),
            },
            { role: "assistant", content: "1m microstructure analysed" },
            {
                role: "user",
                content: [
                    "Weigh all timeframes and produce a trading signal that follows this strategy. Open a position ONLY on a clear signal.",
                    "",
                    strategyPrompt,
                    "",
                    "If the timeframes contradict each other or the trend is weak, answer position: wait",
                ].join("\n"),
            },
        ];

        const { id, signal, answer } = await json(messages);
        await dumpJson(id, messages, answer);
        return signal;
    },
});`;
  };

  /**
   * An addExchange() call that reads candles through the library's candle store
   * (./.backtest-kit/candles.sqlite unless BACKTEST_KIT_CANDLE_STORE says otherwise),
   * under the store name "binance": what the store has is never fetched again; what it
   * lacks comes from Binance through the library's fetchFromCcxt (ccxt loaded from
   * backtest-kit's own dependency, on the first miss only) and is stored. A seeded store
   * needs no network, and the file imports nothing but backtest-kit and node: modules.
   */
  public getExchangeTemplate = async (symbol: string, exchangeName: string) => {
    this.loggerService.log("optimizerTemplateService getExchangeTemplate", { symbol, exchangeName });
    return String.raw`const fetchFromBinance = fetchFromCcxt("binance");

addExchange({
    exchangeName: ${toCodeLiteral(exchangeName)},
    getCandles: async (symbol, interval, since, limit) => await CandleStore.read({
        exchangeName: "binance", symbol, interval, since, limit, fetch: fetchFromBinance,
    }),
    formatPrice: async (symbol, price) => price.toFixed(2),
    formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
});`;
  };

  /** An addFrame() call over [startDate, endDate] stepping by `interval`. */
  public getFrameTemplate = async (
    symbol: string,
    frameName: string,
    interval: CandleInterval,
    startDate: Date,
    endDate: Date
  ) => {
    this.loggerService.log("optimizerTemplateService getFrameTemplate", {
      symbol,
      frameName,
      interval,
      startDate,
      endDate,
    });
    return lines(
      "addFrame({",
      `    frameName: ${toCodeLiteral(frameName)},`,
      `    interval: ${toCodeLiteral(interval)},`,
      `    startDate: new Date(${toCodeLiteral(startDate.toISOString())}),`,
      `    endDate: new Date(${toCodeLiteral(endDate.toISOString())}),`,
      "});"
    );
  };

  /**
   * Shows one progress bar for the walker and its backtests, dumps each backtest's report
   * when it completes and the walker's when it completes, with the HTML report
   * ./dump/report.html (then names the best strategy and the report's path, and where
   * the model request pool's limit settled), reports errors (an unreachable model
   * endpoint makes the process exit with 1), then starts the walker. It collects the run's warnings and prints
   * their summary (counts by kind, the first of each) to stderr when the process exits;
   * it imports collectWarnings itself, so it works under any top banner.
   */
  public getLauncherTemplate = async (symbol: string, walkerName: string) => {
    this.loggerService.log("optimizerTemplateService getLauncherTemplate", { symbol, walkerName });
    return String.raw`${WARNINGS_SUMMARY_CODE}
const stopProgress = showProgress();

${DUMP_EACH_BACKTEST_CODE}

listenWalkerComplete(async (results) => {
    stopProgress();
    await Walker.dump(${toCodeLiteral(symbol)}, results.walkerName);
    const htmlReport = await Walker.dumpHtml(${toCodeLiteral(symbol)}, results.walkerName);
    console.log("Walker completed, best strategy:", results.bestStrategy);
    console.log("HTML report:", htmlReport);
});

${PRINT_ERRORS_CODE}

${PRINT_LLM_CONCURRENCY_CODE}

Walker.background(${toCodeLiteral(symbol)}, {
    walkerName: ${toCodeLiteral(walkerName)},
});`;
  };

  /**
   * dumpJson(resultId, history, result): writes one LLM request (system prompt and
   * result, each user message, the output) as markdown under ./dump/strategy/{resultId}/.
   */
  public getJsonDumpTemplate = async (symbol: string) => {
    this.loggerService.log("optimizerTemplateService getJsonDumpTemplate", { symbol });
    return String.raw`async function dumpJson(resultId, history, result, outputDir = "./dump/strategy") {
    const folder = path.join(outputDir, resultId);
    try {
        await fs.access(folder);
        return;
    } catch {
        await fs.mkdir(folder, { recursive: true });
    }

    const systemMessages = history.filter((message) => message.role === "system");
    const userMessages = history.filter((message) => message.role === "user");
    const resultBlock = "\u0060\u0060\u0060json\n" + JSON.stringify(result, null, 2) + "\n\u0060\u0060\u0060\n";

    let summary = "# Signal request\n\n**ResultId**: " + resultId + "\n\n";
    if (result) {
        summary += "## Result\n\n" + resultBlock + "\n";
    }
    systemMessages.forEach((message, index) => {
        summary += "## System message " + (index + 1) + "\n\n" + message.content + "\n\n";
    });
    await fs.writeFile(path.join(folder, "00_system_prompt.md"), summary, "utf8");

    await Promise.all(userMessages.map(async (message, index) => {
        const bytes = Buffer.byteLength(message.content, "utf8");
        if (bytes > WARN_KB * 1024) {
            console.warn("User message " + (index + 1) + " of " + resultId + " is " +
                Math.floor(bytes / 1024) + " KB, above the " + WARN_KB + " KB warning limit");
        }
        const fileName = String(index + 1).padStart(2, "0") + "_user_message.md";
        const content = "# User message " + (index + 1) + "\n\n**ResultId**: " + resultId + "\n\n" + message.content + "\n";
        await fs.writeFile(path.join(folder, fileName), content, "utf8");
    }));

    const outputName = String(userMessages.length + 1).padStart(2, "0") + "_llm_output.md";
    const output = "# LLM output\n\n**ResultId**: " + resultId + "\n\n" + (result ? resultBlock : "(no result)\n");
    await fs.writeFile(path.join(folder, outputName), output, "utf8");
}`;
  };

  /**
   * text(messages): asks the LLM for a market analysis of the symbol, as plain text,
   * through the library's askText (cache, retries, timeout).
   */
  public getTextTemplate = async (symbol: string, llm: IOptimizerLlmSettings = {}) => {
    this.loggerService.log("optimizerTemplateService getTextTemplate", { symbol });
    const { provider, host, model } = resolveLlmSettings(llm);
    return String.raw`async function text(messages) {
    const symbol = ${toCodeLiteral(symbol.toUpperCase())};
    const answer = await askText([
        {
            role: "system",
            content: [
                "Answer with a trading strategy and nothing else:",
                "a report that can be copied as it is.",
                "",
                "IMPORTANT: no greeting, no description of what you are doing, only the report.",
            ].join("\n"),
        },
        ...messages,
        {
            role: "user",
            content: [
                "Under which conditions should I buy " + symbol + "?",
                "Analyse the market from support and resistance, with entry points for LONG and SHORT positions.",
                "Which risk/reward ratio should the positions use?",
                "Are LONG or SHORT positions preferable?",
                "",
                "Give a fundamental rather than a dry technical analysis, with a strategic recommendation such as buying at the bottom of a range.",
            ].join("\n"),
        },
    ], ${llmOptionsCode(provider, host, llm.textModel ?? model)});
    return answer.trim();
}`;
  };

  /**
   * The file's BLIND mode (BACKTEST_KIT_BLIND when set at run time, else `blind`) and
   * json(messages): the library's askSignal, which adds the signal rules and schema,
   * caches, retries, maps blind prices back, checks the answer (one re-ask) and resolves
   * to { id, signal, answer }, signal null for "wait" or anything unusable.
   */
  public getJsonTemplate = async (symbol: string, llm: IOptimizerLlmSettings = {}, blind = true) => {
    this.loggerService.log("optimizerTemplateService getJsonTemplate", { symbol, blind });
    const { provider, host, model } = resolveLlmSettings(llm);
    return String.raw`const BLIND = readBlindMode(${blind ? "true" : "false"});

async function json(messages) {
    const llmOptions = ${llmOptionsCode(provider, host, model)};
    return await askSignal(messages, { ...llmOptions, blind: BLIND });
}`;
  };

  /**
   * Collects the warnings (their summary printed on exit), runs the walker of every
   * test window in turn (one progress bar), dumps each walker's report and, per window,
   * each backtest's report to ./dump/backtest/window-K/, then the walk-forward report over all windows
   * (Walker.dumpWalkForward) and its HTML report ./dump/report.html
   * (Walker.dumpWalkForwardHtml), and names the best strategy on the out-of-sample total. A
   * failure is printed and sets a non-zero exit code.
   */
  public getWalkForwardLauncherTemplate = async (symbol: string, walkerNames: string[], reportName: string) => {
    this.loggerService.log("optimizerTemplateService getWalkForwardLauncherTemplate", { symbol, walkerNames, reportName });
    return String.raw`${WARNINGS_SUMMARY_CODE}
const stopProgress = showProgress();

${DUMP_WINDOW_BACKTESTS_CODE}

${PRINT_ERRORS_CODE}

const runWalkForward = async () => {
    const symbol = ${toCodeLiteral(symbol)};
    const walkerNames = [${walkerNames.map(toCodeLiteral).join(", ")}];
    for (const [index, walkerName] of walkerNames.entries()) {
        for await (const _ of Walker.run(symbol, { walkerName })) {
            // each strategy's backtest on this window
        }
        await Walker.dump(symbol, walkerName);
        await dumpWindowBacktests(symbol, walkerName, index + 1);
    }
    stopProgress();
    await Walker.dumpWalkForward(symbol, walkerNames, ${toCodeLiteral(reportName)});
    const results = await Walker.getWalkForward(symbol, walkerNames);
    const htmlReport = await Walker.dumpWalkForwardHtml(symbol, walkerNames);
    console.log("Walk-forward completed, best strategy on the out-of-sample total:", results.bestStrategy);
    console.log("HTML report:", htmlReport);
};

runWalkForward().catch((error) => {
    stopProgress();
    console.error("Walk-forward failed:", error);
    process.exitCode = 1;
});`;
  };
}

export default OptimizerTemplateService;
