import { ICandleData } from "../../interfaces/Exchange.interface";

/**
 * VWAP by typical price ((high + low + close) / 3) of candles[from, to), or their mean
 * close when no volume traded: the engine's average price.
 */
export const volumeWeightedPrice = (candles: ArrayLike<ICandleData>, from = 0, to = candles.length) => {
  let weighted = 0;
  let volume = 0;
  let closes = 0;
  for (let index = from; index < to; index++) {
    const candle = candles[index];
    weighted += ((candle.high + candle.low + candle.close) / 3) * candle.volume;
    volume += candle.volume;
    closes += candle.close;
  }
  return volume > 0 ? weighted / volume : closes / (to - from);
};
