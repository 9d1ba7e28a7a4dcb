import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const BUILD = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "build", "index.mjs")).href;
const QUESTIONS = 40;

/** A process that asks QUESTIONS questions, all at once, through one cache directory. */
const CHILD = `
import { askText } from ${JSON.stringify(BUILD)};
const answers = await Promise.all(Array.from({ length: ${QUESTIONS} }, (_, i) =>
  askText([{ role: "user", content: "question " + i }], { host: process.env.HOST, model: "m", cacheDir: process.env.CACHE_DIR })));
process.stdout.write(JSON.stringify(answers));
`;

const runChild = (env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });

test("two processes sharing one cache directory get every answer right and leave one whole entry per request", async (t) => {
  const server = await startOllamaServer((body) => `answer to ${body.messages[0].content}`, { latencyMs: 5 });
  t.after(server.close);
  const cacheDir = await makeTempDir(t, "backtest-kit-llm-shared-");
  const env = { HOST: server.host, CACHE_DIR: cacheDir };
  const expected = Array.from({ length: QUESTIONS }, (_, i) => `answer to question ${i}`);

  const [first, second] = await Promise.all([runChild(env), runChild(env)]);
  assert.deepEqual(first, expected);
  assert.deepEqual(second, expected);

  const files = (await readdir(cacheDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  assert.equal(files.length, QUESTIONS, "no temp files are left behind, no entry is missing");
  const contents = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, "utf8")).content));
  assert.deepEqual(contents.sort(), [...expected].sort());

  const requestsBefore = server.requests.length;
  assert.ok(requestsBefore >= QUESTIONS && requestsBefore <= 2 * QUESTIONS);
  assert.deepEqual(await runChild(env), expected);
  assert.equal(server.requests.length, requestsBefore, "a third process is served from the cache alone");
});
