/** A file imported with `?text`, as its text (inlined by the build). */
declare module "*?text" {
  const text: string;
  export default text;
}

/** lightweight-charts' standalone production bundle as text (inlined by the build). */
declare module "virtual:lightweight-charts" {
  const text: string;
  export default text;
}
