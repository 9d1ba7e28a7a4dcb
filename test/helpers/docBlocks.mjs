// The code blocks of the README and the guides, and a fresh project to run one in.
import { mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { makeTempDir } from "./tempDir.mjs";

/** The package root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Markdown files whose js blocks are run: the README and every guide in docs/. */
export const docFiles = async () => [
  "README.md",
  ...(await readdir(join(ROOT, "docs"))).filter((name) => name.endsWith(".md")).sort().map((name) => `docs/${name}`),
];

/** Every ```js block of a markdown file, with the line its code starts on. */
export const jsBlocks = (markdown) => {
  const blocks = [];
  const pattern = /^```js\n([\s\S]*?)^```$/gm;
  for (let match = pattern.exec(markdown); match !== null; match = pattern.exec(markdown)) {
    blocks.push({ code: match[1], line: markdown.slice(0, match.index).split("\n").length + 1 });
  }
  return blocks;
};

/** The first ```js block after `heading` in a guide. */
export const blockAfter = async (file, heading) => {
  const markdown = await readFile(join(ROOT, file), "utf8");
  const at = markdown.indexOf(heading);
  if (at === -1) {
    throw new Error(`${file} has no heading ${JSON.stringify(heading)}`);
  }
  const [block] = jsBlocks(markdown.slice(at));
  return block.code;
};

/**
 * A fresh project in a temp dir that "installed" backtest-kit (node_modules/backtest-kit
 * links to this package) and has the bundled data/ folder, with `code` as `name`.
 */
export const projectWith = async (t, code, name = "example.mjs") => {
  const cwd = await makeTempDir(t);
  await mkdir(join(cwd, "node_modules"));
  await symlink(ROOT, join(cwd, "node_modules", "backtest-kit"), "dir");
  await symlink(join(ROOT, "data"), join(cwd, "data"), "dir");
  await writeFile(join(cwd, name), code);
  return cwd;
};

/** The environment a docs block runs in: no model endpoint, cache or store set from outside. */
export const cleanEnv = () => {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(OLLAMA_|OPENAI_|BACKTEST_KIT_)/.test(name)) {
      delete env[name];
    }
  }
  return env;
};
