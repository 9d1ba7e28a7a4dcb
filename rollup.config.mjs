import typescript from "@rollup/plugin-typescript";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { dts } from "rollup-plugin-dts";
import { builtinModules, createRequire } from "node:module";

const pkg = createRequire(import.meta.url)("./package.json");

/**
 * di-kit ships only an ES module, so it is bundled (both builds stay loadable with
 * `require` on any Node version); every other dependency stays external.
 */
const BUNDLED = new Set(["di-kit"]);

const isExternal = (id) =>
  id.startsWith("node:") ||
  builtinModules.includes(id) ||
  Object.keys(pkg.dependencies).some(
    (name) => !BUNDLED.has(name) && (id === name || id.startsWith(`${name}/`))
  );

export default [
  {
    input: "src/index.ts",
    external: isExternal,
    output: [
      { file: "build/index.mjs", format: "esm" },
      { file: "build/index.cjs", format: "commonjs" },
    ],
    plugins: [
      nodeResolve({ resolveOnly: [...BUNDLED] }),
      typescript({ tsconfig: "./tsconfig.json", noEmitOnError: true }),
    ],
  },
  {
    input: "src/index.ts",
    external: isExternal,
    output: { file: "types.d.ts", format: "es" },
    plugins: [dts()],
  },
];
