import { availableParallelism } from "node:os";
import { join } from "node:path";
import { singleshot, sleep } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import OptimizerConnectionService from "./OptimizerConnectionService";
import OptimizerSchemaService from "../schema/OptimizerSchemaService";
import OptimizerValidationService from "../validation/OptimizerValidationService";
import SweepMarkdownService from "../markdown/SweepMarkdownService";
import ClientSweep from "../../../client/sweep/ClientSweep";
import ClientSweepJob from "../../../client/sweep/ClientSweepJob";
import ClientSweepLocal from "../../../client/sweep/ClientSweepLocal";
import ClientSweepQueue from "../../../client/sweep/ClientSweepQueue";
import ClientSweepWorker from "../../../client/sweep/ClientSweepWorker";
import { IOptimizerSchema } from "../../../interfaces/Optimizer.interface";
import { ISweepBackend, ISweepJob, SweepJobLauncher, SweepJobReply } from "../../../interfaces/Sweep.interface";
import { GLOBAL_CONFIG, GlobalConfig } from "../../../config/params";
import { progressSweepEmitter, raiseWarning } from "../../../config/emitters";
import { describeSettingProblem } from "../../../utils/checkSetting";
import { runNodeFile } from "../../../utils/generated/runNodeFile";
import { requestInProcess, serveOneRequest } from "../../../utils/sweep/sweepProcess";
import { hashFile, makeJobDir, readTextOrNull, readTree, removeTree, writeDirWhole } from "../../../utils/sweep/sweepFiles";
import { writeFileAtomic } from "../../../utils/writeFileAtomic";
import { NODE_FILE_SYSTEM } from "../../../utils/nodeFileSystem";
import { errorLine } from "../../../utils/errorChain";
import LlmConnectionService from "./LlmConnectionService";
import { importWithLocation } from "../../../utils/config/importWithLocation";

/** The library's own module: a job process imports it to serve its job. */
const LIBRARY_URL = import.meta.url;

/** BullMQ, loaded on first use (a sweep without a queue never loads it). */
const loadBullMq = singleshot(() => import("bullmq"));

/** Where a job process works, under the working directory (the generated file finds the package from there). */
const WORK_DIR = join(".backtest-kit", "sweep");

/** Bound of listing a config's optimizers in its own process. */
const LIST_TIMEOUT_MS = 120_000;

/** What a job process is asked. */
type SweepProcessMessage = { type: "job"; job: ISweepJob } | { type: "list"; config: string };

/** A list reply. */
type ListReply = { ok: true; names: string[] } | { ok: false; error: string };

/** Throws unless every setting is a known key with a valid value (the job came from a queue). */
const checkSettings = (settings: Record<string, unknown>): Partial<GlobalConfig> => {
  for (const [key, value] of Object.entries(settings)) {
    if (!Object.prototype.hasOwnProperty.call(GLOBAL_CONFIG, key)) {
      throw new Error(`the sweep job's settings name an unknown setting ${key}`);
    }
    const problem = describeSettingProblem(key as keyof GlobalConfig, value);
    if (problem !== null) {
      throw new Error(`the sweep job's setting ${problem}`);
    }
  }
  return settings as Partial<GlobalConfig>;
};

/**
 * Writes, beside a job's directory, the module a generated file's run imports first: it
 * applies the job's settings through the "backtest-kit" that the generated file resolves.
 */
const writeSettingsModule = async (dir: string, settings: Record<string, unknown>) => {
  const path = `${dir}.settings.mjs`;
  const source = `import { setConfig } from "backtest-kit";\nawait setConfig(${JSON.stringify(settings)});\n`;
  await writeFileAtomic(NODE_FILE_SYSTEM, path, source);
  return path;
};

/** Whether a module's default export is an optimizer schema. */
const isOptimizerSchema = (value: unknown): value is IOptimizerSchema =>
  typeof value === "object" && value !== null && typeof (value as IOptimizerSchema).optimizerName === "string";

/**
 * Builds the sweep's clients: ClientSweep with the local pool of job processes or the
 * BullMQ queue as its backend, the queue worker, and, inside a job process,
 * ClientSweepJob with the optimizer services, the real file system and child processes.
 */
export class SweepConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly optimizerConnectionService = inject<OptimizerConnectionService>(TYPES.optimizerConnectionService);
  private readonly optimizerSchemaService = inject<OptimizerSchemaService>(TYPES.optimizerSchemaService);
  private readonly optimizerValidationService = inject<OptimizerValidationService>(TYPES.optimizerValidationService);
  private readonly sweepMarkdownService = inject<SweepMarkdownService>(TYPES.sweepMarkdownService);
  private readonly llmConnectionService = inject<LlmConnectionService>(TYPES.llmConnectionService);

  /** A sweep whose jobs run on `queue` (a redis:// URL) or, without it, in `workers` local processes. */
  public getSweep = (queue: string | undefined, workers: number | undefined) =>
    new ClientSweep({
      logger: this.loggerService,
      listConfig: this.listConfig,
      backend: queue === undefined ? this.localBackend(workers ?? availableParallelism()) : this.queueBackend(queue),
      readText: readTextOrNull,
      hashFile: async (path) => (await hashFile(path)) ?? "",
      writeJobDir: writeDirWhole,
      writeFile: async (path, content) => {
        await NODE_FILE_SYSTEM.mkdir(join(path, ".."), { recursive: true });
        await writeFileAtomic(NODE_FILE_SYSTEM, path, content);
      },
      onProgress: (progress) => progressSweepEmitter.next(progress),
      formatTable: this.sweepMarkdownService.formatTable,
      settings: () => ({ ...GLOBAL_CONFIG }),
      jobTimeoutMs: () => GLOBAL_CONFIG.CC_SWEEP_JOB_TIMEOUT_MS,
    });

  /** A worker of the queue at `url`. */
  public getWorker = (log: (line: string) => void) =>
    new ClientSweepWorker({ logger: this.loggerService, loadBullMq, launch: this.launchJob, log });

  /** Serves the one request of a job process (see Sweep.serveJob). */
  public serveJob = () => serveOneRequest((message, signal) => this.answer(message as SweepProcessMessage, signal));

  private localBackend = (workers: number): ISweepBackend =>
    new ClientSweepLocal({
      logger: this.loggerService,
      warn: raiseWarning,
      launch: this.launchJob,
      workers,
      attempts: () => GLOBAL_CONFIG.CC_SWEEP_ATTEMPTS,
    });

  private queueBackend = (url: string): ISweepBackend =>
    new ClientSweepQueue({
      logger: this.loggerService,
      warn: raiseWarning,
      url,
      loadBullMq,
      sleep,
      now: Date.now,
      attempts: () => GLOBAL_CONFIG.CC_SWEEP_ATTEMPTS,
      unavailableMs: () => GLOBAL_CONFIG.CC_SWEEP_QUEUE_TIMEOUT_MS,
      pollMs: () => GLOBAL_CONFIG.CC_SWEEP_POLL_MS,
    });

  /** One attempt of a job in a fresh process; a process that dies without replying is a failure worth another attempt. */
  private launchJob: SweepJobLauncher = async (job, signal) => {
    try {
      return await requestInProcess<SweepJobReply>({
        moduleUrl: LIBRARY_URL,
        cwd: process.cwd(),
        env: process.env,
        message: { type: "job", job },
        timeoutMs: job.timeoutMs,
        signal,
      });
    } catch (error) {
      return { ok: false, failure: { error: errorLine(error), retryable: true } };
    }
  };

  /** The optimizer names a config registers, imported in a process of its own. */
  private listConfig = async (config: string, signal: AbortSignal): Promise<string[]> => {
    const reply = await requestInProcess<ListReply>({
      moduleUrl: LIBRARY_URL,
      cwd: process.cwd(),
      env: process.env,
      message: { type: "list", config },
      timeoutMs: LIST_TIMEOUT_MS,
      signal,
    });
    if (!reply.ok) {
      throw new Error(reply.error);
    }
    return reply.names;
  };

  private answer = async (message: SweepProcessMessage, signal: AbortSignal): Promise<SweepJobReply | ListReply> => {
    const client = this.jobClient();
    if (message.type === "list") {
      return await client.list(message.config).then(
        (names): ListReply => ({ ok: true, names }),
        (error): ListReply => ({ ok: false, error: `config ${message.config} failed to load: ${errorLine(error)}` })
      );
    }
    return await client.run(message.job, signal);
  };

  private jobClient = () =>
    new ClientSweepJob({
      logger: this.loggerService,
      cwd: process.cwd(),
      hashFile,
      importConfig: this.importConfig,
      listOptimizers: async () => this.optimizerValidationService.list().map((schema) => schema.optimizerName),
      applySettings: (settings) => Object.assign(GLOBAL_CONFIG, checkSettings(settings)),
      dump: (symbol, optimizerName, dir) => this.optimizerConnectionService.dump(symbol, optimizerName, dir),
      runFile: runNodeFile,
      writeSettingsModule,
      runEnv: this.optimizerConnectionService.generatedRunEnv,
      makeWorkDir: (jobId) => makeJobDir(join(process.cwd(), WORK_DIR), jobId),
      removeDir: removeTree,
      collectFiles: readTree,
      readLlmUsage: () => this.llmConnectionService.readUsage(),
      priceLlmUsage: (reading) => this.llmConnectionService.priceUsage(reading),
    });

  /** Imports a config; a default-exported schema not yet registered is registered. */
  private importConfig = async (file: string) => {
    const module = await importWithLocation(file);
    const schema = module.default;
    if (isOptimizerSchema(schema) && !this.optimizerValidationService.list().some((item) => item.optimizerName === schema.optimizerName)) {
      this.optimizerSchemaService.validateShallow(schema);
      this.optimizerValidationService.add(schema.optimizerName, schema);
      this.optimizerSchemaService.register(schema.optimizerName, schema);
    }
  };
}

export default SweepConnectionService;
