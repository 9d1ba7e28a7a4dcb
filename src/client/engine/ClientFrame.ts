import { IFrame, IFrameParams, ITimeline } from "../../interfaces/Frame.interface";
import { FRAME_INTERVAL_MS, countTicks } from "../../utils/candles/intervals";
import { awaitCallback } from "../../utils/settleWithin";

/**
 * The ticks of a backtest: from startDate, stepping by the interval, while the tick is
 * <= endDate. They are arithmetic, so a run walks them without allocating them.
 */
export class ClientFrame implements IFrame {
  private readonly timeline: ITimeline;

  constructor(readonly params: IFrameParams) {
    const start = params.startDate.getTime();
    const step = FRAME_INTERVAL_MS[params.interval];
    const end = params.endDate.getTime();
    this.timeline = { start, step, count: countTicks(start, end, step), end };
  }

  /** The ticks without allocating them (they are allocated only for an onTimeframe callback). */
  public getTimeline = async (symbol: string): Promise<ITimeline> => {
    this.params.logger.log("clientFrame getTimeline", { symbol, frameName: this.params.frameName });
    if (this.params.callbacks?.onTimeframe) {
      await this.getTimeframe(symbol);
    }
    return this.timeline;
  };

  /** The ticks as dates; calls onTimeframe with them. */
  public getTimeframe = async (symbol: string): Promise<Date[]> => {
    const { start, step, count } = this.timeline;
    const timeframe = Array.from({ length: count }, (_, index) => new Date(start + index * step));
    const { callbacks, startDate, endDate, interval, frameName } = this.params;
    if (callbacks?.onTimeframe) {
      await awaitCallback(
        callbacks.onTimeframe(timeframe, startDate, endDate, interval),
        this.params.getCallbackTimeoutMs(),
        `frame ${frameName} callbacks.onTimeframe`,
        this.params.warn
      );
    }
    return timeframe;
  };
}

export default ClientFrame;
