import { Paper } from "../build/index.mjs";
import { UsageError } from "./usageError.mjs";

/** The --speed flag: a number above 0, or "max" (as fast as it goes); undefined when not given. */
const readSpeed = (speed) => {
  if (speed === undefined || speed === "max") {
    return speed === "max" ? Infinity : undefined;
  }
  const value = Number(speed);
  if (!(value > 0)) {
    throw new UsageError(`paper: --speed must be a number above 0 or "max", got ${JSON.stringify(speed)}`);
  }
  return value;
};

/**
 * The status line: redrawn in place on a terminal; elsewhere only the ticks where
 * something happened (one line per event, never one per idle tick).
 */
const createStatus = (stream) => {
  if (stream.isTTY) {
    return {
      show: (line) => stream.write(`\r\u001b[2K${line}`),
      end: () => stream.write("\n"),
    };
  }
  return {
    show: (line) => {
      if (!/: (idle|active),/.test(line)) {
        stream.write(`${line}\n`);
      }
    },
    end: () => undefined,
  };
};

/**
 * `backtest-kit paper <generated.mjs> [--strategy <name>|best] [--symbol S] [--out DIR]
 * [--from <ISO> --until <ISO> --speed <N>]`: paper trades the file's pick; Ctrl-C stops a
 * wall-clock run cleanly (run it again to resume). Resolves to the lines to print.
 */
export const runPaper = async ({ file, strategy, symbol, out, from, until, speed }) => {
  if (file === undefined) {
    throw new UsageError("paper takes a generated file: backtest-kit paper <generated.mjs>");
  }
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) {
      process.exit(130);
    }
    process.stderr.write("\nstopping at the next tick (Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", stop);
  const status = createStatus(process.stderr);
  try {
    const result = await Paper.run(file, {
      strategy,
      symbol,
      out,
      from,
      until,
      speed: readSpeed(speed),
      signal: controller.signal,
      onStatus: status.show,
    });
    status.end();
    const open = result.open === null ? "no position open" : `open: ${result.open.position} from ${result.open.priceOpen} since ${result.open.openTime}`;
    return [
      `paper ${result.strategyName} on ${result.symbol}: ${result.trades.length} closed trade(s), ${open}`,
      ...(result.parity === null ? [] : [result.parity.text]),
      result.files.report,
      result.files.html,
      result.files.trades,
    ];
  } finally {
    process.off("SIGINT", stop);
  }
};
