// The columnar dataset: where the file's bytes are read from (its ByteSource, never a copy),
// each row's byte range, and one Float64Array per numeric column (NaN = missing). Text
// cells stay in the file and are read again on demand, so a 1M-row file costs little more
// than its columns. A text column with few distinct values (plan, country, contract) is
// also dictionary-coded: categories + one Uint16 code per row. A column of dates (last
// purchase, last login) holds days since 1970-01-01 UTC.
//
// Loading is lazy: loadCsv reads the file in chunks, records every row's offsets and parses
// only the columns asked for (those the first screen shows); ensureColumns parses any other
// column when a view first needs it, by reading the rows again through the source.
import { chooseDateOrder, dateCellShape, NOT_A_DATE, type DateOrder } from '../csv/dates';
import { detectEncoding, PROBE_BYTES, textDecoder, utf16ToUtf8, Utf8Checker, type Encoding } from '../csv/decode';
import { isMissingCell, parseFlagBytes, parseNumberBytes, type DecimalSeparator } from '../csv/numbers';
import { readRows, RowFields, scanRows, type RowVisitor, type ScanRules } from '../csv/scan';
import { findHeaderRow, HEADER_SEARCH_ROWS, rowPreview, type HeaderCandidate } from '../csv/header';
import { sniffDialect, SAMPLE_BYTES, type Dialect } from '../csv/sniff';
import { ColumnScanner, type ColumnCells } from '../csv/columnScan';
import type { IdCells } from '../csv/idCells';
import { ChunkedRowScanner } from '../csv/rowStream';
import { bytesSource, type ByteSource } from '../csv/source';
import { BLOCK_BYTES, forEachRowBlock } from './rowBlocks';

export { MAX_CATEGORIES, MISSING_CODE } from '../csv/columnScan';

/**
 * number: parsed numbers; flag: yes/no read as 1/0; date: days since 1970-01-01 UTC
 * (fractional with a time of day); text: kept in the file's bytes.
 */
export const COLUMN_KINDS = ['number', 'flag', 'date', 'text'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/**
 * One column. Its name, kind and date order come from the header and the sample at load;
 * its cells (values, codes, categories) and their counts (missing, invalid) only once it
 * is scanned: at load when asked for, else by ensureColumns. Reading them from a column
 * not yet scanned throws ColumnNotScannedError (a caller forgot ensureColumns).
 */
export interface Column {
  name: string;
  kind: ColumnKind;
  /** A date column's field order for D/M/Y-like cells (chooseDateOrder), else null. */
  dateOrder: DateOrder | null;
  /** False until the column's cells are read; the fields below are readable only when true. */
  isScanned: boolean;
  /** Parsed values for number, flag and date columns (NaN = missing or unparsable), else null. */
  values: Float64Array | null;
  /** Rows whose non-blank cell in this numeric (or date) column does not parse, ascending. */
  invalidRows: Uint32Array;
  missingCount: number;
  /**
   * A categorical text column's distinct values (trimmed, missing tokens left out), in
   * code-unit order so the order does not depend on the file's row order; null when the
   * column is not text or has more than MAX_CATEGORIES distinct values (free text).
   */
  categories: string[] | null;
  /** Per row, the index of its value in `categories`, MISSING_CODE when missing; null with categories. */
  codes: Uint16Array | null;
}

/** A column's cells were read before the column was scanned: the caller must call ensureColumns first. */
export class ColumnNotScannedError extends Error {
  constructor(column: string) {
    super(`Column "${column}" was read before it was scanned (ensureColumns).`);
    this.name = 'ColumnNotScannedError';
  }
}

/** A row range read again from the source does not hold the rows the load recorded: the file changed, or a bug. */
export class RowOffsetsError extends Error {
  constructor(detail: string) {
    super(`The file's rows are not where the load found them (${detail}); load the file again.`);
    this.name = 'RowOffsetsError';
  }
}

export interface Dataset {
  name: string;
  /** The file's bytes, read again for text cells, later columns and the export; UTF-16 is held transcoded to UTF-8. */
  source: ByteSource;
  sourceEncoding: Encoding;
  textEncoding: 'utf-8' | 'windows-1252';
  dialect: Dialect;
  /** Scanned columns are filled in place by ensureColumns (the array's entries are replaced). */
  columns: Column[];
  rowCount: number;
  /**
   * Byte range of data row r in the source (line break excluded): [rowStarts[r], rowEnds[r]).
   * Uint32: a file over 4 GB is refused (MAX_FILE_BYTES), and 32-bit offsets halve what
   * 10M rows cost (80 MB instead of 160).
   */
  rowStarts: Uint32Array;
  rowEnds: Uint32Array;
  /** Rows whose cell count differs from the header's, with their counts, ascending. */
  raggedRows: Uint32Array;
  raggedCounts: Uint32Array;
  /**
   * Rows with a stray quote, ascending: a quote opening a cell ran past the row's line, so
   * the row was read as that line alone with the quote as a character of its cell (scanRows).
   */
  recoveredRows: Uint32Array;
  /** Things the user should know that did not stop the load (renamed headers, …). */
  notices: string[];
  /** Which row is the header, and the first rows a user may choose instead. */
  header: HeaderInfo;
  /** The id column's cells, kept by the load when it was asked to (LoadOptions.idColumn): what a comparison matches on. */
  ids?: { column: number; cells: IdCells } | null;
}

export interface HeaderInfo {
  /** Index among the file's non-empty rows (0 = the first). */
  index: number;
  /** Its line in the file, from 1. */
  line: number;
  /** The first rows (up to HEADER_CANDIDATES), for choosing another. */
  candidates: HeaderCandidate[];
}

/** Rows of a wide file's width the column kinds are read from, at least (a narrow file's 256 KB sample holds thousands). */
const KIND_ROWS = 50;

/** Rows offered as the header in the picker. */
const HEADER_CANDIDATES = 12;

export type LoadProblem = { kind: 'empty-file' } | { kind: 'binary' } | { kind: 'header-only'; columns: number } | { kind: 'too-large'; bytes: number };

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problem: LoadProblem };

/** Row offsets are Uint32 (see Dataset.rowStarts). */
export const MAX_FILE_BYTES = 0xffffffff;
/**
 * A column is numeric when at least this share of its non-blank sample cells parse: a
 * few typos ("abc" in a score column) must not turn a score column into text, and the
 * cells that do not parse are flagged per row instead.
 */
const NUMERIC_SHARE = 0.7;
const SAMPLE_ROWS = 2000;
/** A text column is a yes/no flag when this share of its non-blank sample cells are yes/no words. */
const FLAG_SHARE = 0.95;
/** A text column is a date column when this share of its non-blank sample cells are dates, as for flags. */
const DATE_SHARE = 0.95;
const PROGRESS_EVERY_ROWS = 1 << 16;
/** Bytes per chunk of a streaming load: few enough reads, and two chunks (one read ahead) cost little memory. */
export const LOAD_CHUNK_BYTES = 8 << 20;
/** The first chunk read after the head: small, so scanning starts early; each next one doubles up to the chunk size. */
const FIRST_CHUNK_BYTES = 1 << 20;

/** The header's names and the sample's kinds: what a load's choice of columns may depend on. */
export type ColumnHead = Pick<Column, 'name' | 'kind'>;

export interface LoadOptions {
  /**
   * The columns to parse during the load, chosen from the header's names and the sample's
   * kinds (the engine: the columns the auto-mapped model reads); every column when absent.
   * The others stay unscanned until ensureColumns.
   */
  wantedColumns?: (columns: readonly ColumnHead[]) => Iterable<string | null>;
  /** The column whose cells to keep as ids (Dataset.ids), chosen from the header; none when absent or null. */
  idColumn?: (columns: readonly ColumnHead[]) => string | null;
  /** Bytes per chunk read; LOAD_CHUNK_BYTES when absent. Any size ≥ 1 gives the same dataset. */
  chunkBytes?: number;
  /** Share of the file scanned (0..1), every 65,536 rows. */
  onProgress?: (fraction: number) => void;
  /** Called with true when the load waits for bytes to arrive and false when they have: the engine times the waits. */
  onReadWait?: (isWaiting: boolean) => void;
  /** The header row the user chose, as an index among the non-empty rows; found (findHeaderRow) when absent. */
  headerIndex?: number;
}

/** A file to load: its source, and optionally an asynchronous way to read chunks (the worker reads the File ahead while it scans). */
export interface CsvFile {
  source: ByteSource;
  /** Reads bytes [start, end); source.read when absent. */
  readChunk?: (start: number, end: number) => Promise<Uint8Array> | Uint8Array;
  /** The whole file as a stream of bytes, read front to back by the load when given (readChunk is then not used by it). */
  stream?: () => ReadableStream<Uint8Array>;
}

/**
 * Parses CSV bytes into a Dataset with every column scanned: the reference the streaming
 * load is tested against, and the load of tests and Node scripts. The first non-empty row
 * is the header; blank and duplicate names are made unique (and noted). Kinds come from
 * the first rows: a column is numeric when ≥ 70 % of its non-blank cells parse; later cells
 * that do not are kept as text in the file and listed in invalidRows.
 */
export function parseCsv(input: Uint8Array, name: string, onProgress?: (fraction: number) => void, headerIndex?: number): LoadResult {
  if (input.length > MAX_FILE_BYTES) return { ok: false, problem: { kind: 'too-large', bytes: input.length } };
  const encoding = detectEncoding(input);
  if (!encoding.ok) return { ok: false, problem: { kind: 'binary' } };
  return loadBytes(input, encoding.encoding, encoding.bomLength, name, { onProgress, headerIndex });
}

/**
 * Loads a CSV file in chunks of options.chunkBytes, reading the next chunk while it scans
 * the current one, and keeps the source instead of the bytes. Parses only the columns
 * options.wantedColumns chooses; the dataset is the same as parseCsv's for every column
 * scanned (the row offsets, ragged rows and notices always). A UTF-16 file is read whole
 * and transcoded to UTF-8 first, as parseCsv does (rare; the slower path).
 */
export async function loadCsv(file: CsvFile, name: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { source } = file;
  const size = source.size;
  if (size > MAX_FILE_BYTES) return { ok: false, problem: { kind: 'too-large', bytes: size } };
  const chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? LOAD_CHUNK_BYTES));
  const read = sequentialReader(file, size, chunkBytes);
  let received = 0;
  /** The next bytes of the file in order; null at its end. */
  const next = async (): Promise<Uint8Array | null> => {
    options.onReadWait?.(true);
    const chunk = await read();
    options.onReadWait?.(false);
    if (chunk === null && received < size) throw new RowOffsetsError(`read ${received} bytes of ${size}`);
    if (chunk !== null && received + chunk.length > size) throw new RowOffsetsError(`read more than the ${size} bytes the file has`);
    received += chunk?.length ?? 0;
    return chunk;
  };
  /** The head grown to at least `length` bytes (or the whole file). */
  let head: Uint8Array = new Uint8Array(0);
  const readHead = async (length: number) => {
    const parts = [head];
    let total = head.length;
    while (total < Math.min(size, length)) {
      const chunk = await next();
      if (chunk === null) break;
      parts.push(chunk);
      total += chunk.length;
    }
    head = parts.length === 1 ? head : concatBytes(parts, total);
  };
  await readHead(PROBE_BYTES);
  const encoding = detectEncoding(head, size);
  if (!encoding.ok) return { ok: false, problem: { kind: 'binary' } };
  if (encoding.encoding === 'utf-16le' || encoding.encoding === 'utf-16be') {
    await readHead(size);
    return loadBytes(head, encoding.encoding, encoding.bomLength, name, options);
  }
  let plan = planLoad(head, size, encoding.encoding, encoding.bomLength, options.headerIndex);
  while (plan === NEED_MORE) {
    await readHead(head.length * 2);
    plan = planLoad(head, size, encoding.encoding, encoding.bomLength, options.headerIndex);
  }
  if (!plan.ok) return plan;
  const loader = createLoader(plan.plan, wantedIndexes(plan.plan, options.wantedColumns), size, options.onProgress, idIndex(plan.plan, options.idColumn));
  // The head read for the plan is scanned first, in chunks, not read again; then each chunk
  // as it comes (the next one is being read meanwhile).
  let offset = plan.plan.headerEnd;
  while (offset < head.length) {
    const end = Math.min(head.length, offset + chunkBytes);
    loader.push(head.subarray(offset, end), offset, end === size);
    offset = end;
  }
  for (let chunk = offset < size ? await next() : null; chunk !== null; chunk = offset < size ? await next() : null) {
    const end = offset + chunk.length;
    loader.push(chunk, offset, end === size);
    offset = end;
  }
  return loader.finish(source, name);
}

/**
 * The file front to back. From its stream when it has one (the browser's File: bytes
 * arrive as they are read, 2–3× the throughput of slice reads at 1M); else by readChunk (or
 * the source): the first PROBE_BYTES, then chunks from FIRST_CHUNK_BYTES doubling up to
 * chunkBytes, each asked for before the previous one is handed over, so the read runs
 * while the previous chunk is scanned.
 */
function sequentialReader(file: CsvFile, size: number, chunkBytes: number): () => Promise<Uint8Array | null> {
  if (file.stream) {
    const reader = file.stream().getReader();
    return async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        if (value.length > 0) return value;
      }
    };
  }
  const { source } = file;
  const readChunk = file.readChunk ?? ((start: number, end: number) => source.read(start, end));
  let offset = 0;
  let step = Math.min(chunkBytes, FIRST_CHUNK_BYTES);
  const ask = (length: number) => {
    const start = offset;
    const end = Math.min(size, start + length);
    offset = end;
    return start < end ? { pending: readChunk(start, end), length: end - start } : null;
  };
  let ahead = ask(PROBE_BYTES);
  return async () => {
    if (ahead === null) return null;
    const current = ahead;
    ahead = ask(step);
    step = Math.min(chunkBytes, step * 2);
    const chunk = await current.pending;
    if (chunk.length !== current.length) throw new RowOffsetsError(`read ${chunk.length} bytes of ${current.length}`);
    return chunk;
  };
}

function concatBytes(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The load of bytes in memory (parseCsv, and a UTF-16 file once read whole): one chunk. */
function loadBytes(input: Uint8Array, encoding: Encoding, bomLength: number, name: string, options: Pick<LoadOptions, 'wantedColumns' | 'onProgress' | 'headerIndex' | 'idColumn'>): LoadResult {
  const isUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const bytes = isUtf16 ? utf16ToUtf8(input, encoding, bomLength) : input;
  const plan = planLoad(bytes, bytes.length, encoding, isUtf16 ? 0 : bomLength, options.headerIndex);
  // The head is the whole file, so the header row always ends within it.
  if (plan === NEED_MORE) throw new RowOffsetsError('the header row has no end in the whole file');
  if (!plan.ok) return plan;
  const loader = createLoader(plan.plan, wantedIndexes(plan.plan, options.wantedColumns), bytes.length, options.onProgress, idIndex(plan.plan, options.idColumn));
  loader.push(bytes.subarray(plan.plan.headerEnd), plan.plan.headerEnd, true);
  return loader.finish(bytesSource(bytes), name);
}

/** What the first bytes of a file decide for the whole load. */
interface LoadPlan {
  header: HeaderInfo;
  sourceEncoding: Encoding;
  textEncoding: 'utf-8' | 'windows-1252';
  dialect: Dialect;
  names: string[];
  notices: string[];
  kinds: ColumnKind[];
  dateOrders: (DateOrder | null)[];
  /** File offset just after the header row: where the data rows begin. */
  headerEnd: number;
  /** Bytes per data row in the sample (≥ 16): the guess of how many rows the file has, so the arrays rarely grow. */
  rowBytes: number;
}

/** planLoad needs a longer head: the header row does not end within it. */
const NEED_MORE = 'need-more';

/**
 * The dialect (sniffed on the first SAMPLE_BYTES after the BOM), the header, and the
 * columns' kinds (detected on the rows of that sample) from `head`, the file's first bytes:
 * at least min(size, PROBE_BYTES) of them, so they hold the sample.
 */
function planLoad(head: Uint8Array, size: number, encoding: Encoding, from: number, headerIndex?: number): { ok: true; plan: LoadPlan } | { ok: false; problem: LoadProblem } | typeof NEED_MORE {
  const textEncoding = encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  const decoder = textDecoder(textEncoding);
  const sampleEnd = Math.min(size, from + SAMPLE_BYTES);
  const sampleText = decoder.decode(head.subarray(from, sampleEnd));
  if (sampleText.trim() === '') return { ok: false, problem: { kind: 'empty-file' } };
  const dialect = sniffDialect(sampleText, sampleEnd === size);
  const delimiter = dialect.delimiter.charCodeAt(0);
  // The header: the first row that looks like one (src/core/csv/header.ts), or the one the user chose.
  const firstRows = readRows(head, from, Math.min(head.length, Math.max(sampleEnd, from + 1)), delimiter, decoder, HEADER_SEARCH_ROWS);
  const index = Math.max(0, Math.min(headerIndex ?? findHeaderRow(firstRows), firstRows.length - 1));
  // A quote still open where the head ends may close further on: the header is then read with more bytes.
  const headRules: ScanRules = { headerCells: 0, isInputEnd: head.length >= size };
  let headerStart = from;
  for (let k = 0; k < index; k++) headerStart = endOfFirstRow(head, headerStart, delimiter, headRules);
  const headerEnd = endOfFirstRow(head, headerStart, delimiter, headRules);
  if (headerEnd === head.length && head.length < size) return NEED_MORE;
  const { names, notices } = uniqueHeaders(readRows(head, headerStart, head.length, delimiter, decoder, 1, headRules)[0] ?? []);
  const candidates = headerCandidates(head, from, firstRows, delimiter, lineCounter(head, from), headRules);
  const header = { index, line: candidates[index]?.line ?? lineCounter(head, from)(headerStart), candidates };
  if (index > 0) {
    notices.unshift(
      `The header is on line ${header.line} ("${rowPreview(firstRows[index], 40)}"): the ${header.line - 1 === 1 ? 'line' : `${header.line - 1} lines`} above it (a title, a date or blank lines) ${header.line - 1 === 1 ? 'is' : 'are'} not customers and ${header.line - 1 === 1 ? 'was' : 'were'} skipped. Choose another header row under "Header row" if this is wrong.`,
    );
  }
  // Kinds are read from rows after the header: at least the sample's bytes, and for a wide
  // file (a header of 20,000 names passes 256 KB) room for KIND_ROWS rows of the header's
  // width, so its columns are not all text for want of a row.
  const kindsWant = Math.min(size, headerEnd + Math.max(SAMPLE_BYTES - (headerEnd - from), (headerEnd - headerStart) * KIND_ROWS));
  if (head.length < kindsWant && head.length < size) return NEED_MORE;
  // A sample cut mid-file ends at its last line break, so no row in it is partial.
  const kindsEnd = kindsWant < size ? Math.max(headerEnd, head.lastIndexOf(0x0a, kindsWant - 1) + 1) : size;
  const { kinds, dateOrders, sampleRows, sampleEnd: sampledTo } = detectColumns(head, headerEnd, kindsEnd, delimiter, names.length, dialect.decimal);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') notices.push(`Read as ${encoding.toUpperCase()}: converted to UTF-8 first (slower path).`);
  if (textEncoding === 'windows-1252') notices.push('Read as Windows-1252 (the file is not valid UTF-8).');
  // The sample's mean row, or the first row when the sample holds none (a header longer than the sample).
  const rowBytes = sampleRows > 0 ? (sampledTo - headerEnd) / sampleRows : endOfFirstRow(head, headerEnd, delimiter, headRules) - headerEnd;
  return { ok: true, plan: { sourceEncoding: encoding, textEncoding, dialect, names, notices, kinds, dateOrders, headerEnd, header, rowBytes: Math.max(16, rowBytes) } };
}

/** Line number (from 1) of a byte offset in head, counting LF (or lone CR) line breaks from `from`; each call continues from the last. */
function lineCounter(head: Uint8Array, from: number): (offset: number) => number {
  let at = from;
  let line = 1;
  return (offset) => {
    for (; at < offset; at++) {
      const c = head[at];
      if (c === 0x0a || (c === 0x0d && head[at + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

/** The first rows with their line numbers and previews: what the "Header row" picker offers. */
function headerCandidates(head: Uint8Array, from: number, rows: readonly string[][], delimiter: number, lineOf: (offset: number) => number, rules: ScanRules): HeaderCandidate[] {
  const candidates: HeaderCandidate[] = [];
  let start = from;
  for (let i = 0; i < Math.min(rows.length, HEADER_CANDIDATES); i++) {
    // Past blank lines: the row starts at its first byte that is not a line break.
    while (start < head.length && (head[start] === 0x0a || head[start] === 0x0d)) start++;
    candidates.push({ index: i, line: lineOf(start), preview: rowPreview(rows[i]) });
    start = endOfFirstRow(head, start, delimiter, rules);
  }
  return candidates;
}

/** The indexes of the columns a load parses, ascending. */
function wantedIndexes(plan: LoadPlan, wantedColumns: LoadOptions['wantedColumns']): number[] {
  if (!wantedColumns) return plan.names.map((_, c) => c);
  const wanted = new Set(wantedColumns(columnHeads(plan)));
  return plan.names.flatMap((name, c) => (wanted.has(name) ? [c] : []));
}

/** The header's names with the sample's kinds: what a load's choices of columns are made from. */
const columnHeads = (plan: LoadPlan): ColumnHead[] => plan.names.map((name, c) => ({ name, kind: plan.kinds[c] }));

/** The index of the column a load keeps as ids, or null. */
function idIndex(plan: LoadPlan, idColumn: LoadOptions['idColumn']): number | null {
  const name = idColumn?.(columnHeads(plan)) ?? null;
  const c = name === null ? -1 : plan.names.indexOf(name);
  return c < 0 ? null : c;
}

/**
 * The load's one pass over the data rows, fed chunk by chunk: each row's byte range, its
 * cell count when ragged, the wanted columns' cells and the id column's.
 */
function createLoader(plan: LoadPlan, wanted: readonly number[], size: number, onProgress?: (fraction: number) => void, idColumn: number | null = null) {
  const columnCount = plan.names.length;
  // 10 % over the sample's guess: the arrays keep their spare room (grown by half when short).
  let capacity = Math.ceil(((size - plan.headerEnd) / plan.rowBytes) * 1.1) + 16;
  let rowStarts = new Uint32Array(capacity);
  let rowEnds = new Uint32Array(capacity);
  const decoder = textDecoder(plan.textEncoding);
  const scanner = new ColumnScanner(plan.kinds, plan.dateOrders, wanted, capacity, plan.dialect.decimal, decoder, idColumn);
  const raggedRows: number[] = [];
  const raggedCounts: number[] = [];
  const recoveredRows: number[] = [];
  // A file is read as UTF-8 when its first PROBE_BYTES are: the rest is checked as it
  // streams by, and the rows holding what is not UTF-8 (shown as "�") are counted for a notice.
  const utf8 = plan.sourceEncoding === 'utf-8' ? new Utf8Checker() : null;
  const invalidOffsets: number[] = [];
  let nextInvalid = 0;
  const notUtf8 = { count: 0, first: [] as number[] };
  let row = 0;
  const rows = new ChunkedRowScanner(plan.dialect.delimiter.charCodeAt(0), columnCount, new RowFields(Math.max(64, columnCount + 8)), (buf, base, rowStart, rowEnd, fields) => {
    if (row === capacity) {
      capacity = Math.ceil(capacity * 1.5);
      rowStarts = grow(rowStarts, capacity);
      rowEnds = grow(rowEnds, capacity);
      scanner.grow(capacity);
    }
    rowStarts[row] = base + rowStart;
    rowEnds[row] = base + rowEnd;
    if (fields.count !== columnCount) {
      raggedRows.push(row);
      raggedCounts.push(fields.count);
    }
    if (fields.isRecovered) recoveredRows.push(row);
    if (nextInvalid < invalidOffsets.length && invalidOffsets[nextInvalid] < base + rowEnd) {
      if (notUtf8.count++ < LISTED_ROWS) notUtf8.first.push(row);
      while (nextInvalid < invalidOffsets.length && invalidOffsets[nextInvalid] < base + rowEnd) nextInvalid++;
    }
    scanner.row(row, buf, fields);
    row++;
    if (onProgress && (row & (PROGRESS_EVERY_ROWS - 1)) === 0) onProgress((base + rowEnd) / size);
  });
  return {
    push(chunk: Uint8Array, base: number, isLast: boolean): void {
      if (utf8) {
        utf8.push(chunk, base, invalidOffsets);
        if (isLast) utf8.end(invalidOffsets);
      }
      rows.push(chunk, base, isLast);
      // The offsets the rows have passed are done with.
      if (nextInvalid === invalidOffsets.length) {
        invalidOffsets.length = 0;
        nextInvalid = 0;
      }
    },
    finish(source: ByteSource, name: string): LoadResult {
      if (row === 0) return { ok: false, problem: { kind: 'header-only', columns: columnCount } };
      const cells = scanner.finish(row);
      const columns = plan.names.map((columnName, c) => {
        const read = cells[c];
        return read ? scannedColumn(columnName, plan.kinds[c], plan.dateOrders[c], read) : unscannedColumn(columnName, plan.kinds[c], plan.dateOrders[c]);
      });
      const dataset: Dataset = {
        name,
        source,
        sourceEncoding: plan.sourceEncoding,
        textEncoding: plan.textEncoding,
        dialect: plan.dialect,
        columns,
        rowCount: row,
        rowStarts: rowStarts.subarray(0, row),
        rowEnds: rowEnds.subarray(0, row),
        raggedRows: Uint32Array.from(raggedRows),
        raggedCounts: Uint32Array.from(raggedCounts),
        recoveredRows: Uint32Array.from(recoveredRows),
        notices: [...plan.notices],
        header: plan.header,
        ids: scanner.finishIds(row),
      };
      if (recoveredRows.length > 0) dataset.notices.push(recoveredRowsNotice(recoveredRows, rowCells(dataset, recoveredRows[0])));
      if (notUtf8.count > 0) dataset.notices.push(notUtf8Notice(notUtf8.first, notUtf8.count, rowCells(dataset, notUtf8.first[0])));
      return { ok: true, dataset };
    },
  };
}

function scannedColumn(name: string, kind: ColumnKind, dateOrder: DateOrder | null, cells: ColumnCells): Column {
  return { name, kind, dateOrder, isScanned: true, ...cells };
}

/** A column known by name and kind only: reading its cells throws until ensureColumns has scanned it. */
function unscannedColumn(name: string, kind: ColumnKind, dateOrder: DateOrder | null): Column {
  const notScanned = (): never => {
    throw new ColumnNotScannedError(name);
  };
  return {
    name,
    kind,
    dateOrder,
    isScanned: false,
    get values() {
      return notScanned();
    },
    get invalidRows() {
      return notScanned();
    },
    get missingCount() {
      return notScanned();
    },
    get categories() {
      return notScanned();
    },
    get codes() {
      return notScanned();
    },
  };
}

/**
 * Scans the named columns that are not scanned yet, reading the rows again from the source
 * in blocks, and puts each in dataset.columns in place of its unscanned entry. Names of
 * scanned or absent columns (and null) are passed over. Returns the names scanned now.
 * Cost: one read of the file's rows, in blocks of blockBytes, and a parse of the columns' cells.
 */
export function ensureColumns(dataset: Dataset, names: Iterable<string | null>, blockBytes = BLOCK_BYTES): string[] {
  const indexOf = new Map(dataset.columns.map((column, c) => [column.name, c]));
  const indexes = new Set<number>();
  for (const name of names) {
    const c = name === null ? undefined : indexOf.get(name);
    if (c !== undefined && !dataset.columns[c].isScanned) indexes.add(c);
  }
  if (indexes.size === 0) return [];
  const scanning = [...indexes].sort((a, b) => a - b);
  const { columns, rowCount } = dataset;
  const cells = scanAgain(dataset, scanning, null, blockBytes).finish(rowCount);
  for (const c of scanning) {
    const column = columns[c];
    columns[c] = scannedColumn(column.name, column.kind, column.dateOrder, cells[c] as ColumnCells);
  }
  return scanning.map((c) => columns[c].name);
}

/**
 * A column's cells as ids (IdCells): those the load kept when it is that column, else the
 * column read again from the file (a comparison matched on another id column).
 */
export function idCellsOf(dataset: Dataset, column: number, blockBytes = BLOCK_BYTES): IdCells {
  if (dataset.ids?.column === column) return dataset.ids.cells;
  const read = scanAgain(dataset, [], column, blockBytes).finishIds(dataset.rowCount);
  if (read === null) throw new RowOffsetsError('the id column was not read');
  return read.cells;
}

/** A scan of every row again, reading `scanning` (column indexes, ascending) and keeping `idColumn` as ids. */
function scanAgain(dataset: Dataset, scanning: number[], idColumn: number | null, blockBytes: number): ColumnScanner {
  const { columns, rowCount, rowStarts, rowEnds } = dataset;
  const scanner = new ColumnScanner(
    columns.map((column) => column.kind),
    columns.map((column) => column.dateOrder),
    scanning,
    rowCount,
    dataset.dialect.decimal,
    textDecoderOf(dataset),
    idColumn,
  );
  const delimiter = dataset.dialect.delimiter.charCodeAt(0);
  const fields = new RowFields(Math.max(64, columns.length + 8));
  // The rows' own bytes decide how a stray quote is read, so a block reads each row as the load did.
  const rules: ScanRules = { headerCells: columns.length, isInputEnd: true };
  forEachRowBlock(
    dataset,
    (block, base, first, end) => {
      // The block holds rows first..end−1 whole, and only line breaks between them: one scan reads them.
      let r = first;
      scanRows(
        block,
        rowStarts[first] - base,
        rowEnds[end - 1] - base,
        delimiter,
        (_s, _e, rowFields) => {
          scanner.row(r++, block, rowFields);
        },
        fields,
        rules,
      );
      if (r !== end) throw new RowOffsetsError(`rows ${first}–${end - 1} read as ${r - first}`);
    },
    null,
    blockBytes,
  );
  return scanner;
}

/** Blank names become "Column N"; repeats become "name (2)", "name (3)"; each change is noted. */
export function uniqueHeaders(header: readonly string[]): { names: string[]; notices: string[] } {
  const names: string[] = [];
  const notices: string[] = [];
  const seen = new Set<string>();
  header.forEach((raw, c) => {
    const trimmed = raw.trim();
    let nameOut = trimmed === '' ? `Column ${c + 1}` : trimmed;
    if (trimmed === '') notices.push(`Column ${c + 1} has no name; called it "${nameOut}".`);
    if (seen.has(nameOut)) {
      let k = 2;
      while (seen.has(`${nameOut} (${k})`)) k++;
      notices.push(`Column name "${nameOut}" appears more than once; column ${c + 1} is called "${nameOut} (${k})".`);
      nameOut = `${nameOut} (${k})`;
    }
    seen.add(nameOut);
    names.push(nameOut);
  });
  return { names, notices };
}

/** Rows named by number in a notice; the rest are counted. */
const LISTED_ROWS = 5;

/** The first rows of `count` (from 0) by number, counted from 1 after the header: "12, 40 and 7 more". */
function listedRows(first: readonly number[], count: number): string {
  const numbers = first.slice(0, LISTED_ROWS).map((r) => (r + 1).toLocaleString('en-US'));
  const more = count - numbers.length;
  if (more > 0) return `${numbers.join(', ')} and ${more.toLocaleString('en-US')} more`;
  return numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}` : numbers[0];
}

/**
 * The notice of rows read again after a stray quote (Dataset.recoveredRows, from 0): how
 * many, the first few by number (customer rows counted from 1 after the header), and how
 * the first one reads, so the user can find the cell in the file.
 */
export function recoveredRowsNotice(rows: readonly number[], firstRowCells: readonly string[]): string {
  const n = rows.length;
  const listed = listedRows(rows, n);
  const reads = `row ${(rows[0] + 1).toLocaleString('en-US')} reads: ${rowPreview(firstRowCells, 60)}`;
  return n === 1
    ? `Customer row ${listed} has a quote (") that opens a cell and runs past the end of its line (${reads}). The quote was read as part of the cell, so the rows after it are still customers; the row is flagged in crs_issues. Check that cell in the file.`
    : `${n.toLocaleString('en-US')} customer rows have a quote (") that opens a cell and runs past the end of its line (rows ${listed}; ${reads}). Each quote was read as part of its cell, so the rows after it are still customers; the rows are flagged in crs_issues. Check those cells in the file.`;
}

/**
 * The notice of rows that are not valid UTF-8 in a file read as UTF-8 (its first MB is):
 * how many, the first few by number and how the first one reads ("�" where the bytes are
 * not UTF-8), and what to do. `first`: the first rows (from 0), up to LISTED_ROWS of them.
 */
export function notUtf8Notice(first: readonly number[], count: number, firstRowCells: readonly string[]): string {
  const listed = listedRows(first, count);
  const reads = `row ${(first[0] + 1).toLocaleString('en-US')} reads: ${rowPreview(firstRowCells, 60)}`;
  const read = 'The file begins as UTF-8 and was read as UTF-8';
  return count === 1
    ? `Customer row ${listed} is not valid UTF-8 (${reads}). ${read}, so the characters of that row that are not show as "�"; the row is kept. Check it in the file, or save the file as CSV UTF-8 and load it again.`
    : `${count.toLocaleString('en-US')} customer rows are not valid UTF-8 (rows ${listed}; ${reads}). ${read}, so their characters that are not show as "�"; the rows are kept. Part of the file is probably in another encoding (such as Windows-1252): save the whole file as CSV UTF-8 and load it again.`;
}

function endOfFirstRow(bytes: Uint8Array, from: number, delimiter: number, rules: ScanRules): number {
  // scanRows returns where it stopped: just after the first row's line break.
  return scanRows(bytes, from, bytes.length, delimiter, () => false, undefined, rules);
}

/**
 * Kinds of the columns from up to SAMPLE_ROWS rows of bytes[from, to): numeric when
 * ≥ 70 % of the non-blank cells parse (and there is at least one). Reads the bytes
 * directly: decoding each sample cell to a string cost more than the whole 100k-row scan.
 */
export function detectKinds(bytes: Uint8Array, from: number, to: number, delimiter: number, columnCount: number, decimal: DecimalSeparator): ColumnKind[] {
  return detectColumns(bytes, from, to, delimiter, columnCount, decimal).kinds;
}

/**
 * detectKinds, with each date column's field order (chooseDateOrder, src/core/csv/dates.ts):
 * a column is a date column when ≥ 95 % of its non-blank sample cells are dates; its
 * DD/MM vs MM/DD order is decided from the same sample (a day over 12 settles it; else
 * day first in a decimal-comma file, month first otherwise).
 */
export function detectColumns(
  bytes: Uint8Array,
  from: number,
  to: number,
  delimiter: number,
  columnCount: number,
  decimal: DecimalSeparator,
): { kinds: ColumnKind[]; dateOrders: (DateOrder | null)[]; sampleRows: number; sampleEnd: number } {
  const filled = new Uint32Array(columnCount);
  const numeric = new Uint32Array(columnCount);
  const flags = new Uint32Array(columnCount);
  const dates = new Uint32Array(columnCount);
  const dateShapes = new Uint8Array(columnCount);
  let rows = 0;
  const countCells: RowVisitor = (_start, _end, fields) => {
    const n = Math.min(fields.count, columnCount);
    for (let c = 0; c < n; c++) {
      const s = fields.starts[c];
      const e = fields.ends[c];
      const value = parseNumberBytes(bytes, s, e, decimal);
      if (value === value) {
        filled[c]++;
        numeric[c]++;
      } else if (!isMissingCell(bytes, s, e)) {
        filled[c]++;
        if (parseFlagBytes(bytes, s, e) === parseFlagBytes(bytes, s, e)) flags[c]++;
        else {
          const shape = dateCellShape(bytes, s, e);
          if (shape !== NOT_A_DATE) {
            dates[c]++;
            dateShapes[c] |= shape;
          }
        }
      }
    }
    return ++rows < SAMPLE_ROWS;
  };
  // A stray quote in the sample costs its row, as in the load, not the sample's other rows.
  const sampleEnd = scanRows(bytes, from, to, delimiter, countCells, undefined, { headerCells: columnCount, isInputEnd: true });
  const kinds = Array.from(filled, (count, c): ColumnKind => {
    if (count > 0 && numeric[c] / count >= NUMERIC_SHARE) return 'number';
    if (count > 0 && flags[c] / count >= FLAG_SHARE) return 'flag';
    return count > 0 && dates[c] / count >= DATE_SHARE ? 'date' : 'text';
  });
  return { kinds, dateOrders: kinds.map((kind, c) => (kind === 'date' ? chooseDateOrder(dateShapes[c], decimal === 'comma') : null)), sampleRows: rows, sampleEnd };
}

function grow(array: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(capacity);
  next.set(array);
  return next;
}

const UTF8_DECODER = textDecoder('utf-8');
const CP1252_DECODER = textDecoder('windows-1252');

/** The decoder of a dataset's text cells; one per encoding, shared. */
export function textDecoderOf(dataset: Pick<Dataset, 'textEncoding'>): TextDecoder {
  return dataset.textEncoding === 'utf-8' ? UTF8_DECODER : CP1252_DECODER;
}

/** Decoded cells of data row r, as read (for the table, explanations and tests): one read of the row's bytes. */
export function rowCells(dataset: Dataset, r: number): string[] {
  const bytes = dataset.source.read(dataset.rowStarts[r], dataset.rowEnds[r]);
  const rows = readRows(bytes, 0, bytes.length, dataset.dialect.delimiter.charCodeAt(0), textDecoderOf(dataset), 1);
  return rows[0] ?? [];
}

export function columnIndex(dataset: Pick<Dataset, 'columns'>, name: string): number {
  return dataset.columns.findIndex((column) => column.name === name);
}

/** A column's values by name (numbers, dates as day numbers, yes/no as 1/0); null for no name, no such column, or a text column. */
export function columnValues(dataset: Pick<Dataset, 'columns'>, name: string | null): Float64Array | null {
  const c = name === null ? -1 : columnIndex(dataset, name);
  return c >= 0 ? dataset.columns[c].values : null;
}
