/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence
 * on every machine, which Math.random cannot. Returns numbers in [0, 1). Hand-written
 * because Node has no seedable generator built in and the algorithm is six lines.
 */
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
