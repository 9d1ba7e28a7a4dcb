import { RaiseWarning } from "../contract/Warning.contract";

/** Unique name of a sizing schema. */
export type SizingName = string;

/** What every sizing method is given. */
export interface ISizingCalculateParamsBase {
  symbol: string;
  /** The account's balance, in quote currency. */
  accountBalance: number;
  /** The entry price. */
  priceOpen: number;
}

/** `PositionSize.fixedPercentage`'s inputs: risk a share of the balance over the distance to the stop. */
export interface IPositionSizeFixedPercentageParams extends ISizingCalculateParamsBase {
  priceStopLoss: number;
}

/** `PositionSize.kellyCriterion`'s inputs. */
export interface IPositionSizeKellyParams extends ISizingCalculateParamsBase {
  /** Share of winning trades, strictly between 0 and 1. */
  winRate: number;
  /** Average win over average loss, above 0. */
  winLossRatio: number;
}

/** `PositionSize.atrBased`'s inputs. */
export interface IPositionSizeATRParams extends ISizingCalculateParamsBase {
  /** The average true range, above 0. */
  atr: number;
}

/** Fixed-percentage inputs, tagged with their method. */
export interface ISizingCalculateParamsFixedPercentage extends IPositionSizeFixedPercentageParams {
  method: "fixed-percentage";
}

/** Kelly criterion inputs, tagged with their method. */
export interface ISizingCalculateParamsKelly extends IPositionSizeKellyParams {
  method: "kelly-criterion";
}

/** ATR-based inputs, tagged with their method. */
export interface ISizingCalculateParamsATR extends IPositionSizeATRParams {
  method: "atr-based";
}

/** The inputs of any sizing method. */
export type ISizingCalculateParams =
  | ISizingCalculateParamsFixedPercentage
  | ISizingCalculateParamsKelly
  | ISizingCalculateParamsATR;

/** Hooks of a sizing schema. */
export interface ISizingCallbacks {
  /** Told of each computed quantity, after the limits. */
  onCalculate: (quantity: number, params: ISizingCalculateParams) => void | Promise<void>;
}

/** Fields every sizing schema has: its name and the limits applied after its method. */
export interface ISizingSchemaBase {
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
export interface ISizingSchemaFixedPercentage extends ISizingSchemaBase {
  method: "fixed-percentage";
  riskPercentage: number;
}

/** The Kelly fraction of the balance, times `kellyMultiplier` (default 0.25). */
export interface ISizingSchemaKelly extends ISizingSchemaBase {
  method: "kelly-criterion";
  kellyMultiplier?: number;
}

/** Risk `riskPercentage` of the balance over `atrMultiplier` (default 2) ATRs. */
export interface ISizingSchemaATR extends ISizingSchemaBase {
  method: "atr-based";
  riskPercentage: number;
  atrMultiplier?: number;
}

/** What `addSizing` registers. */
export type ISizingSchema = ISizingSchemaFixedPercentage | ISizingSchemaKelly | ISizingSchemaATR;

/** Everything a ClientSizing is built from. */
export type ISizingParams = ISizingSchema & {
  /** Bound of the onCalculate callback (CC_LISTENER_TIMEOUT_MS). */
  callbackTimeoutMs: number;
  /** Says what the client worked around (a stuck callback) through listenWarning. */
  warn: RaiseWarning;
};

/** A sizing schema's calculator. */
export interface ISizing {
  /** The quantity to buy or sell for `params`, within the schema's limits. */
  calculate: (params: ISizingCalculateParams) => Promise<number>;
}
