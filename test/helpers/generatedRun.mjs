import { createServer } from "node:http";
import { mkdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SERIES_PATH } from "./series.mjs";
import { runNode } from "./runNode.mjs";

/** The repository root: what "backtest-kit" resolves to in a temp project. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A generated file that has not exited by then fails the test. */
const KILL_AFTER_MS = 180_000;

/**
 * addExchange() code for a generated file: reads the local series and aggregates 1m rows
 * into candles of the asked interval (open time a multiple of it), returning up to
 * `limit` of them opening at or after `since`, oldest first.
 */
export const seriesExchangeTemplate = (symbol, exchangeName) => String.raw`const SERIES_FILE = ${JSON.stringify(SERIES_PATH)};
const SERIES_INTERVAL_MS = { "1m": 60000, "3m": 180000, "5m": 300000, "15m": 900000, "30m": 1800000,
    "1h": 3600000, "2h": 7200000, "4h": 14400000, "6h": 21600000, "8h": 28800000 };
const seriesByInterval = new Map();
let seriesRows = null;
const loadSeriesRows = async () => {
    if (!seriesRows) {
        const { readFile } = await import("node:fs/promises");
        const { gunzipSync } = await import("node:zlib");
        const text = gunzipSync(await readFile(SERIES_FILE)).toString("utf8");
        seriesRows = text.split("\n").slice(1).filter((row) => row.trim()).map((row) => {
            const [openTime, open, high, low, close, volume] = row.trim().split(",");
            return { timestamp: Date.parse(openTime.replace(" ", "T")), open: +open, high: +high, low: +low, close: +close, volume: +volume };
        });
    }
    return seriesRows;
};
const seriesOf = async (interval) => {
    if (!seriesByInterval.has(interval)) {
        const step = SERIES_INTERVAL_MS[interval];
        if (!step) throw new Error("unknown interval " + interval);
        const out = [];
        for (const c of await loadSeriesRows()) {
            const t = Math.floor(c.timestamp / step) * step;
            const last = out[out.length - 1];
            if (!last || last.timestamp !== t) {
                out.push({ ...c, timestamp: t });
            } else {
                last.high = Math.max(last.high, c.high);
                last.low = Math.min(last.low, c.low);
                last.close = c.close;
                last.volume += c.volume;
            }
        }
        seriesByInterval.set(interval, out);
    }
    return seriesByInterval.get(interval);
};

addExchange({
    exchangeName: ${JSON.stringify(exchangeName)},
    getCandles: async (symbol, interval, since, limit) => {
        const list = await seriesOf(interval);
        const from = since.getTime();
        let lo = 0, hi = list.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (list[mid].timestamp < from) lo = mid + 1; else hi = mid;
        }
        return list.slice(lo, lo + limit).map((c) => ({ ...c }));
    },
    formatPrice: async (symbol, price) => price.toFixed(2),
    formatQuantity: async (symbol, quantity) => quantity.toFixed(8),
});`;

/** Makes `dir` a project where "backtest-kit" (this repository), ollama and ccxt resolve. */
export const linkPackage = async (dir) => {
  const modules = join(dir, "node_modules");
  await mkdir(modules, { recursive: true });
  await symlink(ROOT, join(modules, "backtest-kit"), "dir");
  await symlink(join(ROOT, "node_modules", "ollama"), join(modules, "ollama"), "dir");
  await symlink(join(ROOT, "node_modules", "ccxt"), join(modules, "ccxt"), "dir");
};

/** Runs `node file` in `cwd` with `env`, failing the test if it runs past KILL_AFTER_MS. */
export const runGenerated = (file, cwd, env) => runNode(file, cwd, env, KILL_AFTER_MS);

/**
 * A loopback server on 127.0.0.1 that passes every /api/chat request on to `upstream`
 * (an Ollama-protocol host, e.g. the baseline) and keeps each request body exactly as
 * it arrived, as text, in `bodies`.
 */
export const startRecordingProxy = async (upstream) => {
  const bodies = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      bodies.push(raw);
      const reply = await fetch(`${upstream}${req.url}`, { method: req.method, headers: { "content-type": "application/json" }, body: raw });
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(await reply.text());
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `http://127.0.0.1:${server.address().port}`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
};

/** The environment of a generated file run: the model at `host`, no response cache, not a test child. */
export const generatedFileEnv = (host, extra = {}) => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.OLLAMA_API_KEY;
  delete env.BACKTEST_KIT_BLIND;
  delete env.BACKTEST_KIT_WALKER_RESULTS;
  return { ...env, OLLAMA_HOST: host, BACKTEST_KIT_LLM_CACHE: "off", ...extra };
};
