import { BLIND_SYMBOL_ALIAS } from "./blindFrame";

/** What was taken out of a text to keep it blind, by kind. */
export interface IBlindTextFindings {
  /** The text with every finding replaced by "[date]", the alias, or "[price]". */
  text: string;
  /** Dates and times: ISO and numeric dates, year-months, month names with a day or year, years 1990-2099, epoch ms and s. */
  dates: number;
  /** Prices: numbers within the band of real prices. */
  prices: number;
  /** The symbol and its base asset (the symbol without a known quote currency). */
  symbols: number;
}

/** Real prices seen in the data: numbers in [min / 2, max x 2] count as prices. */
export interface IPriceBand {
  min: number;
  max: number;
}

/** Quote currencies stripped from a symbol to name its base asset (BTCUSDT -> BTC). */
const QUOTE_CURRENCIES = ["USDT", "USDC", "BUSD", "TUSD", "FDUSD", "USD", "EUR", "GBP", "TRY", "BTC", "ETH", "BNB"];

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

/** Date and time patterns, most specific first. */
const DATE_PATTERNS: ReadonlyArray<RegExp> = [
  /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g,
  /\b\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b/g,
  /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/g,
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\b\.?(?:,?\s+\d{4})?`, "gi"),
  new RegExp(String.raw`\b${MONTH}\b\.?\s+\d{1,4}(?:st|nd|rd|th)?(?:,?\s+\d{4})?`, "gi"),
  /\b1\d{12}\b/g,
  /\b1\d{9}\b/g,
  /\b(?:199\d|20\d{2})\b/g,
];

/** A number as text: digits with optional thousands separators and decimals. */
const NUMBER = /(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])/g;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The symbol and its base asset, longest first, as case-insensitive whole words. */
const symbolPattern = (symbol: string) => {
  const upper = symbol.toUpperCase();
  const quote = QUOTE_CURRENCIES.find((currency) => upper.endsWith(currency) && upper.length > currency.length);
  const names = [upper, ...(quote === undefined ? [] : [upper.slice(0, -quote.length)])];
  return new RegExp(`(?<![A-Za-z0-9])(?:${names.map(escapeRegExp).join("|")})(?![A-Za-z0-9])`, "gi");
};

/** Replaces every match of `pattern` in `text`, counting them. */
const replaceCounting = (text: string, pattern: RegExp, replace: (match: string) => string | null) => {
  let count = 0;
  const result = text.replace(pattern, (match) => {
    const replacement = replace(match);
    if (replacement === null) {
      return match;
    }
    count += 1;
    return replacement;
  });
  return { result, count };
};

/**
 * `text` with what would let a model recognise the moment taken out: dates (replaced by
 * "[date]"), the symbol and its base asset (by the alias ASSET), and, when `band` is
 * known, numbers within [band.min / 2, band.max x 2] (by "[price]"); with the count of
 * each.
 */
export const redactBlindText = (text: string, symbol: string, band: IPriceBand | null): IBlindTextFindings => {
  let dates = 0;
  let current = text;
  for (const pattern of DATE_PATTERNS) {
    const { result, count } = replaceCounting(current, pattern, () => "[date]");
    current = result;
    dates += count;
  }
  const symbols = replaceCounting(current, symbolPattern(symbol), () => BLIND_SYMBOL_ALIAS);
  current = symbols.result;
  let prices = 0;
  if (band !== null) {
    const numbers = replaceCounting(current, NUMBER, (match) => {
      const value = Number(match.replace(/,/g, ""));
      return value >= band.min / 2 && value <= band.max * 2 ? "[price]" : null;
    });
    current = numbers.result;
    prices = numbers.count;
  }
  return { text: current, dates, prices, symbols: symbols.count };
};

const PRICE_FIELDS = ["open", "high", "low", "close"];

/** The band of the candle prices (open, high, low, close fields) among `rows`, merged into `band`; null while none was seen. */
export const widenPriceBand = (band: IPriceBand | null, rows: ReadonlyArray<unknown>): IPriceBand | null => {
  let min = band?.min ?? Infinity;
  let max = band?.max ?? -Infinity;
  for (const row of rows) {
    if (typeof row !== "object" || row === null) {
      continue;
    }
    for (const field of PRICE_FIELDS) {
      const value = (row as Record<string, unknown>)[field];
      if (typeof value === "number" && Number.isFinite(value) && value > 0) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
  }
  return min <= max ? { min, max } : null;
};

/** An ISO-like date, as plain candle lines and logs write them. */
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

/**
 * What in the messages of a blind request would name the moment: "the symbol", "a date"
 * (YYYY-MM-DD), "the real last close" (`anchorPrice` as a whole number token); [] when
 * nothing. A cheap guard against templates that forgot to format blind.
 */
export const findBlindLeaks = (texts: string[], symbol: string, anchorPrice: number): string[] => {
  const joined = texts.join("\n");
  const price = new RegExp(`(?<![\\d.])${escapeRegExp(String(anchorPrice))}(?![\\d])`);
  return [
    ...(new RegExp(escapeRegExp(symbol), "i").test(joined) ? ["the symbol"] : []),
    ...(ISO_DATE.test(joined) ? ["a date"] : []),
    ...(price.test(joined) ? ["the real last close"] : []),
  ];
};
