/** What the report calls of one kind (strategy or walker) need to know about names. */
export interface IReportTargetLookup {
  /** "strategy" or "walker", for messages. */
  kind: string;
  /** True when something of this kind is registered under `name`. */
  has: (name: string) => boolean;
  /** Throws naming `method` when nothing is registered under `name`. */
  validate: (name: string, method: string) => void;
  /** The symbols `name` has run on in this process. */
  symbolsOf: (name: string) => string[];
}

/**
 * The one symbol `name` ran on, for the backtest-kit 1.4 call forms that name no symbol
 * (`Backtest.getData("my-strategy")`). No run, or runs on several symbols, is an error
 * that says what to write instead.
 */
const pickOnlySymbol = (method: string, kind: string, name: string, symbols: string[]): string => {
  const quotedName = JSON.stringify(name);
  if (symbols.length === 1) {
    return symbols[0];
  }
  if (symbols.length === 0) {
    throw new Error(
      `${method}(${quotedName}): ${kind} ${name} has not run on any symbol in this process; ` +
        `run it first, or name the symbol: ${method}("BTCUSDT", ${quotedName})`
    );
  }
  const choices = symbols.map((symbol) => `${method}(${JSON.stringify(symbol)}, ${quotedName})`).join(" or ");
  throw new Error(
    `${method}(${quotedName}): ${kind} ${name} ran on ${symbols.length} symbols (${symbols.join(", ")}); name one: ${choices}`
  );
};

/**
 * [symbol, name] of a report call written as (symbol, name) or, as in backtest-kit 1.4,
 * as (name): then the one symbol it ran on.
 */
export const resolveReportTarget = (
  lookup: IReportTargetLookup,
  method: string,
  first: string,
  second?: string
): [string, string] => {
  if (second !== undefined) {
    return [first, second];
  }
  lookup.validate(first, method);
  return [pickOnlySymbol(method, lookup.kind, first, lookup.symbolsOf(first)), first];
};

/**
 * [symbol, name, dir] of a dump call written as (symbol, name, dir?) or, as in
 * backtest-kit 1.4, as (name, dir?): the second argument counts as a name only when
 * something is registered under it.
 */
export const resolveDumpTarget = (
  lookup: IReportTargetLookup,
  method: string,
  first: string,
  second?: string,
  third?: string
): [string, string, string | undefined] => {
  const isNameOnly =
    third === undefined && (second === undefined || !lookup.has(second)) && lookup.has(first);
  if (!isNameOnly) {
    return [first, second as string, third];
  }
  return [...resolveReportTarget(lookup, method, first), second];
};
