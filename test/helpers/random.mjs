/**
 * mulberry32, written here independently of the library's generator: numbers in [0, 1),
 * the same sequence for the same seed on every machine.
 */
export const seededUniform = (seed) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Seeded standard normal draws (seededUniform + Box-Muller). */
export const seededNormals = (seed) => {
  const uniform = seededUniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
};
