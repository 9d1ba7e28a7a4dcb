import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import WalkerValidationService from "../validation/WalkerValidationService";
import FrameValidationService from "../validation/FrameValidationService";
import FrameSchemaService from "../schema/FrameSchemaService";
import ExchangeSchemaService from "../schema/ExchangeSchemaService";
import LiveLogicPublicService from "../logic/LiveLogicPublicService";
import BacktestLogicPublicService from "../logic/BacktestLogicPublicService";
import LiveMarkdownService from "../markdown/LiveMarkdownService";
import PersistConnectionService from "../connection/PersistConnectionService";
import HtmlReportService from "../report/HtmlReportService";
import { PersistBase } from "../../../client/live/PersistBase";
import { RealClock, ReplayClock } from "../../../client/live/LiveClock";
import { registrationOnly } from "../../../config/registration";
import { GLOBAL_CONFIG } from "../../../config/params";
import { IPaperOptions, IPaperParity, IPaperResult, IPaperTrade } from "../../../interfaces/Paper.interface";
import { ILiveClock, ILiveState, ILiveTickResult } from "../../../interfaces/Live.interface";
import { IStrategyTickResultClosed } from "../../../interfaces/Strategy.interface";
import { IWalkerSchema } from "../../../interfaces/Walker.interface";
import { MINUTE_MS } from "../../../utils/candles/intervals";
import { toError } from "../../../utils/toError";
import { toSafeFileName } from "../../../utils/toSafeFileName";
import { writeFileDurable } from "../../../utils/writeFileDurable";
import { describeValue } from "../../../utils/describeValue";
import { formatPercent } from "../../../utils/report/markdown";

const iso = (time: number) => new Date(time).toISOString();

/** A rehearsal's bounds and speed, checked; null for paper trading on the wall clock. */
interface IRehearsal {
  from: number;
  until: number;
  speed: number;
}

/** What a generated file registered and started when imported for its registrations only. */
interface IGeneratedFile {
  walkers: IWalkerSchema[];
  symbol: string;
}

/** Parses an ISO time of a flag; an error names the flag and the value. */
const parseTime = (flag: string, value: string) => {
  const time = Date.parse(value);
  if (typeof value !== "string" || !Number.isFinite(time)) {
    throw new Error(`paper: ${flag} must be an ISO time like 2023-03-20T00:00:00Z, got ${describeValue(value)}`);
  }
  return time;
};

/** The rehearsal of the options, checked (from and until together, until not before from, speed above 0). */
const readRehearsal = (options: IPaperOptions): IRehearsal | null => {
  if (options.from === undefined && options.until === undefined) {
    if (options.speed !== undefined) {
      throw new Error("paper: --speed is for a rehearsal: give --from and --until too");
    }
    return null;
  }
  if (options.from === undefined || options.until === undefined) {
    throw new Error(`paper: a rehearsal needs both --from and --until, got only ${options.from === undefined ? "--until" : "--from"}`);
  }
  const from = Math.floor(parseTime("--from", options.from) / MINUTE_MS) * MINUTE_MS;
  const until = Math.floor(parseTime("--until", options.until) / MINUTE_MS) * MINUTE_MS;
  if (until < from) {
    throw new Error(`paper: --until ${options.until} is before --from ${options.from}`);
  }
  const speed = options.speed ?? Infinity;
  if (typeof speed !== "number" || !(speed > 0)) {
    throw new Error(`paper: --speed must be a number above 0, got ${describeValue(options.speed)}`);
  }
  return { from, until, speed };
};

/** A closed trade as trades.json lists it. */
const toPaperTrade = (trade: IStrategyTickResultClosed): IPaperTrade => ({
  strategyName: trade.strategyName,
  position: trade.signal.position,
  openTime: iso(trade.signal.pendingAt),
  closeTime: iso(trade.closeTimestamp),
  priceOpen: trade.signal.priceOpen,
  priceClose: trade.pnl.priceClose,
  pnlPercentage: trade.pnl.pnlPercentage,
  closeReason: trade.closeReason,
});

/** The fields two trades are compared on, as one line. */
const describeTrade = (trade: IPaperTrade) =>
  `${trade.position} ${trade.openTime} -> ${trade.closeTime} at ${trade.priceOpen} -> ${trade.priceClose}, ${trade.closeReason}, ${formatPercent(trade.pnlPercentage)}`;

/** The paper trades against the backtest's, trade by trade (strategy names aside: the same strategy). */
const compareTrades = (paper: IPaperTrade[], backtest: IPaperTrade[]): IPaperParity => {
  const total = Math.max(paper.length, backtest.length);
  const differences: string[] = [];
  for (let index = 0; index < total; index++) {
    const ours = paper[index];
    const theirs = backtest[index];
    if (ours === undefined) {
      differences.push(`trade ${index + 1}: only in the backtest: ${describeTrade(theirs)}`);
    } else if (theirs === undefined) {
      differences.push(`trade ${index + 1}: only in paper: ${describeTrade(ours)}`);
    } else if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
      differences.push(`trade ${index + 1}: paper ${describeTrade(ours)}; backtest ${describeTrade(theirs)}`);
    }
  }
  const identical = total - differences.length;
  const text = [`parity: ${identical} of ${total} trades identical`, ...differences.map((line) => `  ${line}`)].join("\n");
  return { identical, total, differences, text };
};

/** The status line of a tick: position, open PnL, closed trades, next tick. */
const statusLine = (result: ILiveTickResult, state: { trades: number; totalPnl: number }) => {
  const when = "when" in result ? result.when : null;
  const position =
    result.signal === null || result.action === "closed" || result.action === "cancelled"
      ? "flat"
      : `${result.signal.position} from ${result.signal.priceOpen.toFixed(2)} (open PnL ${formatPercent(
          ((result.currentPrice - result.signal.priceOpen) / result.signal.priceOpen) * 100 * (result.signal.position === "long" ? 1 : -1)
        )})`;
  const next = when === null ? "" : `, next tick ${iso(when + MINUTE_MS)}`;
  return `paper ${result.strategyName} on ${result.symbol}: ${result.action}, ${position}, ${state.trades} closed (${formatPercent(state.totalPnl)})${next}`;
};

/**
 * Paper trading of a generated file's pick (`backtest-kit paper`): imports the file for
 * its registrations only (its walker is not run), runs the pick through the live loop on
 * the wall clock or, for a rehearsal, on a replay clock over a past period, with its
 * state under `out`/state/ (a killed run resumes), and writes the markdown report,
 * report.html and trades.json under `out`. A rehearsal ends with the parity check: the
 * same period backtested by the engine, trade by trade.
 */
export class PaperGlobalService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly walkerValidationService = inject<WalkerValidationService>(TYPES.walkerValidationService);
  private readonly frameValidationService = inject<FrameValidationService>(TYPES.frameValidationService);
  private readonly frameSchemaService = inject<FrameSchemaService>(TYPES.frameSchemaService);
  private readonly exchangeSchemaService = inject<ExchangeSchemaService>(TYPES.exchangeSchemaService);
  private readonly liveLogicPublicService = inject<LiveLogicPublicService>(TYPES.liveLogicPublicService);
  private readonly backtestLogicPublicService = inject<BacktestLogicPublicService>(TYPES.backtestLogicPublicService);
  private readonly liveMarkdownService = inject<LiveMarkdownService>(TYPES.liveMarkdownService);
  private readonly persistConnectionService = inject<PersistConnectionService>(TYPES.persistConnectionService);
  private readonly htmlReportService = inject<HtmlReportService>(TYPES.htmlReportService);
  /** Files already imported in this process (a module is evaluated once), by path. */
  private readonly loaded = new Map<string, IGeneratedFile>();

  /** Trades the file's pick on paper; see IPaperOptions. */
  public run = async (file: string, options: IPaperOptions = {}): Promise<IPaperResult> => {
    this.loggerService.info("paperGlobalService run", { file, options });
    const rehearsal = readRehearsal(options);
    const loadStart = performance.now();
    const generated = await this.importRegistrations(file);
    const loadMs = performance.now() - loadStart;
    const strategyName = await this.pickStrategy(file, generated.walkers, options.strategy);
    const symbol = options.symbol ?? generated.symbol;
    const exchangeName = generated.walkers[generated.walkers.length - 1].exchangeName;
    const out = resolve(options.out ?? "./dump/live");
    const mode = rehearsal === null ? "live" : toSafeFileName(`rehearsal-${iso(rehearsal.from)}-${iso(rehearsal.until)}`, "");
    this.useStateDir(join(out, "state", mode), rehearsal === null);
    if (rehearsal !== null) {
      await this.assertHasCandles(exchangeName, symbol, rehearsal);
    }
    const saved = await this.persistConnectionService.signal.readLiveState(symbol, strategyName);
    const clock: ILiveClock =
      rehearsal === null ? new RealClock() : new ReplayClock(Math.max(rehearsal.from, saved?.nextTick ?? rehearsal.from), rehearsal.speed);
    const tradesFile = join(out, "trades.json");
    const tradeStart = performance.now();
    const firstTickAt = await this.trade(symbol, strategyName, exchangeName, clock, rehearsal, tradesFile, options);
    const tradeMs = performance.now() - tradeStart;
    const state = (await this.persistConnectionService.signal.readLiveState(symbol, strategyName)) as ILiveState;
    const trades = state.trades.filter((trade) => !trade.dataEnded).map(toPaperTrade);
    await writeFileDurable(tradesFile, JSON.stringify(trades, null, 2));
    const parityStart = performance.now();
    const parity = rehearsal === null ? null : await this.checkParity(symbol, strategyName, exchangeName, rehearsal, trades);
    const parityMs = rehearsal === null ? null : performance.now() - parityStart;
    const open = state.open === null ? null : {
      position: state.open.signal.position,
      priceOpen: state.open.signal.priceOpen,
      openTime: iso(state.open.signal.pendingAt),
    };
    const title = `Paper Trading Report: ${strategyName}`;
    const report = await this.liveMarkdownService.dump(symbol, strategyName, out, title);
    const end = state.nextTick - MINUTE_MS;
    const start = Math.min(rehearsal?.from ?? state.trades[0]?.signal.scheduledAt ?? end, end);
    const html = await this.htmlReportService.dumpPaper(symbol, strategyName, exchangeName, { start, end }, open, out);
    const timings = { loadMs, firstTickMs: firstTickAt === null ? null : firstTickAt - tradeStart, tradeMs, parityMs };
    return { strategyName, symbol, trades, open, parity, files: { report, html, trades: tradesFile }, timings };
  };

  /**
   * Imports the file with its launcher held back (no walker runs, no listener is added)
   * and returns the walkers it registered and the symbol it would have run on (once per
   * file and process: a module is evaluated once).
   */
  private importRegistrations = async (file: string): Promise<IGeneratedFile> => {
    const path = resolve(file);
    const known = this.loaded.get(path);
    if (known !== undefined) {
      return known;
    }
    const isFile = await stat(path).then((info) => info.isFile(), () => false);
    if (!isFile) {
      throw new Error(`paper: ${file} is not a file`);
    }
    const before = new Set(this.walkerValidationService.list().map((walker) => walker.walkerName));
    registrationOnly.active = true;
    registrationOnly.launches = [];
    const exitHooks = new Set(process.listeners("exit"));
    try {
      await import(pathToFileURL(path).href);
    } catch (error) {
      throw toError(`paper: ${file} did not load`, error);
    } finally {
      registrationOnly.active = false;
      // the launcher's exit hooks (its summaries, "did not complete") belong to a run that never started
      process.listeners("exit").filter((hook) => !exitHooks.has(hook)).forEach((hook) => process.removeListener("exit", hook));
    }
    const walkers = this.walkerValidationService.list().filter((walker) => !before.has(walker.walkerName));
    const launch = registrationOnly.launches[0];
    if (walkers.length === 0 || launch === undefined) {
      throw new Error(
        `paper: ${file} is not a generated file: importing it registered no walker and started none (write one with backtest-kit optimize; it must import this copy of backtest-kit)`
      );
    }
    const generated = { walkers, symbol: launch.symbol };
    this.loaded.set(path, generated);
    return generated;
  };

  /** The named strategy of the file, or the best of its last walker run ("best", the default). */
  private pickStrategy = async (file: string, walkers: IWalkerSchema[], strategy: string | undefined) => {
    const strategies = [...new Set(walkers.flatMap((walker) => walker.strategies))];
    if (strategy !== undefined && strategy !== "best") {
      if (!strategies.includes(strategy)) {
        throw new Error(`paper: ${file} has no strategy ${JSON.stringify(strategy)}; its strategies: ${strategies.join(", ")}`);
      }
      return strategy;
    }
    const walkerName = walkers[walkers.length - 1].walkerName;
    const reportPath = resolve("./dump/walker", toSafeFileName(walkerName, ".md"));
    const report = await readFile(reportPath, "utf-8").catch(() => null);
    const best = report?.match(/^## Best Strategy: (.+)$/m)?.[1]?.trim();
    if (best === undefined || !strategies.includes(best)) {
      throw new Error(
        `paper: --strategy best needs the file's last walker run, and ${reportPath} ${report === null ? "does not exist" : "names no best strategy"}: run the file first (node ${file}) or name one with --strategy (its strategies: ${strategies.join(", ")})`
      );
    }
    return best;
  };

  /**
   * Keeps the run's state (signal and schedule stores) under `dir`; a rehearsal's writes
   * are atomic but not flushed to disk (a kill cannot tear them; the period can be
   * rehearsed again after a power loss), a wall-clock run's are flushed.
   */
  private useStateDir = (dir: string, sync: boolean) => {
    class PaperStore extends PersistBase<never> {
      constructor(entityName: string, baseDir: string) {
        super(entityName, join(dir, toSafeFileName(baseDir.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? "data", "")), { sync });
      }
    }
    this.persistConnectionService.signal.usePersistSignalAdapter(PaperStore);
    this.persistConnectionService.schedule.usePersistScheduleAdapter(PaperStore);
  };

  /** Throws when the exchange has no 1m candle of the symbol in the rehearsal's period. */
  private assertHasCandles = async (exchangeName: string, symbol: string, { from, until }: IRehearsal) => {
    const { getCandles } = this.exchangeSchemaService.get(exchangeName);
    const candles = await getCandles(symbol, "1m", new Date(from), 1);
    const first = Array.isArray(candles) ? candles[0] : undefined;
    if (first === undefined || !(first.timestamp <= until)) {
      throw new Error(`paper: exchange ${exchangeName} has no 1m candle of ${symbol} from ${iso(from)} to ${iso(until)}`);
    }
  };

  /**
   * Runs the live loop to the rehearsal's end (or until stopped), saying each tick and
   * keeping trades.json current; resolves to when (performance.now) its first tick was done.
   */
  private trade = async (
    symbol: string,
    strategyName: string,
    exchangeName: string,
    clock: ILiveClock,
    rehearsal: IRehearsal | null,
    tradesFile: string,
    options: IPaperOptions
  ) => {
    const waitMs = GLOBAL_CONFIG.CC_LIVE_CANDLE_WAIT_MS;
    if (rehearsal !== null) {
      // A candle missing from the past does not come later: a rehearsal goes on at once.
      GLOBAL_CONFIG.CC_LIVE_CANDLE_WAIT_MS = 0;
    }
    const signal = options.signal ?? new AbortController().signal;
    const context = { strategyName, exchangeName, frameName: "" };
    const until = rehearsal?.until ?? Infinity;
    const counts = { trades: 0, totalPnl: 0 };
    let firstTickAt: number | null = null;
    try {
      for await (const result of this.liveLogicPublicService.run(symbol, context, { clock, until, signal, readAhead: rehearsal !== null })) {
        firstTickAt ??= performance.now();
        if (result.action === "closed") {
          counts.trades += 1;
          counts.totalPnl += result.pnl.pnlPercentage;
          const state = await this.persistConnectionService.signal.readLiveState(symbol, strategyName);
          await writeFileDurable(tradesFile, JSON.stringify((state?.trades ?? []).map(toPaperTrade), null, 2), rehearsal === null);
        }
        options.onStatus?.(statusLine(result, counts));
      }
    } finally {
      GLOBAL_CONFIG.CC_LIVE_CANDLE_WAIT_MS = waitMs;
    }
    return firstTickAt;
  };

  /** The period backtested by the engine (a 1m frame over it), its trades closed by its end against the paper trades. */
  private checkParity = async (
    symbol: string,
    strategyName: string,
    exchangeName: string,
    { from, until }: IRehearsal,
    paper: IPaperTrade[]
  ) => {
    const frameName = `paper-parity-${randomUUID().slice(0, 8)}`;
    const frame = { frameName, interval: "1m" as const, startDate: new Date(from), endDate: new Date(until) };
    this.frameSchemaService.validateShallow(frame);
    this.frameValidationService.add(frameName, frame);
    this.frameSchemaService.register(frameName, frame);
    const backtest: IPaperTrade[] = [];
    const simulations = GLOBAL_CONFIG.CC_LUCK_SIMULATIONS;
    // The parity check needs the trades only, not the luck test of them.
    GLOBAL_CONFIG.CC_LUCK_SIMULATIONS = 0;
    try {
      for await (const trade of this.backtestLogicPublicService.run(symbol, { strategyName, exchangeName, frameName })) {
        if (!trade.dataEnded && trade.closeTimestamp <= until) {
          backtest.push(toPaperTrade(trade));
        }
      }
    } finally {
      GLOBAL_CONFIG.CC_LUCK_SIMULATIONS = simulations;
    }
    return compareTrades(paper, backtest);
  };
}

export default PaperGlobalService;
