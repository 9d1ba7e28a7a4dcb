import typescript from "@rollup/plugin-typescript";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import { dts } from "rollup-plugin-dts";
import ts from "typescript";
import { builtinModules, createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pkg = require("./package.json");

/** The id under which the source imports lightweight-charts' standalone bundle as text. */
const CHARTS_ID = "virtual:lightweight-charts";

/** lightweight-charts' standalone production bundle (it defines window.LightweightCharts). */
const CHARTS_FILE = join(
  dirname(require.resolve("lightweight-charts/package.json")),
  "dist",
  "lightweight-charts.standalone.production.js"
);

/** Suffix of an import that wants a file's text (`./report.html?text`). */
const TEXT_SUFFIX = "?text";

/**
 * Text assets of the HTML report: a file imported with TEXT_SUFFIX, and the charts bundle
 * under CHARTS_ID, become modules exporting their text, so the built package carries
 * them and reads no file at run time. A script (not .html) holding text that would end
 * the report's script element is refused.
 */
const inlineText = () => ({
  name: "inline-text",
  resolveId: (id, importer) => {
    if (id === CHARTS_ID) {
      return `${CHARTS_FILE}${TEXT_SUFFIX}`;
    }
    return id.endsWith(TEXT_SUFFIX) && importer ? join(dirname(importer), id) : null;
  },
  load(id) {
    if (!id.endsWith(TEXT_SUFFIX)) {
      return null;
    }
    const file = id.slice(0, -TEXT_SUFFIX.length);
    const text = readFileSync(file, "utf8");
    if (!file.endsWith(".html") && /<\/script|<!--/i.test(text)) {
      this.error(`${file} holds </script or <!--, so it cannot be inlined into a script element`);
    }
    this.addWatchFile(file);
    return `export default ${JSON.stringify(text)};`;
  },
});

/**
 * TypeScript to JavaScript file by file, without type checking: the main build has
 * already checked every file, so the tests' bundle (src/testing.ts) only needs the code.
 */
const transpileOnly = () => ({
  name: "transpile-only",
  transform: (code, id) =>
    id.endsWith(".ts")
      ? ts.transpileModule(code, { fileName: id, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
      : null,
});

/** Asset imports are no types: the declaration build leaves them out. */
const isAsset = (id) => id === CHARTS_ID || id.endsWith(TEXT_SUFFIX);

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
      inlineText(),
      nodeResolve({ resolveOnly: [...BUNDLED] }),
      typescript({ tsconfig: "./tsconfig.json", noEmitOnError: true }),
    ],
  },
  {
    // Internal clients for their own unit tests (see src/testing.ts); not in "exports".
    input: "src/testing.ts",
    external: isExternal,
    output: { file: "build/testing.mjs", format: "esm" },
    plugins: [nodeResolve({ resolveOnly: [], extensions: [".ts"] }), transpileOnly()],
  },
  {
    input: "src/index.ts",
    external: (id) => isExternal(id) || isAsset(id),
    output: { file: "types.d.ts", format: "es" },
    plugins: [dts()],
  },
];
