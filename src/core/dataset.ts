// The columnar dataset: the file's bytes, each row's byte range, and one Float64Array per
// numeric column (NaN = missing). Text cells stay in the bytes and are decoded on demand,
// so a 1M-row file costs little more than its own size. A text column with few distinct
// values (plan, country, contract) is also dictionary-coded: categories + one Uint16 code per row.
// A column of dates (last purchase, last login) holds days since 1970-01-01 UTC.
import { chooseDateOrder, dateCellShape, NOT_A_DATE, parseDateBytes, type DateOrder } from './csv/dates';
import { detectEncoding, utf16ToUtf8, type Encoding } from './csv/decode';
import { isMissingCell, isMissingText, parseFlagBytes, parseNumberBytes, type DecimalSeparator } from './csv/numbers';
import { fieldText, readRows, RowFields, scanRows } from './csv/scan';
import { sniffDialect, SAMPLE_BYTES, type Dialect } from './csv/sniff';

/**
 * number: parsed numbers; flag: yes/no read as 1/0; date: days since 1970-01-01 UTC
 * (fractional with a time of day); text: kept in the file's bytes.
 */
export const COLUMN_KINDS = ['number', 'flag', 'date', 'text'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface Column {
  name: string;
  kind: ColumnKind;
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
  /** A date column's field order for D/M/Y-like cells (chooseDateOrder), else null. */
  dateOrder: DateOrder | null;
}

/** Most distinct values a text column may hold and still be categorical. */
export const MAX_CATEGORIES = 50;
/** The code of a missing cell in Column.codes (blank, n/a, …, as for numbers). */
export const MISSING_CODE = 0xffff;

export interface Dataset {
  name: string;
  bytes: Uint8Array;
  /** Encoding of the file as given; UTF-16 is held transcoded to UTF-8 in `bytes`. */
  sourceEncoding: Encoding;
  textEncoding: 'utf-8' | 'windows-1252';
  dialect: Dialect;
  columns: Column[];
  rowCount: number;
  /** Byte range of data row r (line break excluded): [rowStarts[r], rowEnds[r]). */
  rowStarts: Uint32Array;
  rowEnds: Uint32Array;
  /** Rows whose cell count differs from the header's, with their counts, ascending. */
  raggedRows: Uint32Array;
  raggedCounts: Uint32Array;
  /** Things the user should know that did not stop the load (renamed headers, …). */
  notices: string[];
}

export type LoadProblem =
  | { kind: 'empty-file' }
  | { kind: 'binary' }
  | { kind: 'header-only'; columns: number }
  | { kind: 'too-large'; bytes: number };

export type LoadResult = { ok: true; dataset: Dataset } | { ok: false; problem: LoadProblem };

/** Offsets are Uint32; browsers cannot hold a larger file in one buffer anyway. */
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

/**
 * Parses CSV bytes into a Dataset. The first non-empty row is the header; blank and
 * duplicate names are made unique (and noted). Kinds come from the first rows: a column
 * is numeric when ≥ 70 % of its non-blank cells parse; later cells that do not are kept
 * as text in the file and listed in invalidRows.
 */
export function parseCsv(input: Uint8Array, name: string, onProgress?: (fraction: number) => void): LoadResult {
  if (input.length > MAX_FILE_BYTES) return { ok: false, problem: { kind: 'too-large', bytes: input.length } };
  const encoding = detectEncoding(input);
  if (!encoding.ok) return { ok: false, problem: { kind: 'binary' } };
  const enc = encoding.encoding;
  const isUtf16 = enc === 'utf-16le' || enc === 'utf-16be';
  const bytes = enc === 'utf-16le' || enc === 'utf-16be' ? utf16ToUtf8(input, enc, encoding.bomLength) : input;
  const from = isUtf16 ? 0 : encoding.bomLength;
  const textEncoding = encoding.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  const decoder = new TextDecoder(textEncoding);

  const sampleEnd = Math.min(bytes.length, from + SAMPLE_BYTES);
  const sampleText = decoder.decode(bytes.subarray(from, sampleEnd));
  if (sampleText.trim() === '') return { ok: false, problem: { kind: 'empty-file' } };
  const dialect = sniffDialect(sampleText);
  const delimiter = dialect.delimiter.charCodeAt(0);

  const { names, notices } = uniqueHeaders(readRows(bytes, from, bytes.length, delimiter, decoder, 1)[0] ?? []);
  const headerEnd = endOfFirstRow(bytes, from, delimiter);
  // A sample cut mid-file ends at its last line break, so no row in it is partial.
  const kindsEnd = sampleEnd < bytes.length ? Math.max(headerEnd, bytes.lastIndexOf(0x0a, sampleEnd - 1) + 1) : bytes.length;
  const { kinds, dateOrders } = detectColumns(bytes, headerEnd, kindsEnd, delimiter, names.length, dialect.decimal);

  const scanned = scanData(bytes, headerEnd, names.length, kinds, dateOrders, dialect, delimiter, decoder, onProgress);
  if (scanned.rowCount === 0) return { ok: false, problem: { kind: 'header-only', columns: names.length } };

  const columns: Column[] = names.map((columnName, c) => ({
    name: columnName,
    kind: kinds[c],
    values: scanned.values[c],
    invalidRows: Uint32Array.from(scanned.invalid[c]),
    missingCount: scanned.missing[c],
    categories: scanned.coders[c]?.categories ?? null,
    codes: scanned.coders[c]?.codes ?? null,
    dateOrder: dateOrders[c],
  }));
  if (isUtf16) notices.push(`Read as ${encoding.encoding.toUpperCase()}: converted to UTF-8 first (slower path).`);
  if (textEncoding === 'windows-1252') notices.push('Read as Windows-1252 (the file is not valid UTF-8).');
  return {
    ok: true,
    dataset: {
      name,
      bytes,
      sourceEncoding: encoding.encoding,
      textEncoding,
      dialect,
      columns,
      rowCount: scanned.rowCount,
      rowStarts: scanned.rowStarts,
      rowEnds: scanned.rowEnds,
      raggedRows: Uint32Array.from(scanned.raggedRows),
      raggedCounts: Uint32Array.from(scanned.raggedCounts),
      notices,
    },
  };
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

function endOfFirstRow(bytes: Uint8Array, from: number, delimiter: number): number {
  // scanRows returns where it stopped: just after the first row's line break.
  return scanRows(bytes, from, bytes.length, delimiter, () => false);
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
export function detectColumns(bytes: Uint8Array, from: number, to: number, delimiter: number, columnCount: number, decimal: DecimalSeparator): { kinds: ColumnKind[]; dateOrders: (DateOrder | null)[] } {
  const filled = new Uint32Array(columnCount);
  const numeric = new Uint32Array(columnCount);
  const flags = new Uint32Array(columnCount);
  const dates = new Uint32Array(columnCount);
  const dateShapes = new Uint8Array(columnCount);
  let rows = 0;
  scanRows(bytes, from, to, delimiter, (_start, _end, fields) => {
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
  });
  const kinds = Array.from(filled, (count, c): ColumnKind => {
    if (count > 0 && numeric[c] / count >= NUMERIC_SHARE) return 'number';
    if (count > 0 && flags[c] / count >= FLAG_SHARE) return 'flag';
    return count > 0 && dates[c] / count >= DATE_SHARE ? 'date' : 'text';
  });
  return { kinds, dateOrders: kinds.map((kind, c) => (kind === 'date' ? chooseDateOrder(dateShapes[c], decimal === 'comma') : null)) };
}

interface Scanned {
  rowCount: number;
  rowStarts: Uint32Array<ArrayBufferLike>;
  rowEnds: Uint32Array<ArrayBufferLike>;
  values: (Float64Array | null)[];
  invalid: number[][];
  missing: number[];
  raggedRows: number[];
  raggedCounts: number[];
  /** Per column, its finished categories and codes, or null (not text, or too many values). */
  coders: ({ categories: string[]; codes: Uint16Array } | null)[];
}

/** Ints per byte form in CategoryCoder.forms: start, end, kind << 16 | code, hash. */
const FORM_STRIDE = 4;

/**
 * Dictionary-codes one text column during the scan. Each distinct byte form of a cell (its
 * bytes and field kind) is decoded, trimmed and looked up by text once, so " One year" and
 * "One year" share a code; every other cell is found by a hash of its byte range in a small
 * open-addressing table whose entries point back into the file's bytes, so it costs a hash
 * of a few bytes and one byte compare, and builds no string. (Building a key string per cell
 * and looking it up in a Map doubled the 1M-row parse.) The column gives up (isOpen false,
 * its memory dropped) at its MAX_CATEGORIES + 1st distinct value, so a free-text column
 * costs little.
 */
class CategoryCoder {
  isOpen = true;
  codes: Uint16Array;
  categories: string[] = [];
  private byText = new Map<string, number>();
  /** Hash slot → byte form index + 1, 0 = empty; at most half full. */
  private slots = new Int32Array(128);
  /**
   * FORM_STRIDE ints per byte form: where its first cell lies in the file, its field kind
   * and code (kind << 16 | code), and its hash.
   */
  private forms = new Int32Array(64 * FORM_STRIDE);
  private formCount = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
  }

  add(row: number, bytes: Uint8Array, start: number, end: number, kind: number, decoder: TextDecoder): void {
    // The hash samples the length, kind and a few bytes (ends, middle, quarter): the
    // comparison below reads every byte anyway, and few forms share all of these.
    const length = end - start;
    let hash = Math.imul(length ^ (kind << 16), 0x01000193);
    if (length > 0) {
      hash = Math.imul(hash ^ bytes[start], 0x01000193);
      hash = Math.imul(hash ^ bytes[end - 1], 0x01000193);
      hash = Math.imul(hash ^ bytes[start + (length >> 1)], 0x01000193);
      hash = Math.imul(hash ^ bytes[start + (length >> 2)], 0x01000193);
    }
    hash ^= hash >>> 15;
    const slots = this.slots;
    const forms = this.forms;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (let entry = slots[slot]; entry !== 0; entry = slots[slot]) {
      const at = (entry - 1) * FORM_STRIDE;
      const formStart = forms[at];
      if (forms[at + 3] === hash && forms[at + 1] - formStart === length && forms[at + 2] >>> 16 === kind) {
        let diff = 0;
        for (let i = 0; i < length; i++) diff |= bytes[formStart + i] ^ bytes[start + i];
        if (diff === 0) {
          this.codes[row] = forms[at + 2] & 0xffff;
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    const code = this.codeOfText(fieldText(bytes, start, end, kind, decoder).trim());
    if (code === null) return this.close();
    this.addForm(slot, start, end, kind, hash, code);
    this.codes[row] = code;
  }

  /** The code of a new byte form's text: an existing category's, MISSING_CODE, a new one, or null past MAX_CATEGORIES. */
  private codeOfText(text: string): number | null {
    if (text === '' || isMissingText(text)) return MISSING_CODE;
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    if (this.categories.length >= MAX_CATEGORIES) return null;
    const code = this.categories.length;
    this.categories.push(text);
    this.byText.set(text, code);
    return code;
  }

  private addForm(slot: number, start: number, end: number, kind: number, hash: number, code: number): void {
    const f = this.formCount++;
    if ((f + 1) * FORM_STRIDE > this.forms.length) {
      const forms = new Int32Array(this.forms.length * 2);
      forms.set(this.forms);
      this.forms = forms;
    }
    const at = f * FORM_STRIDE;
    this.forms[at] = start;
    this.forms[at + 1] = end;
    this.forms[at + 2] = (kind << 16) | code;
    this.forms[at + 3] = hash;
    this.slots[slot] = f + 1;
    if (this.formCount * 2 > this.slots.length) this.rehash(this.slots.length * 2);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let f = 0; f < this.formCount; f++) {
      let slot = this.forms[f * FORM_STRIDE + 3] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = f + 1;
    }
    this.slots = slots;
  }

  grow(capacity: number): void {
    const next = new Uint16Array(capacity);
    next.set(this.codes);
    this.codes = next;
  }

  close(): void {
    this.isOpen = false;
    this.codes = new Uint16Array(0);
    this.byText.clear();
    this.slots = new Int32Array(0);
    this.forms = new Int32Array(0);
    this.formCount = 0;
  }

  /** Categories in code-unit order, codes renumbered to match; null when closed or empty. */
  finish(rowCount: number): { categories: string[]; codes: Uint16Array } | null {
    if (!this.isOpen || this.categories.length === 0) return null;
    const order = this.categories.map((_, k) => k).sort((a, b) => (this.categories[a] < this.categories[b] ? -1 : this.categories[a] > this.categories[b] ? 1 : 0));
    const renumber = new Uint16Array(this.categories.length);
    order.forEach((old, k) => (renumber[old] = k));
    const codes = this.codes.slice(0, rowCount);
    for (let r = 0; r < rowCount; r++) if (codes[r] !== MISSING_CODE) codes[r] = renumber[codes[r]];
    return { categories: order.map((old) => this.categories[old]), codes };
  }
}

/** How the scan reads a numeric column's cells. */
const READ_NUMBER = 0;
const READ_FLAG = 1;
const READ_DATE_DMY = 2;
const READ_DATE_MDY = 3;

/** The one pass over the data rows: row ranges, numeric, flag and date cells parsed from bytes. */
function scanData(bytes: Uint8Array, from: number, columnCount: number, kinds: readonly ColumnKind[], dateOrders: readonly (DateOrder | null)[], dialect: Dialect, delimiter: number, decoder: TextDecoder, onProgress?: (fraction: number) => void): Scanned {
  const firstRowLength = Math.max(16, endOfFirstRow(bytes, from, delimiter) - from);
  let capacity = Math.ceil(((bytes.length - from) / firstRowLength) * 1.25) + 16;
  let rowStarts = new Uint32Array(capacity);
  let rowEnds = new Uint32Array(capacity);
  const numericColumns: number[] = [];
  const readAs: number[] = [];
  let values: (Float64Array | null)[] = kinds.map((kind, c) => {
    if (kind === 'text') return null;
    numericColumns.push(c);
    readAs.push(kind === 'flag' ? READ_FLAG : kind === 'date' ? (dateOrders[c] === 'dmy' ? READ_DATE_DMY : READ_DATE_MDY) : READ_NUMBER);
    return new Float64Array(capacity);
  });
  const coders = kinds.map((kind) => (kind === 'text' ? new CategoryCoder(capacity) : null));
  const textColumns = kinds.flatMap((kind, c) => (kind === 'text' ? [c] : []));
  const invalid: number[][] = kinds.map(() => []);
  const missing: number[] = kinds.map(() => 0);
  const raggedRows: number[] = [];
  const raggedCounts: number[] = [];
  const decimal = dialect.decimal;
  const total = bytes.length;
  let row = 0;

  scanRows(bytes, from, bytes.length, delimiter, (rowStart, rowEnd, fields) => {
    if (row === capacity) {
      capacity = Math.ceil(capacity * 1.5);
      rowStarts = grow(rowStarts, capacity);
      rowEnds = grow(rowEnds, capacity);
      values = values.map((column) => (column ? growFloat(column, capacity) : null));
      for (const coder of coders) if (coder?.isOpen) coder.grow(capacity);
    }
    rowStarts[row] = rowStart;
    rowEnds[row] = rowEnd;
    const count = fields.count;
    if (count !== columnCount) {
      raggedRows.push(row);
      raggedCounts.push(count);
    }
    for (let n = 0; n < numericColumns.length; n++) {
      const c = numericColumns[n];
      const target = values[c] as Float64Array;
      if (c >= count) {
        target[row] = NaN;
        missing[c]++;
        continue;
      }
      const s = fields.starts[c];
      const e = fields.ends[c];
      const how = readAs[n];
      const v = how === READ_NUMBER ? parseNumberBytes(bytes, s, e, decimal) : how === READ_FLAG ? parseFlagBytes(bytes, s, e) : parseDateBytes(bytes, s, e, how === READ_DATE_DMY ? 'dmy' : 'mdy');
      target[row] = v;
      if (v !== v) {
        if (isMissingCell(bytes, s, e)) missing[c]++;
        else invalid[c].push(row);
      }
    }
    for (let t = 0; t < textColumns.length; t++) {
      const c = textColumns[t];
      const coder = coders[c] as CategoryCoder;
      if (!coder.isOpen) continue;
      if (c >= count) coder.codes[row] = MISSING_CODE;
      else coder.add(row, bytes, fields.starts[c], fields.ends[c], fields.kinds[c], decoder);
    }
    row++;
    if (onProgress && (row & (PROGRESS_EVERY_ROWS - 1)) === 0) onProgress(rowEnd / total);
  }, new RowFields(Math.max(64, columnCount + 8)));

  return {
    rowCount: row,
    rowStarts: rowStarts.subarray(0, row),
    rowEnds: rowEnds.subarray(0, row),
    values: values.map((column) => (column ? column.subarray(0, row) : null)),
    invalid,
    missing,
    raggedRows,
    raggedCounts,
    coders: coders.map((coder) => coder?.finish(row) ?? null),
  };
}

function grow(array: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(capacity);
  next.set(array);
  return next;
}

function growFloat(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(capacity);
  next.set(array);
  return next;
}

const UTF8_DECODER = new TextDecoder('utf-8');
const CP1252_DECODER = new TextDecoder('windows-1252');

/** Decoded cells of data row r, as read (for the table, explanations and tests). */
export function rowCells(dataset: Dataset, r: number): string[] {
  const decoder = dataset.textEncoding === 'utf-8' ? UTF8_DECODER : CP1252_DECODER;
  const rows = readRows(dataset.bytes, dataset.rowStarts[r], dataset.rowEnds[r], dataset.dialect.delimiter.charCodeAt(0), decoder, 1);
  return rows[0] ?? [];
}

export function columnIndex(dataset: Pick<Dataset, 'columns'>, name: string): number {
  return dataset.columns.findIndex((column) => column.name === name);
}
