import { ExchangeName } from "./Exchange.interface";
import { RaiseWarning } from "../contract/Warning.contract";
import { ISignalRow, RiskName, StrategyName } from "./Strategy.interface";

export type { RiskName };

/** What a risk profile is asked about a signal: where and when it would open. */
export interface IRiskCheckArgs {
  symbol: string;
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  /** The price the signal would open at. */
  currentPrice: number;
  /** When it would open (UTC ms). */
  timestamp: number;
}

/** A position the portfolio of a risk profile holds open. */
export interface IRiskActivePosition {
  /** The open signal (null when the position was added without one, as `lib.riskGlobalService.addSignal` does). */
  signal: ISignalRow | null;
  strategyName: StrategyName;
  exchangeName: ExchangeName;
  /** When the position opened (UTC ms). */
  openTimestamp: number;
}

/** What each validation of a risk profile receives: the check's args and the portfolio's open positions. */
export interface IRiskValidationPayload extends IRiskCheckArgs {
  activePositionCount: number;
  activePositions: IRiskActivePosition[];
}

/** A validation: throws (or rejects) to refuse the signal; the error's message is the reason. */
export type IRiskValidationFn = (payload: IRiskValidationPayload) => void | Promise<void>;

/** A validation with a note saying what it checks. */
export interface IRiskValidation {
  validate: IRiskValidationFn;
  note?: string;
}

/** Hooks of a risk profile: told of each refused and each allowed signal. */
export interface IRiskCallbacks {
  onRejected: (symbol: string, params: IRiskCheckArgs) => void | Promise<void>;
  onAllowed: (symbol: string, params: IRiskCheckArgs) => void | Promise<void>;
}

/** What `addRisk` registers: validations run in order before a signal opens; the first that throws refuses it. */
export interface IRiskSchema {
  riskName: RiskName;
  note?: string;
  validations?: (IRiskValidation | IRiskValidationFn)[];
  callbacks?: Partial<IRiskCallbacks>;
}

/** The open positions of one risk profile, as `[strategyName:symbol, position]` pairs (what the state hooks load and save). */
export type RiskPositionEntries = [string, IRiskActivePosition][];

/** A risk profile's refusal of a signal, as the refusal event and the report carry it. */
export interface IRiskRefusal extends IRiskCheckArgs {
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

/** Everything a ClientRisk is built from. */
export interface IRiskParams extends IRiskSchema {
  /** Reads the saved positions once, before the first use (in memory: none). */
  loadState: () => Promise<RiskPositionEntries>;
  /** Saves the positions after each change (in memory: nothing). */
  saveState: (positions: RiskPositionEntries) => Promise<void>;
  /** Told of each refusal: the check (with the run's context when a run asked), the validation's error, the open positions then. */
  onRefused: (check: IRiskCheck, error: unknown, activePositionCount: number) => Promise<void>;
  /** Says what the client worked around (a stuck callback) through listenWarning. */
  warn: RaiseWarning;
  /** Bound of each validation and callback (CC_LISTENER_TIMEOUT_MS). */
  callbackTimeoutMs: number;
}

/** A check as a run asks it: the args, and where in the run it is asked (for the refusal's event and report line). */
export interface IRiskCheck extends IRiskCheckArgs {
  frameName?: string;
  signalId?: string;
  stage?: IRiskRefusal["stage"];
}

/** A risk profile's portfolio: checks signals and tracks the positions they open. */
export interface IRisk {
  /** Runs the validations; true when the signal may open, false when one refused it. */
  checkSignal: (params: IRiskCheck) => Promise<boolean>;
  /** Records an open position of `context.strategyName` on `symbol`. */
  addSignal: (symbol: string, context: { strategyName: StrategyName; riskName: RiskName }, position?: Partial<IRiskActivePosition>) => Promise<void>;
  /** Forgets the open position of `context.strategyName` on `symbol`. */
  removeSignal: (symbol: string, context: { strategyName: StrategyName; riskName: RiskName }) => Promise<void>;
}
