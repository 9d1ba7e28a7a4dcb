import {
  ISizingCalculateParamsATR,
  ISizingCalculateParamsFixedPercentage,
  ISizingCalculateParamsKelly,
  ISizingSchema,
} from "../../interfaces/Sizing.interface";

/** Quantity that loses `riskPercentage` of the balance if the stop-loss is hit. */
export const fixedPercentageSize = (
  { accountBalance, priceOpen, priceStopLoss }: ISizingCalculateParamsFixedPercentage,
  riskPercentage: number
) => {
  const stopDistance = Math.abs(priceOpen - priceStopLoss);
  if (stopDistance === 0) {
    throw new Error(`fixed-percentage sizing: the stop-loss distance is zero (priceOpen ${priceOpen} = priceStopLoss ${priceStopLoss})`);
  }
  return (accountBalance * riskPercentage) / 100 / stopDistance;
};

/** Quantity worth the Kelly fraction (never below 0) of the balance, times `kellyMultiplier`. */
export const kellyCriterionSize = (
  { accountBalance, priceOpen, winRate, winLossRatio }: ISizingCalculateParamsKelly,
  kellyMultiplier: number
) => {
  if (!(winRate > 0 && winRate < 1)) {
    throw new Error(`kelly-criterion sizing: winRate must be between 0 and 1, got ${winRate}`);
  }
  if (!(winLossRatio > 0)) {
    throw new Error(`kelly-criterion sizing: winLossRatio must be positive, got ${winLossRatio}`);
  }
  const kelly = (winRate * winLossRatio - (1 - winRate)) / winLossRatio;
  return (accountBalance * Math.max(0, kelly) * kellyMultiplier) / priceOpen;
};

/** Quantity that loses `riskPercentage` of the balance over `atrMultiplier` ATRs. */
export const atrBasedSize = ({ accountBalance, atr }: ISizingCalculateParamsATR, riskPercentage: number, atrMultiplier: number) => {
  if (!(atr > 0)) {
    throw new Error(`atr-based sizing: ATR must be positive, got ${atr}`);
  }
  return (accountBalance * riskPercentage) / 100 / (atr * atrMultiplier);
};

/** `quantity` within the schema's limits: max percent of the balance, then min and max size. */
export const limitPositionSize = (quantity: number, schema: ISizingSchema, accountBalance: number, priceOpen: number) => {
  let limited = quantity;
  if (schema.maxPositionPercentage !== undefined) {
    limited = Math.min(limited, (accountBalance * schema.maxPositionPercentage) / 100 / priceOpen);
  }
  if (schema.minPositionSize !== undefined) {
    limited = Math.max(limited, schema.minPositionSize);
  }
  if (schema.maxPositionSize !== undefined) {
    limited = Math.min(limited, schema.maxPositionSize);
  }
  return limited;
};
