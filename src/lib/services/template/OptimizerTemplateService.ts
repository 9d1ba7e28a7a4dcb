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
const WARNINGS_SUMMARY_CODE = String.raw`const warnings = collectWarnings();
process.once("exit", () => {
    const { text } = warnings.stop();
    if (text) {
        console.error(text);
    }
});
`;

/**
 * Launcher code that prints what the run's model calls cost (getLlmUsage's summary: requests,
 * tokens, wait, USD at the price table) to stderr when the process exits.
 */
const LLM_USAGE_SUMMARY_CODE = String.raw`process.once("exit", () => {
    try {
        const { text } = getLlmUsage();
        if (text) {
            console.error(text);
        }
    } catch (error) {
        console.error("LLM usage: unavailable: " + error.message);
    }
});
`;

/**
 * Launcher code that keeps the model conversation dumps (./dump/strategy/) of the last
 * CC_DUMP_KEEP_RUNS runs only (pruneDumps), and tells where they are once the run is done.
 */
const KEEP_RECENT_DUMPS_CODE = String.raw`const conversationDumps = await pruneDumps();
const printDumpsPlace = () => console.log("Model conversations:", conversationDumps.dir,
    conversationDumps.keepRuns > 0 ? "(the last " + conversationDumps.keepRuns + " runs are kept, CC_DUMP_KEEP_RUNS)" : "(all runs are kept)");`;

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
 * Launcher code: printOdds(overfitting) prints the pick's overfitting odds (walker or
 * walk-forward results' `overfitting`) as two plain lines after the best strategy.
 */
const PRINT_ODDS_CODE = String.raw`const printOdds = (odds) => {
    const percent = (value) => (value === null || value === undefined ? "N/A" : Math.round(value * 100) + "%");
    console.log("Chance the pick's edge is real after " + (odds?.trials ?? 0) + " strategies tried (deflated Sharpe ratio):", percent(odds?.deflatedSharpeRatio));
    console.log("Chance that picking the best was overfitting (PBO):", percent(odds?.pbo));
};`;

/**
 * Launcher code that prints every background error as one line, through formatError (a
 * strategy the walker skipped only with BACKTEST_KIT_VERBOSE=1: the walker's summary says
 * it once); an unreachable model endpoint (the walker stopped) makes the process exit with 1.
 */
const PRINT_ERRORS_CODE = String.raw`listenError((error) => {
    // a strategy the walker skipped is said once, with its reason, in the walker's summary
    // (BACKTEST_KIT_VERBOSE=1 prints its whole chain here too)
    if (process.env.BACKTEST_KIT_VERBOSE === "1" || !/^walker .+ skipped strategy /.test(error?.message)) {
        console.error("Error: " + formatError(error));
    }
    if (error?.code === ${toCodeLiteral(LLM_ENDPOINT_UNREACHABLE)}) {
        process.exitCode = 1;
    }
});`;

/**
 * Launcher code: failedStrategiesSummary(results), the lines naming each strategy the
 * walker skipped with its reason (null when none was), headed by whether any succeeded.
 */
const FAILED_STRATEGIES_SUMMARY_CODE = String.raw`const failedStrategiesSummary = (results) => {
    const { walkerName, failedStrategies, strategyResults, totalStrategies } = results;
    if (failedStrategies.length === 0) {
        return null;
    }
    const head = strategyResults.length === 0
        ? "Walker " + walkerName + " failed: every strategy failed (" + failedStrategies.length + " of " + totalStrategies + "), so there is no best strategy:"
        : "Walker " + walkerName + " skipped " + failedStrategies.length + " of " + totalStrategies + " strategies:";
    const skipped = (strategyName) => "walker " + walkerName + " skipped strategy " + strategyName + ": ";
    return [head, ...failedStrategies.map(({ strategyName, error }) =>
        "  " + strategyName + ": " + (error.startsWith(skipped(strategyName)) ? error.slice(skipped(strategyName).length) : error))].join("\n");
};`;

/** The backtest-kit names the walker launcher uses. */
const LAUNCHER_IMPORTS = [
  "Walker",
  "Backtest",
  "collectWarnings",
  "showProgress",
  "listenDoneBacktest",
  "listenWalkerComplete",
  "listenError",
  "formatError",
  "getLlmUsage",
  "pruneDumps",
];

/** The backtest-kit names the walk-forward launcher uses. */
const WALK_FORWARD_LAUNCHER_IMPORTS = [
  "Walker",
  "Backtest",
  "collectWarnings",
  "showProgress",
  "listenError",
  "formatError",
  "getLlmUsage",
  "pruneDumps",
];

/**
 * Launcher code that prints, when the walker is done, where the model request pool's
 * limit settled and why it last moved (once the pool sent a request), in the words of
 * utils/llm/llmConcurrencyText (kept inline: a generated file may run against an older
 * backtest-kit); a block with its own import, so it works under any top banner.
 */
const PRINT_LLM_CONCURRENCY_CODE = String.raw`{
    const { listenDoneWalker } = await import("backtest-kit");
    listenDoneWalker((event) => {
        if (!event.llmConcurrency) {
            return;
        }
        const { mode, limit, peak, falls, lastChange } = event.llmConcurrency;
        const moved = lastChange ? ", last moved from " + lastChange.from + " to " + lastChange.to + " (" + lastChange.reason + ")" : "";
        const where = mode === "fixed" ? "fixed at " + limit : mode + ", settled at " + limit;
        console.log("LLM requests in flight: " + where + " (highest " + peak + ", fell " + falls + " time(s)" + moved + ")");
    });
}`;

/** Joins code lines into one section. */
const lines = (...rows: string[]) => rows.join("\n");

/**
 * The first line of a section's block: binds the backtest-kit names the section uses,
 * so the section needs nothing from the banner (or any other section) and clashes
 * with nothing another section declares.
 */
const importLine = (names: string[]) => `const { ${names.join(", ")} } = await import("backtest-kit");`;

/** Indents every non-empty line of `code` by four spaces. */
const indent = (code: string) => code.replace(/^(?=.)/gm, "    ");

/**
 * A block holding `code` with its own imports: a section that stands on its own, can
 * appear several times in one file and works under any top banner.
 */
const standalone = (names: string[], code: string) => lines("{", indent(importLine(names)), indent(code), "}");

/** The literal of the generation-time blind default (`true`/`false`). */
const blindLiteral = (blind: boolean) => (blind ? "true" : "false");

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

  /**
   * Shebang, imports of the runtime and Node built-ins, WARN_KB: for overrides of the
   * other sections written against them. The default sections import what they use
   * themselves, so a banner of one's own (even the shebang alone) breaks none of them.
   */
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
    return standalone(
      ["addWalker"],
      lines(
        "addWalker({",
        `    walkerName: ${toCodeLiteral(walkerName)},`,
        `    exchangeName: ${toCodeLiteral(exchangeName)},`,
        `    frameName: ${toCodeLiteral(frameName)},`,
        `    strategies: [${strategies.map(toCodeLiteral).join(", ")}],`,
        "});"
      )
    );
  };

  /**
   * An addStrategy() call whose getSignal loads 1m x30, 5m x24, 15m x24 and 1h x24
   * candles, walks the LLM through them in four user/assistant pairs, then asks for a
   * signal that follows `prompt`, with "wait" when the picture is unclear. The section
   * stands on its own: it imports what it uses and reads its blind mode itself
   * (BACKTEST_KIT_BLIND when set at run time, else `blind`, the schema's option). In
   * blind mode the candles are written by formatCandlesBlind with the last 1m close as
   * 100 and the symbol is called ASSET; otherwise they are written as ISO-time lines
   * with real prices. It calls json(messages, { blind }) (the mode its messages are
   * written in), expecting { id, signal, answer }, and dumpJson(id, messages, answer).
   * It reads nothing but the candles up to the tick, so it declares `prefetch: true`
   * (the engine may ask for later ticks ahead).
   */
  public getStrategyTemplate = async (strategyName: string, interval: string, prompt: string, blind = true) => {
    this.loggerService.log("optimizerTemplateService getStrategyTemplate", { strategyName, interval, blind });
    return standalone(
      ["addStrategy", "getCandles", "formatCandlesBlind", "readBlindMode"],
      lines(`const blind = readBlindMode(${blindLiteral(blind)});`, "", String.raw`addStrategy({
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
        const subject = blind ? ${toCodeLiteral(BLIND_SYMBOL_ALIAS)} : symbol;
        const formatCandles = (candles, timeframe) => blind
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

        const { id, signal, answer } = await json(messages, { blind });
        await dumpJson(id, messages, answer);
        return signal;
    },
});`)
    );
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
    return standalone(
      ["addExchange", "CandleStore", "fetchFromCcxt"],
      String.raw`const fetchFromBinance = fetchFromCcxt("binance");

addExchange({
    exchangeName: ${toCodeLiteral(exchangeName)},
    getCandles: async (symbol, interval, since, limit) => await CandleStore.read({
        exchangeName: "binance", symbol, interval, since, limit, fetch: fetchFromBinance,
    }),
    formatPrice: async (symbol, price) => price.toFixed(2),
    formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
});`
    );
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
    return standalone(
      ["addFrame"],
      lines(
        "addFrame({",
        `    frameName: ${toCodeLiteral(frameName)},`,
        `    interval: ${toCodeLiteral(interval)},`,
        `    startDate: new Date(${toCodeLiteral(startDate.toISOString())}),`,
        `    endDate: new Date(${toCodeLiteral(endDate.toISOString())}),`,
        "});"
      )
    );
  };

  /**
   * Shows one progress bar for the walker and its backtests, dumps each backtest's report
   * when it completes and the walker's when it completes, with the HTML report
   * ./dump/report.html (then prints the verdict and metrics table, names the best strategy, its overfitting odds and the report's path, and where
   * the model request pool's limit settled), reports errors (an unreachable model
   * endpoint makes the process exit with 1), then starts the walker. The strategies the walker skipped are said once, each
   * with its reason, in a summary at the end; when none succeeded there is no "completed"
   * line and the exit code is 1, as it is when the walker never completes or its reports
   * cannot be written. It collects the run's warnings and prints
   * their summary (counts by kind, the first of each) to stderr when the process exits,
   * then what its model calls cost (getLlmUsage().text); it keeps the conversation dumps of
   * the last CC_DUMP_KEEP_RUNS runs; it imports what it uses itself, so it works under any top banner.
   */
  public getLauncherTemplate = async (symbol: string, walkerName: string) => {
    this.loggerService.log("optimizerTemplateService getLauncherTemplate", { symbol, walkerName });
    return standalone(LAUNCHER_IMPORTS, String.raw`let walkerCompleted = false;
process.once("exit", () => {
    if (!walkerCompleted) {
        console.error("Walker " + ${toCodeLiteral(walkerName)} + " did not complete");
        process.exitCode = 1;
    }
});

${WARNINGS_SUMMARY_CODE}
${LLM_USAGE_SUMMARY_CODE}
${KEEP_RECENT_DUMPS_CODE}
const stopProgress = showProgress();

${DUMP_EACH_BACKTEST_CODE}

${PRINT_ODDS_CODE}

${FAILED_STRATEGIES_SUMMARY_CODE}

listenWalkerComplete(async (results) => {
    walkerCompleted = true;
    stopProgress();
    const failures = failedStrategiesSummary(results);
    if (results.strategyResults.length === 0) {
        // nothing succeeded: no "completed", and a non-zero exit code
        console.error(failures ?? "Walker " + results.walkerName + " ran no strategy");
        process.exitCode = 1;
    } else {
        console.log(await Walker.getSummary(${toCodeLiteral(symbol)}, results.walkerName));
        console.log("Walker completed, best strategy:", results.bestStrategy);
        printOdds(results.overfitting);
        if (failures !== null) {
            console.error(failures);
        }
    }
    try {
        await Walker.dump(${toCodeLiteral(symbol)}, results.walkerName);
        const htmlReport = await Walker.dumpHtml(${toCodeLiteral(symbol)}, results.walkerName);
        console.log("HTML report:", htmlReport);
    } catch (error) {
        console.error("Error: " + formatError(error));
        process.exitCode = 1;
    }
    printDumpsPlace();
});

${PRINT_ERRORS_CODE}

${PRINT_LLM_CONCURRENCY_CODE}

Walker.background(${toCodeLiteral(symbol)}, {
    walkerName: ${toCodeLiteral(walkerName)},
});`);
  };

  /**
   * dumpJson(resultId, history, result): writes one LLM request (system prompt and
   * result, each user message, the output) as markdown under ./dump/strategy/{resultId}/;
   * a folder that exists (the same request again) is touched, so the runs kept by
   * pruneDumps keep it.
   */
  public getJsonDumpTemplate = async (symbol: string) => {
    this.loggerService.log("optimizerTemplateService getJsonDumpTemplate", { symbol });
    return String.raw`async function dumpJson(resultId, history, result, outputDir = "./dump/strategy") {
    const fs = await import("node:fs");
    const { default: path } = await import("node:path");
    const WARN_KB = 100;
    const folder = path.join(outputDir, resultId);
    try {
        fs.mkdirSync(folder);
    } catch (error) {
        if (error.code === "EEXIST") {
            const now = new Date();
            fs.utimesSync(folder, now, now);
            return;
        }
        fs.mkdirSync(folder, { recursive: true });
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
    fs.writeFileSync(path.join(folder, "00_system_prompt.md"), summary, "utf8");

    userMessages.forEach((message, index) => {
        const bytes = Buffer.byteLength(message.content, "utf8");
        if (bytes > WARN_KB * 1024) {
            console.warn("User message " + (index + 1) + " of " + resultId + " is " +
                Math.floor(bytes / 1024) + " KB, above the " + WARN_KB + " KB warning limit");
        }
        const fileName = String(index + 1).padStart(2, "0") + "_user_message.md";
        const content = "# User message " + (index + 1) + "\n\n**ResultId**: " + resultId + "\n\n" + message.content + "\n";
        fs.writeFileSync(path.join(folder, fileName), content, "utf8");
    });

    const outputName = String(userMessages.length + 1).padStart(2, "0") + "_llm_output.md";
    const output = "# LLM output\n\n**ResultId**: " + resultId + "\n\n" + (result ? resultBlock : "(no result)\n");
    fs.writeFileSync(path.join(folder, outputName), output, "utf8");
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
    const { askText } = await import("backtest-kit");
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
   * json(messages, { blind }): the library's askSignal, which adds the signal rules and
   * schema, caches, retries, maps blind prices back, checks the answer (one re-ask) and
   * resolves to { id, signal, answer }, signal null for "wait" or anything unusable.
   * `blind` says the mode the messages are written in; without it, BACKTEST_KIT_BLIND
   * when set at run time, else `blind` (the schema's option). It imports what it uses.
   */
  public getJsonTemplate = async (symbol: string, llm: IOptimizerLlmSettings = {}, blind = true) => {
    this.loggerService.log("optimizerTemplateService getJsonTemplate", { symbol, blind });
    const { provider, host, model } = resolveLlmSettings(llm);
    return String.raw`async function json(messages, { blind } = {}) {
    const { askSignal, readBlindMode } = await import("backtest-kit");
    const llmOptions = ${llmOptionsCode(provider, host, model)};
    return await askSignal(messages, { ...llmOptions, blind: blind ?? readBlindMode(${blindLiteral(blind)}) });
}`;
  };

  /**
   * Collects the warnings (their summary printed on exit, then the model calls' cost), runs the walker of every
   * test window in turn (one progress bar), dumps each walker's report and, per window,
   * each backtest's report to ./dump/backtest/window-K/, then the walk-forward report over all windows
   * (Walker.dumpWalkForward) and its HTML report ./dump/report.html
   * (Walker.dumpWalkForwardHtml), and names the best strategy on the out-of-sample total and its overfitting odds.
   * Each window's skipped strategies are summarized with their reasons; a window in which
   * every strategy failed stops the run. A failure is printed as one line (formatError)
   * and sets exit code 1.
   */
  public getWalkForwardLauncherTemplate = async (symbol: string, walkerNames: string[], reportName: string) => {
    this.loggerService.log("optimizerTemplateService getWalkForwardLauncherTemplate", { symbol, walkerNames, reportName });
    return standalone(WALK_FORWARD_LAUNCHER_IMPORTS, String.raw`${WARNINGS_SUMMARY_CODE}
${LLM_USAGE_SUMMARY_CODE}
${KEEP_RECENT_DUMPS_CODE}
const stopProgress = showProgress();

${DUMP_WINDOW_BACKTESTS_CODE}

${PRINT_ODDS_CODE}

${PRINT_ERRORS_CODE}

${FAILED_STRATEGIES_SUMMARY_CODE}

const runWalkForward = async () => {
    const symbol = ${toCodeLiteral(symbol)};
    const walkerNames = [${walkerNames.map(toCodeLiteral).join(", ")}];
    for (const [index, walkerName] of walkerNames.entries()) {
        for await (const _ of Walker.run(symbol, { walkerName })) {
            // each strategy's backtest on this window
        }
        await Walker.dump(symbol, walkerName);
        await dumpWindowBacktests(symbol, walkerName, index + 1);
        const windowResults = await Walker.getData(symbol, walkerName);
        const failures = failedStrategiesSummary(windowResults);
        if (windowResults.strategyResults.length === 0) {
            throw new Error("window " + (index + 1) + ": " + (failures ?? "walker " + walkerName + " ran no strategy"));
        }
        if (failures !== null) {
            console.error(failures);
        }
    }
    stopProgress();
    await Walker.dumpWalkForward(symbol, walkerNames, ${toCodeLiteral(reportName)});
    const results = await Walker.getWalkForward(symbol, walkerNames);
    const htmlReport = await Walker.dumpWalkForwardHtml(symbol, walkerNames);
    console.log(await Walker.getWalkForwardSummary(symbol, walkerNames));
    console.log("Walk-forward completed, best strategy on the out-of-sample total:", results.bestStrategy);
    printOdds(results.overfitting);
    console.log("HTML report:", htmlReport);
    printDumpsPlace();
};

runWalkForward().catch((error) => {
    stopProgress();
    console.error("Walk-forward failed: " + formatError(error));
    process.exitCode = 1;
});`);
  };
}

export default OptimizerTemplateService;
