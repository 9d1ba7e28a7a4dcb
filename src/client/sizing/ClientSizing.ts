import { ISizing, ISizingCalculateParams, ISizingParams } from "../../interfaces/Sizing.interface";
import { atrBasedSize, fixedPercentageSize, kellyCriterionSize, limitPositionSize } from "../../utils/sizing/positionSize";
import { awaitCallback } from "../../utils/settleWithin";

/**
 * One sizing schema's calculator: its method (fixed percentage, Kelly criterion or
 * ATR-based) on the inputs, then the schema's limits; inputs of another method are an
 * error saying "method mismatch".
 */
export class ClientSizing implements ISizing {
  constructor(readonly params: ISizingParams) {}

  /** The quantity for `input`, within the schema's limits. */
  public calculate = async (input: ISizingCalculateParams): Promise<number> => {
    const { params } = this;
    if (input.method !== params.method) {
      throw new Error(
        `sizing ${params.sizingName}: params method mismatch: the schema's method is ${params.method}, the call gave ${input.method}`
      );
    }
    const quantity = limitPositionSize(this.byMethod(input), params, input.accountBalance, input.priceOpen);
    const onCalculate = params.callbacks?.onCalculate;
    if (onCalculate !== undefined) {
      const listener = `sizing ${params.sizingName} callbacks.onCalculate`;
      await awaitCallback(onCalculate(quantity, input), params.callbackTimeoutMs, listener, params.warn);
    }
    return quantity;
  };

  private byMethod = (input: ISizingCalculateParams) => {
    const { params } = this;
    if (params.method === "fixed-percentage" && input.method === "fixed-percentage") {
      return fixedPercentageSize(input, params.riskPercentage);
    }
    if (params.method === "kelly-criterion" && input.method === "kelly-criterion") {
      return kellyCriterionSize(input, params.kellyMultiplier ?? 0.25);
    }
    if (params.method === "atr-based" && input.method === "atr-based") {
      return atrBasedSize(input, params.riskPercentage, params.atrMultiplier ?? 2);
    }
    throw new Error(`sizing ${params.sizingName}: unknown method ${String(params.method)}`);
  };
}

export default ClientSizing;
