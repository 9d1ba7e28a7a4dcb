import { memoize } from "functools-kit";
import { inject } from "../../core/di";
import TYPES from "../../core/types";
import LoggerService from "../base/LoggerService";
import PersistConnectionService from "./PersistConnectionService";
import RiskSchemaService from "../schema/RiskSchemaService";
import ClientRisk from "../../../client/risk/ClientRisk";
import { IRisk, IRiskCheck, IRiskRefusal, RiskName, RiskPositionEntries } from "../../../interfaces/Risk.interface";
import { GLOBAL_CONFIG } from "../../../config/params";
import { riskRefusalEmitter, validationSubject } from "../../../config/emitters";
import { deliverEvent, deliverWarning } from "../context/EventContextService";
import { toError } from "../../../utils/toError";
import { errorLine } from "../../../utils/errorChain";

/** Where a risk profile's open positions are kept between runs (Live plugs a persistence adapter in). */
export interface IRiskPersistence {
  readPositionData: (riskName: RiskName) => Promise<RiskPositionEntries>;
  writePositionData: (positions: RiskPositionEntries, riskName: RiskName) => Promise<void>;
}

/** Positions in memory only: nothing to read, nothing to write (backtests). */
const IN_MEMORY: IRiskPersistence = {
  readPositionData: async () => [],
  writePositionData: async () => undefined,
};

/** The refusal event's error: which profile refused which signal where, ending with the validation's reason. */
const refusalError = (refusal: IRiskRefusal, cause: unknown) =>
  toError(
    `risk ${refusal.riskName} refused the signal${refusal.signalId === null ? "" : ` ${refusal.signalId}`} of strategy ${refusal.strategyName} on ${refusal.symbol} at ${new Date(refusal.timestamp).toISOString()} (${refusal.stage}, price ${refusal.currentPrice}, ${refusal.activePositionCount} open position(s))`,
    cause
  );

/**
 * Builds the ClientRisk of a risk profile, one per profile and portfolio: the positions
 * of every strategy and symbol that runs under the profile, except that each strategy of
 * a walker gets its own portfolio (as the walker's sequential runs would see it, so its
 * concurrent runs give the same results). A refusal goes to listenValidation and to the
 * backtest report, through the run's event sink.
 */
export class RiskConnectionService {
  private readonly loggerService = inject<LoggerService>(TYPES.loggerService);
  private readonly riskSchemaService = inject<RiskSchemaService>(TYPES.riskSchemaService);
  private readonly persistConnectionService = inject<PersistConnectionService>(TYPES.persistConnectionService);
  private persistence: IRiskPersistence | null = null;

  /**
   * Where the positions of risks asked for with `persist` (a live run's) are read and
   * written: null (the default) is PersistRiskAdapter. Risks already built keep theirs.
   */
  public usePersistence = (persistence: IRiskPersistence | null) => {
    this.persistence = persistence;
  };

  /** The ClientRisk of `riskName` in `portfolio` ("" is the profile's shared one). */
  public getRisk = memoize(
    ([riskName, portfolio = "", persist = false]) => `${riskName}\u0000${portfolio}\u0000${persist}`,
    (riskName: RiskName, portfolio = "", persist = false): IRisk => {
      this.loggerService.log("riskConnectionService getRisk", { riskName, portfolio, persist });
      const store = persist ? (this.persistence ?? this.persistConnectionService.risk) : IN_MEMORY;
      return new ClientRisk({
        ...this.riskSchemaService.get(riskName),
        loadState: () => store.readPositionData(riskName),
        saveState: (positions) => store.writePositionData(positions, riskName),
        onRefused: (check, cause, count) => this.reportRefusal(riskName, check, cause, count),
        callbackTimeoutMs: GLOBAL_CONFIG.CC_LISTENER_TIMEOUT_MS,
        warn: deliverWarning,
      });
    }
  );

  /** Forgets the portfolios of `riskName` (of every profile without one): they start empty next time. */
  public clear = (riskName?: RiskName) => {
    if (riskName === undefined) {
      this.getRisk.clear();
      return;
    }
    for (const key of this.getRisk.keys()) {
      if (String(key).startsWith(`${riskName}\u0000`)) {
        this.getRisk.clear(key);
      }
    }
  };

  private reportRefusal = async (riskName: RiskName, check: IRiskCheck, cause: unknown, activePositionCount: number) => {
    const refusal: IRiskRefusal = {
      symbol: check.symbol,
      strategyName: check.strategyName,
      exchangeName: check.exchangeName,
      currentPrice: check.currentPrice,
      timestamp: check.timestamp,
      riskName,
      frameName: check.frameName ?? "",
      signalId: check.signalId ?? null,
      stage: check.stage ?? "entry",
      reason: errorLine(cause),
      activePositionCount,
    };
    const error = refusalError(refusal, cause);
    this.loggerService.info("riskConnectionService refused", { riskName, reason: refusal.reason });
    await deliverEvent(async () => {
      await riskRefusalEmitter.next(refusal);
      await validationSubject.next(error);
    });
  };
}

export default RiskConnectionService;
