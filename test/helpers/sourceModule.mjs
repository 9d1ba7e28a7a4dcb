import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Imports one client of `src/` that has nothing but type imports (a class built with an
 * injected clock, such as ClientLlmLimiter), transpiled as the build does, so its rules
 * can be driven step by step with recorded inputs and no real time. `path` is relative
 * to the repository root.
 */
export const importSourceModule = async (path) => {
  const source = await readFile(join(ROOT, path), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: path,
  });
  if (/^import\s(?!type)/m.test(outputText)) {
    throw new Error(`${path} imports values; importSourceModule takes only files with type imports`);
  }
  const dir = await mkdtemp(join(tmpdir(), "backtest-kit-source-"));
  try {
    const file = join(dir, "module.mjs");
    await writeFile(file, outputText);
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
