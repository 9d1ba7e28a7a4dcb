// The model response cache in Redis (BACKTEST_KIT_LLM_CACHE=redis://... or options.cacheUrl):
// shared by separate processes, repaired like the file cache, a miss (with one warning) while
// Redis is down or silent, never a hang, and a process using it exits by itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { askText, listenWarning, setConfig } from "backtest-kit";
import { startOllamaServer } from "../helpers/ollamaServer.mjs";
import { freePort, startRedis } from "../helpers/redis.mjs";
import { runNode } from "../helpers/runNode.mjs";
import { makeTempDir } from "../helpers/tempDir.mjs";

const CHILD = fileURLToPath(new URL("../helpers/askTextChild.mjs", import.meta.url));
const KEY_PREFIX = "backtest-kit:llm-cache:";
/** An answer with quotes, a newline, a line separator and non-ASCII text, to be kept byte for byte. */
const ANSWER = 'The "trend" is up \u2014 buy\u2028dips\nand \u00e9t\u00e9 \u{1F4C8}';

const ask = (question, options) => askText([{ role: "user", content: question }], { model: "m", ...options });

const recordWarnings = (t, kind) => {
  const warnings = [];
  t.after(listenWarning((warning) => warning.kind === kind && warnings.push(warning)));
  return warnings;
};

/** A plain ioredis client of the test's own, to look at and break entries by hand. */
const openRedis = (t, url) => {
  const redis = new Redis(url);
  t.after(() => redis.quit());
  return redis;
};

/** Runs askTextChild.mjs; fails unless it exits 0 by itself within 30 s. */
const askInChild = async (env) => {
  const { code, signal, stdout, stderr } = await runNode(CHILD, process.cwd(), { ...process.env, ...env }, 30_000);
  assert.equal(code, 0, `child failed (${signal}):\n${stderr}`);
  return JSON.parse(stdout);
};

test("two processes naming the same Redis ask the model once; the second gets the same bytes", { timeout: 90_000 }, async (t) => {
  const redisServer = await startRedis(t);
  const model = await startOllamaServer(() => ANSWER);
  t.after(model.close);
  const env = { BACKTEST_KIT_LLM_CACHE: `${redisServer.url}/3`, ASK_HOST: model.host, ASK_QUESTION: "Where is BTC going?" };

  const first = await askInChild(env);
  const second = await askInChild(env);

  assert.equal(model.requests.length, 1, "the second process was answered from Redis");
  assert.equal(first.answer, ANSWER);
  assert.equal(second.answer, first.answer);
  assert.deepEqual([first.warnings, second.warnings], [[], []]);
  const redis = openRedis(t, `${redisServer.url}/3`);
  const [entryKey] = await redis.keys(`${KEY_PREFIX}*`);
  const entry = JSON.parse(await redis.get(entryKey));
  assert.deepEqual(entry, { version: 1, key: entryKey.slice(KEY_PREFIX.length), content: ANSWER });
  assert.equal(await redis.ttl(entryKey), -1, "entries never expire");
  assert.deepEqual(await openRedis(t, redisServer.url).keys("*"), [], "the URL's database number is used");
});

test("a process whose Redis cache cannot be reached is answered by the model and exits by itself", { timeout: 60_000 }, async (t) => {
  const model = await startOllamaServer(() => "from the model");
  t.after(model.close);
  const url = `redis://reader:s3cret-pw@127.0.0.1:${await freePort()}`;
  const { answer, warnings } = await askInChild({ BACKTEST_KIT_LLM_CACHE: url, ASK_HOST: model.host, ASK_QUESTION: "q" });
  assert.equal(answer, "from the model");
  assert.equal(model.requests.length, 1);
  assert.deepEqual(warnings.map(([kind]) => kind), ["llm-cache-unavailable"], "said once, though both the lookup and the store failed");
  assert.equal(warnings[0][1].url, url.replace("s3cret-pw", "***"));
  assert.equal(warnings[0][1].operation, "get");
  assert.match(warnings[0][1].error, /ECONNREFUSED/);
  assert.doesNotMatch(JSON.stringify(warnings), /s3cret/);
});

test("a broken, a foreign and a non-string entry in Redis are misses, repaired, each with llm-cache-repaired", { timeout: 60_000 }, async (t) => {
  const redisServer = await startRedis(t);
  const model = await startOllamaServer(() => "good answer");
  t.after(model.close);
  const options = { host: model.host, cacheUrl: redisServer.url };
  const warnings = recordWarnings(t, "llm-cache-repaired");
  const redis = openRedis(t, redisServer.url);
  await ask("Describe the market", options);
  const [entryKey] = await redis.keys(`${KEY_PREFIX}*`);
  const key = entryKey.slice(KEY_PREFIX.length);

  await redis.set(entryKey, '{"version":1,"key":"trunc');
  assert.equal(await ask("Describe the market", options), "good answer");
  await redis.set(entryKey, JSON.stringify({ version: 1, key: "0".repeat(64), content: "someone else's" }));
  assert.equal(await ask("Describe the market", options), "good answer");
  await redis.del(entryKey);
  await redis.rpush(entryKey, "a list");
  assert.equal(await ask("Describe the market", options), "good answer");
  assert.deepEqual(JSON.parse(await redis.get(entryKey)), { version: 1, key, content: "good answer" }, "replaced by a whole entry");
  assert.equal(await ask("Describe the market", options), "good answer");

  assert.equal(model.requests.length, 4, "three repairs, then a hit");
  const path = `${redisServer.url} ${entryKey}`;
  assert.deepEqual(
    warnings.map((w) => [w.details.path, w.details.key, w.details.reason]),
    [
      [path, key, "it is not JSON (cut off or overwritten)"],
      [path, key, "it is not a version 1 entry holding this key"],
      [path, key, "it is not a string value"],
    ]
  );
  assert.equal(warnings[0].message, `LLM cache entry ${path} is unusable: it is not JSON (cut off or overwritten); the request is sent and its answer replaces the entry`);
});

test("Redis stopped mid-run: every call is answered by the model, one llm-cache-unavailable, no hang", { timeout: 60_000 }, async (t) => {
  const redisServer = await startRedis(t);
  const model = await startOllamaServer((body) => `answer to ${body.messages[0].content}`);
  t.after(model.close);
  const options = { host: model.host, cacheUrl: redisServer.url };
  const warnings = recordWarnings(t, "llm-cache-unavailable");
  assert.equal(await ask("q0", options), "answer to q0");
  assert.equal(await ask("q0", options), "answer to q0");
  assert.equal(model.requests.length, 1, "a hit while Redis runs");

  await redisServer.stop();
  const answers = [];
  for (const question of ["q0", "q1", "q2", "q1"]) {
    answers.push(await ask(question, options));
  }
  answers.push(...(await Promise.all(["q3", "q4", "q5"].map((question) => ask(question, options)))));

  assert.deepEqual(answers, ["q0", "q1", "q2", "q1", "q3", "q4", "q5"].map((q) => `answer to ${q}`));
  assert.equal(model.requests.length, 8, "every call went to the model");
  assert.equal(warnings.length, 1, "one warning for the outage, not one per request");
  assert.deepEqual(
    { url: warnings[0].details.url, operation: warnings[0].details.operation },
    { url: redisServer.url, operation: "get" }
  );
  assert.match(warnings[0].details.error, /ECONNREFUSED|Connection is closed/);
  assert.match(warnings[0].message, /^LLM cache redis:\/\/127\.0\.0\.1:\d+ is unavailable \(get: .+\); requests go to the model and answers are not stored until it answers again$/);
});

test("after Redis comes back the cache works again, and a second outage raises a second warning", { timeout: 60_000 }, async (t) => {
  const redisServer = await startRedis(t);
  const model = await startOllamaServer(() => "answer");
  t.after(model.close);
  const options = { host: model.host, cacheUrl: redisServer.url };
  const warnings = recordWarnings(t, "llm-cache-unavailable");
  await redisServer.stop();
  await ask("during the first outage", options);
  assert.equal(warnings.length, 1);

  await redisServer.restart();
  let round = 0;
  let recovered = false;
  while (!recovered) {
    round += 1;
    const before = model.requests.length;
    await ask(`after the restart ${round}`, options);
    await ask(`after the restart ${round}`, options);
    recovered = model.requests.length === before + 1;
    if (!recovered) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  assert.equal(warnings.length, 1, "no warning while it recovers");

  await redisServer.stop();
  await ask("during the second outage", options);
  assert.equal(warnings.length, 2, "a new outage is said again");
});

test("a Redis that accepts connections but never answers is a miss within CC_LLM_CACHE_TIMEOUT_MS", { timeout: 60_000 }, async (t) => {
  const sockets = new Set();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise((resolve) => silent.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise((resolve) => { sockets.forEach((socket) => socket.destroy()); silent.close(resolve); }));
  setConfig({ CC_LLM_CACHE_TIMEOUT_MS: 300 });
  t.after(() => setConfig({ CC_LLM_CACHE_TIMEOUT_MS: 2_000 }));
  const model = await startOllamaServer(() => "answer");
  t.after(model.close);
  const warnings = recordWarnings(t, "llm-cache-unavailable");
  const url = `redis://127.0.0.1:${silent.address().port}`;

  assert.equal(await ask("q", { host: model.host, cacheUrl: url }), "answer");
  assert.equal(await ask("q", { host: model.host, cacheUrl: url }), "answer");
  assert.equal(model.requests.length, 2);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].details.error, "Redis get timed out after 300 ms");
});

test("a malformed Redis URL is an error naming the variable or option and the value, its password redacted", async (t) => {
  const model = await startOllamaServer(() => "answer");
  t.after(model.close);
  const saved = process.env.BACKTEST_KIT_LLM_CACHE;
  t.after(() => (saved === undefined ? delete process.env.BACKTEST_KIT_LLM_CACHE : (process.env.BACKTEST_KIT_LLM_CACHE = saved)));
  const cases = [
    ["redis://admin:hunter2@127.0.0.1:port", '"redis://admin:***@127.0.0.1:port": it is not a URL'],
    ["redis://:hunter2@127.0.0.1:6379/cache", '"redis://:***@127.0.0.1:6379/cache": the path must be a database number'],
    ["rediss://hunter2@", '"rediss://***@": it is not a URL'],
    ["redis:127.0.0.1", '"redis:127.0.0.1": it names no host'],
  ];
  for (const [value, described] of cases) {
    process.env.BACKTEST_KIT_LLM_CACHE = value;
    await assert.rejects(ask("q", { host: model.host }), (error) => {
      assert.equal(
        error.message,
        `askText: BACKTEST_KIT_LLM_CACHE must be a Redis URL, redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss://..., got ${described}`
      );
      return true;
    });
  }
  delete process.env.BACKTEST_KIT_LLM_CACHE;
  await assert.rejects(ask("q", { host: model.host, cacheUrl: "http://u:hunter2@127.0.0.1:6379" }), {
    message: 'askText: options.cacheUrl must be a Redis URL, redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss://..., got "http://u:***@127.0.0.1:6379": its scheme must be redis: or rediss:',
  });
  await assert.rejects(ask("q", { host: model.host, cacheUrl: "redis://127.0.0.1", cacheDir: "cache" }), {
    message: 'askText: options.cacheUrl and options.cacheDir name two caches; give one, got "redis://127.0.0.1" and "cache"',
  });
  assert.equal(model.requests.length, 0, "nothing was sent");
});

test("any other value of BACKTEST_KIT_LLM_CACHE keeps the directory cache; options.cacheDir wins over a Redis URL", async (t) => {
  const model = await startOllamaServer(() => "answer");
  t.after(model.close);
  const dir = await makeTempDir(t, "backtest-kit-rediscache-dir-");
  const saved = process.env.BACKTEST_KIT_LLM_CACHE;
  t.after(() => (saved === undefined ? delete process.env.BACKTEST_KIT_LLM_CACHE : (process.env.BACKTEST_KIT_LLM_CACHE = saved)));
  process.env.BACKTEST_KIT_LLM_CACHE = "on";
  await ask("q", { host: model.host, cacheDir: dir });
  await ask("q", { host: model.host, cacheDir: dir });
  process.env.BACKTEST_KIT_LLM_CACHE = `redis://127.0.0.1:${await freePort()}`;
  const warnings = recordWarnings(t, "llm-cache-unavailable");
  await ask("q", { host: model.host, cacheDir: dir });
  assert.equal(model.requests.length, 1, "all three from one directory entry");
  assert.deepEqual(warnings, [], "the Redis URL was not used");
});
