import { readFile } from "node:fs/promises";
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { CandleInterval, ICandleData } from "../../interfaces/Exchange.interface";
import { parseCandleCsv } from "./parseCandleCsv";
import { toError } from "../toError";

const gunzipAsync = promisify(gunzip);

/** Whether the bytes start with the gzip magic number. */
const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The checked candles of a CSV file (see parseCandleCsv), plain or gzip-compressed
 * (told apart by its first bytes, not its name).
 */
export const readCandleCsvFile = async (file: string, interval: CandleInterval): Promise<ICandleData[]> => {
  const bytes = await readFile(file);
  let text: string;
  try {
    text = (isGzip(bytes) ? await gunzipAsync(bytes) : bytes).toString("utf8");
  } catch (error) {
    throw toError(`candle CSV ${file} could not be decompressed`, error);
  }
  return parseCandleCsv(text, { source: file, interval });
};
