import {
  IRisk,
  IRiskActivePosition,
  IRiskCheck,
  IRiskCheckArgs,
  IRiskParams,
  IRiskValidationFn,
  IRiskValidationPayload,
  RiskName,
} from "../../interfaces/Risk.interface";
import { StrategyName } from "../../interfaces/Strategy.interface";
import { awaitCallback, settleWithin } from "../../utils/settleWithin";

/** The key of a strategy's position on a symbol, as 1.4 keys it. */
const positionKey = (strategyName: StrategyName, symbol: string) => `${strategyName}:${symbol}`;

/** The args a validation sees: the check's own five fields, not the run's context. */
const checkArgsOf = ({ symbol, strategyName, exchangeName, currentPrice, timestamp }: IRiskCheck): IRiskCheckArgs => ({
  symbol,
  strategyName,
  exchangeName,
  currentPrice,
  timestamp,
});

/**
 * One risk profile's portfolio: the positions open under it across strategies and
 * symbols (keyed strategyName:symbol), and its validations, run in order before a signal
 * opens; the first that throws (or does not settle within the callback bound) refuses
 * the signal, and the refusal goes to `onRefused`. The positions are loaded once through
 * `loadState` and saved through `saveState` after each change (in memory by default).
 */
export class ClientRisk implements IRisk {
  private positions: Map<string, IRiskActivePosition> | null = null;
  private loading: Promise<Map<string, IRiskActivePosition>> | null = null;

  constructor(readonly params: IRiskParams) {}

  /** Runs the validations on the portfolio as it is now; false when one refused the signal. */
  public checkSignal = async (check: IRiskCheck): Promise<boolean> => {
    const positions = await this.load();
    const args = checkArgsOf(check);
    const payload: IRiskValidationPayload = {
      ...args,
      activePositionCount: positions.size,
      activePositions: Array.from(positions.values()),
    };
    for (const validation of this.params.validations ?? []) {
      const validate: IRiskValidationFn = typeof validation === "function" ? validation : validation.validate;
      const refusal = await this.runValidation(validate, payload);
      if (refusal !== null) {
        await this.params.onRefused(check, refusal, positions.size);
        await this.callback("onRejected", args);
        return false;
      }
    }
    await this.callback("onAllowed", args);
    return true;
  };

  /** Records the open position of `context.strategyName` on `symbol` (one per pair; a new one replaces it). */
  public addSignal = async (
    symbol: string,
    context: { strategyName: StrategyName; riskName: RiskName },
    position: Partial<IRiskActivePosition> = {}
  ) => {
    const positions = await this.load();
    positions.set(positionKey(context.strategyName, symbol), {
      signal: position.signal ?? null,
      strategyName: context.strategyName,
      exchangeName: position.exchangeName ?? "",
      openTimestamp: position.openTimestamp ?? Date.now(),
    });
    await this.params.saveState(Array.from(positions));
  };

  /** Forgets the open position of `context.strategyName` on `symbol`. */
  public removeSignal = async (symbol: string, context: { strategyName: StrategyName; riskName: RiskName }) => {
    const positions = await this.load();
    if (positions.delete(positionKey(context.strategyName, symbol))) {
      await this.params.saveState(Array.from(positions));
    }
  };

  private load = async () => {
    if (this.positions !== null) {
      return this.positions;
    }
    this.loading ??= this.params.loadState().then((entries) => new Map(entries));
    this.positions = await this.loading;
    return this.positions;
  };

  /** The validation's error, or null when it passed; a validation past the bound refuses. */
  private runValidation = async (validate: IRiskValidationFn, payload: IRiskValidationPayload): Promise<unknown> => {
    const ms = this.params.callbackTimeoutMs;
    try {
      const settled = await settleWithin(validate(payload), ms);
      return settled ? null : new Error(`a validation did not settle within ${ms} ms`);
    } catch (error) {
      return error ?? new Error("a validation threw nothing");
    }
  };

  private callback = (name: "onRejected" | "onAllowed", args: IRiskCheckArgs) => {
    const { callbacks, riskName, callbackTimeoutMs, warn } = this.params;
    const callback = callbacks?.[name];
    return callback === undefined
      ? undefined
      : awaitCallback(callback(args.symbol, args), callbackTimeoutMs, `risk ${riskName} callbacks.${name}`, warn);
  };
}

export default ClientRisk;
