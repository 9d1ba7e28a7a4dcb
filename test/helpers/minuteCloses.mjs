/**
 * The closes of the "[1m]" candle lines in the last message of a chat body that has
 * any, oldest first (a generated strategy sends them in one message); [] when none.
 */
export const minuteCloses = (body) => {
  for (const message of [...body.messages].reverse()) {
    const rows = String(message.content).split("\n").filter((line) => line.includes("[1m]: O:"));
    if (rows.length) {
      return rows.map((row) => / C:([0-9.eE+-]+) /.exec(row)).filter(Boolean).map((match) => Number(match[1]));
    }
  }
  return [];
};

/** The close of the last "[1m]" line a strategy sent, or null. */
export const lastMinuteClose = (body) => minuteCloses(body).at(-1) ?? null;
