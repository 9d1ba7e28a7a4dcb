import { ITimeline } from "../../interfaces/Frame.interface";

/**
 * The times of the `count` due ticks after the tick at `index`, if the strategy gets no
 * signal meanwhile: each is the first tick of the timeline at least `intervalMs` after
 * the one before (the throttle of a flat strategy). Fewer near the end of the timeline.
 */
export const upcomingDueTicks = (timeline: ITimeline, index: number, intervalMs: number, count: number) => {
  const stride = Math.max(1, Math.ceil(intervalMs / timeline.step));
  const ticks: number[] = [];
  for (let next = index + stride; ticks.length < count && next < timeline.count; next += stride) {
    ticks.push(timeline.start + next * timeline.step);
  }
  return ticks;
};
