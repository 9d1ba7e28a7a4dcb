import { distinctDocuments, resolveDocuments } from "functools-kit";
import {
  IOptimizerData,
  IOptimizerFilterArgs,
  IOptimizerMessageFormatter,
  IOptimizerRange,
  IOptimizerSourceFn,
  Source,
} from "../../interfaces/Optimizer.interface";
import { describeValue } from "../../utils/describeValue";
import { toError } from "../../utils/toError";

/** Rows asked of a source per page, as in the reference. */
const PAGE_SIZE = 25;

/** Default bound on the rows one source may return for one range. */
export const DEFAULT_MAX_ROWS = 1_000_000;

/** Name of a source that has none (a plain function, or an empty name). */
const DEFAULT_SOURCE_NAME = "unknown";

/** Where a source's rows are being collected: for error messages. */
export interface ISourceScope {
  optimizerName: string;
  sourceName: string;
  rangeIndex: number;
  range: IOptimizerRange;
}

/** A source with its name and formatters resolved. */
export interface IResolvedSource {
  name: string;
  fetch: IOptimizerSourceFn;
  user?: IOptimizerMessageFormatter;
  assistant?: IOptimizerMessageFormatter;
}

/** Counts the rows that came through de-duplication. */
interface IRowCounter {
  rows: number;
}

/** `range K (START - END)`, K counted from 1: how messages name a training range. */
export const describeRange = (rangeIndex: number, range: IOptimizerRange) =>
  `range ${rangeIndex + 1} (${range.startDate.toISOString()} - ${range.endDate.toISOString()})`;

/** `optimizer O source S range K (...)`: how messages name one source of one range. */
export const describeScope = ({ optimizerName, sourceName, rangeIndex, range }: ISourceScope) =>
  `optimizer ${optimizerName} source ${sourceName} ${describeRange(rangeIndex, range)}`;

/** A schema's source with its name ("unknown" when it has none) and formatters. */
export const resolveSource = (source: Source): IResolvedSource =>
  typeof source === "function"
    ? { name: DEFAULT_SOURCE_NAME, fetch: source }
    : {
        name: source.name || DEFAULT_SOURCE_NAME,
        fetch: source.fetch,
        user: source.user,
        assistant: source.assistant,
      };

const isRowId = (id: unknown) => typeof id === "string" || (typeof id === "number" && Number.isFinite(id));

/** Checks one page a source returned: an array of rows, each with an id. */
const assertPage = (page: unknown, offset: number, scope: ISourceScope): IOptimizerData[] => {
  if (!Array.isArray(page)) {
    throw new Error(`${describeScope(scope)} returned ${describeValue(page)} at offset ${offset}, expected an array of rows`);
  }
  if (page.length > PAGE_SIZE) {
    throw new Error(`${describeScope(scope)} returned ${page.length} rows at offset ${offset}, more than the limit of ${PAGE_SIZE}`);
  }
  page.forEach((row, index) => {
    if (typeof row !== "object" || row === null || !isRowId(row.id)) {
      throw new Error(
        `${describeScope(scope)} returned a row without a string or number id at offset ${offset + index}: ${describeValue(row)}`
      );
    }
  });
  return page;
};

/**
 * Asks a source for page after page until a short page. Every page is checked; a full
 * page that adds no new row (the source does not advance) and a source that passes
 * `maxRows` are errors naming the source and the range, so nothing loops forever.
 */
async function* fetchPages(
  fetch: IOptimizerSourceFn,
  filter: IOptimizerFilterArgs,
  maxRows: number,
  counter: IRowCounter,
  scope: ISourceScope
) {
  for (let offset = 0; ; offset += PAGE_SIZE) {
    if (offset >= maxRows) {
      throw new Error(`${describeScope(scope)} still returns full pages after ${maxRows} rows (maxRows)`);
    }
    let page: unknown;
    try {
      page = await fetch({ ...filter, limit: PAGE_SIZE, offset });
    } catch (error) {
      throw toError(`${describeScope(scope)} failed at offset ${offset}`, error);
    }
    const rows = assertPage(page, offset, scope);
    const rowsBefore = counter.rows;
    yield rows;
    if (rows.length < PAGE_SIZE) {
      return;
    }
    if (counter.rows === rowsBefore) {
      throw new Error(
        `${describeScope(scope)} does not advance: the full page at offset ${offset} holds only rows already seen`
      );
    }
  }
}

/** Passes rows through, counting them. */
async function* countRows<T>(rows: AsyncIterable<T>, counter: IRowCounter) {
  for await (const row of rows) {
    counter.rows += 1;
    yield row;
  }
}

/** All rows of one source for one range, page after page, de-duplicated by id. */
export const collectRows = async (
  source: IResolvedSource,
  filter: IOptimizerFilterArgs,
  maxRows: number,
  scope: ISourceScope
): Promise<IOptimizerData[]> => {
  const counter: IRowCounter = { rows: 0 };
  const pages = fetchPages(source.fetch, filter, maxRows, counter, scope);
  const distinct = distinctDocuments<IOptimizerData>(pages, (row) => row.id);
  return await resolveDocuments(countRows(distinct, counter));
};
