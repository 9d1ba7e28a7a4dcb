// The layers' rules, read from the source's imports (type imports included): no import
// cycles, and no client importing the container, the facades or the public verbs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src");
const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"'?]+)["']/g;

/** Every TypeScript file below `dir`. */
const listSources = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listSources(path) : path.endsWith(".ts") ? [path] : [];
  });

/** The source file a relative import of `file` names, or null for anything else (assets). */
const resolveImport = (file, specifier) => {
  const base = join(dirname(file), specifier);
  return [`${base}.ts`, join(base, "index.ts"), base].find((path) => path.endsWith(".ts") && existsSync(path)) ?? null;
};

/** Each source file with the source files it imports. */
const readGraph = () =>
  new Map(
    listSources(SRC).map((file) => [
      file,
      [...readFileSync(file, "utf8").matchAll(IMPORT)].map(([, specifier]) => resolveImport(file, specifier)).filter(Boolean),
    ])
  );

/** Every import cycle found by a depth-first walk, as the files around it. */
const findCycles = (graph) => {
  const state = new Map();
  const stack = [];
  const cycles = [];
  const visit = (file) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") {
        cycles.push([...stack.slice(stack.indexOf(next)), next].map((path) => relative(SRC, path)).join(" -> "));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) {
    if (!state.has(file)) visit(file);
  }
  return cycles;
};

test("src/ has no import cycles, type imports included", () => {
  assert.deepEqual(findCycles(readGraph()), []);
});

test("no client imports the container, a facade or a public verb", () => {
  const upward = [...readGraph()]
    .filter(([file]) => relative(SRC, file).startsWith("client/"))
    .flatMap(([file, imports]) =>
      imports
        .map((target) => relative(SRC, target))
        .filter((target) => target === "lib/index.ts" || target.startsWith("classes/") || target.startsWith("function/"))
        .map((target) => `${relative(SRC, file)} -> ${target}`)
    );
  assert.deepEqual(upward, []);
});
