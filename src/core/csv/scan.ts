// Byte-level CSV scanner (RFC 4180 as papaparse reads it). It finds row and field
// boundaries without building strings; callers parse numbers from the bytes and decode
// text only for the cells they show or export. A stray quote does not swallow the rows
// after it: see scanRows.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** How a field's content must be read: as is, quoted, quoted with "" escapes, or malformed raw. */
export const FIELD_PLAIN = 0;
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;
export const FIELD_RAW = 3;
/**
 * A quote still open where the bytes end, in a row cut by a chunk's end (the caller
 * finishes it with the next chunk); "" is unescaped. At the input's end such a quote is
 * read as a literal instead (FIELD_RAW).
 */
export const FIELD_UNCLOSED = 4;

/** RowFields.quoteSpans bits: a quoted field of the row held a line break … */
const SPANS_LINES = 1;
/** … or a quoted field never closed, or closed with text after it after spanning lines. */
const SPAN_BROKEN = 2;

/** Field bounds of the current row, reused between rows (content bounds, quotes excluded). */
export class RowFields {
  count = 0;
  /** True when the row had a quote that ran past its line and was read as a literal character (scanRows). */
  isRecovered = false;
  /** SPANS_LINES | SPAN_BROKEN, as scanQuoted found the row's quoted fields; cleared when the row is done. */
  quoteSpans = 0;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  constructor(capacity = 64) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }
  grow(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const kinds = new Uint8Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

const FIELD_END_TABLES = new Map<number, Uint8Array>();

/** One table load per byte instead of three comparisons: 1 marks a byte that ends a plain field. */
function fieldEndTable(delimiter: number): Uint8Array {
  let table = FIELD_END_TABLES.get(delimiter);
  if (!table) {
    table = new Uint8Array(256);
    table[delimiter] = 1;
    table[LF] = 1;
    table[CR] = 1;
    FIELD_END_TABLES.set(delimiter, table);
  }
  return table;
}

/** Called per non-empty row with [rowStart, rowEnd) excluding the line break; false stops. */
export type RowVisitor = (rowStart: number, rowEnd: number, fields: RowFields) => boolean | void;

/** What a scan knows beyond its bytes. */
export interface ScanRules {
  /** The header's cell count, which a row with a quoted line break must have; 0 when unknown (the header itself). */
  headerCells: number;
  /**
   * False when more bytes follow `to` (a chunk of a file): a row reaching `to` with a
   * quoted line break or a quote still open is left as the bytes give it, for the caller
   * to scan again with more (rowStream.ts), not recovered.
   */
  isInputEnd: boolean;
}

/** A scan of bytes that end the input, with no header width to check rows against. */
export const WHOLE_INPUT: ScanRules = { headerCells: 0, isInputEnd: true };

/**
 * Scans bytes[from, to) row by row. Line breaks are LF, CRLF or a lone CR; a quoted
 * field may hold delimiters, quotes doubled as "" and line breaks; spaces or tabs between
 * a closing quote and the delimiter or line end are dropped (as papaparse does); other
 * characters after a closing quote make the field FIELD_RAW (read as written). Empty
 * lines are skipped: they hold no cells. Returns the offset where scanning stopped (to,
 * unless the visitor stopped it).
 *
 * Recovery from a stray quote: a row whose quoted field reaches a line break is kept only
 * when every such field closes, with nothing but a delimiter, line end or padding after
 * its closing quote, and the row has rules.headerCells cells (when known). Otherwise the
 * row is read again as its first line alone, a quote that does not close on that line
 * being a literal character of its cell (FIELD_RAW, to the next delimiter), and
 * fields.isRecovered is set. So one stray quote costs one row, not the rest of the file,
 * and a multi-line note of the right width reads as before. The decision depends only on
 * the row's own bytes, so reading the file in chunks of any size, or a row again alone,
 * gives the same fields.
 */
export function scanRows(bytes: Uint8Array, from: number, to: number, delimiter: number, visit: RowVisitor, fields = new RowFields(), rules: ScanRules = WHOLE_INPUT): number {
  const ends = fieldEndTable(delimiter);
  let i = from;
  while (i < to) {
    const first = bytes[i];
    if (first === LF) {
      i++;
      continue;
    }
    if (first === CR) {
      i++;
      if (i < to && bytes[i] === LF) i++;
      continue;
    }
    const rowStart = i;
    let f = 0;
    let rowEnd = to;
    fields.isRecovered = false;
    for (;;) {
      if (f === fields.starts.length) fields.grow();
      if (i < to && bytes[i] === QUOTE) {
        i = scanQuoted(bytes, i, to, delimiter, fields, f);
      } else {
        let k = i;
        while (k < to && ends[bytes[k]] === 0) k++;
        fields.starts[f] = i;
        fields.ends[f] = k;
        fields.kinds[f] = FIELD_PLAIN;
        i = k;
      }
      f++;
      if (i >= to) break;
      const c = bytes[i];
      if (c === delimiter) {
        i++;
        continue;
      }
      rowEnd = i;
      i++;
      if (c === CR && i < to && bytes[i] === LF) i++;
      break;
    }
    fields.count = f;
    if (fields.quoteSpans !== 0) {
      const spans = fields.quoteSpans;
      fields.quoteSpans = 0;
      // A row that reaches `to` may go on in bytes not seen yet: only a whole row is judged.
      if ((rowEnd < to || rules.isInputEnd) && !isTrustedSpan(spans, f, rules.headerCells)) {
        rowEnd = lineEnd(bytes, rowStart, to);
        scanLine(bytes, rowStart, rowEnd, delimiter, fields);
        i = afterLineBreak(bytes, rowEnd, to);
      }
    }
    if (visit(rowStart, rowEnd, fields) === false) return i;
  }
  return to;
}

/** Whether a row whose quoted fields spanned lines (or never closed) is read as the quotes say: all closed cleanly, and the header's width when known. */
function isTrustedSpan(spans: number, cellCount: number, headerCells: number): boolean {
  return (spans & SPAN_BROKEN) === 0 && (headerCells === 0 || cellCount === headerCells);
}

/** The offset of the first line break in bytes[from, to), or to. */
function lineEnd(bytes: Uint8Array, from: number, to: number): number {
  let k = from;
  while (k < to && bytes[k] !== LF && bytes[k] !== CR) k++;
  return k;
}

/** The offset just after the line break at `at` (CRLF as one), or to. */
function afterLineBreak(bytes: Uint8Array, at: number, to: number): number {
  if (at >= to) return to;
  return bytes[at] === CR && at + 1 < to && bytes[at + 1] === LF ? at + 2 : at + 1;
}

/**
 * Reads the fields of the line bytes[from, lineTo) (it holds no line break) into fields:
 * a quoted field that closes on the line as scanQuoted reads it, one that does not as
 * written from its opening quote to the next delimiter (FIELD_RAW). Marks the row recovered.
 */
function scanLine(bytes: Uint8Array, from: number, lineTo: number, delimiter: number, fields: RowFields): void {
  let i = from;
  let f = 0;
  for (;;) {
    if (f === fields.starts.length) fields.grow();
    if (i < lineTo && bytes[i] === QUOTE) {
      i = scanQuoted(bytes, i, lineTo, delimiter, fields, f);
      if (fields.kinds[f] === FIELD_UNCLOSED) i = literalField(bytes, fields.starts[f] - 1, lineTo, delimiter, fields, f);
    } else {
      let k = i;
      while (k < lineTo && bytes[k] !== delimiter) k++;
      fields.starts[f] = i;
      fields.ends[f] = k;
      fields.kinds[f] = FIELD_PLAIN;
      i = k;
    }
    f++;
    if (i >= lineTo) break;
    i++;
  }
  fields.count = f;
  fields.quoteSpans = 0;
  fields.isRecovered = true;
}

/** A cell read as written from its first byte, a quote, to the next delimiter on the line (bytes[open, lineTo) hold no line break). */
function literalField(bytes: Uint8Array, open: number, lineTo: number, delimiter: number, fields: RowFields, f: number): number {
  let k = open + 1;
  while (k < lineTo && bytes[k] !== delimiter) k++;
  fields.starts[f] = open;
  fields.ends[f] = k;
  fields.kinds[f] = FIELD_RAW;
  return k;
}

/**
 * Reads the quoted field opening at `open`; returns the offset just after it (at the
 * delimiter or line break that ends it). Notes in fields.quoteSpans a field that held a
 * line break, and one that never closed or closed badly after one (scanRows judges them).
 */
function scanQuoted(bytes: Uint8Array, open: number, to: number, delimiter: number, fields: RowFields, f: number): number {
  let j = open + 1;
  let kind = FIELD_QUOTED;
  for (;;) {
    const q = bytes.indexOf(QUOTE, j);
    if (q === -1 || q >= to) {
      fields.starts[f] = open + 1;
      fields.ends[f] = to;
      fields.kinds[f] = FIELD_UNCLOSED;
      fields.quoteSpans |= SPAN_BROKEN;
      return to;
    }
    if (q + 1 < to && bytes[q + 1] === QUOTE) {
      kind = FIELD_ESCAPED;
      j = q + 2;
      continue;
    }
    const spans = holdsLineBreak(bytes, open + 1, q) ? SPANS_LINES : 0;
    let after = q + 1;
    if (after < to && bytes[after] !== delimiter && bytes[after] !== LF && bytes[after] !== CR) after = afterPadding(bytes, after, to, delimiter);
    if (after >= to || bytes[after] === delimiter || bytes[after] === LF || bytes[after] === CR) {
      fields.starts[f] = open + 1;
      fields.ends[f] = q;
      fields.kinds[f] = kind;
      fields.quoteSpans |= spans;
      return after;
    }
    let k = after;
    while (k < to && bytes[k] !== delimiter && bytes[k] !== LF && bytes[k] !== CR) k++;
    fields.starts[f] = open;
    fields.ends[f] = k;
    fields.kinds[f] = FIELD_RAW;
    fields.quoteSpans |= spans === 0 ? 0 : SPANS_LINES | SPAN_BROKEN;
    return k;
  }
}

/**
 * The offset past the spaces and tabs from `from` (a tab delimiter excepted): between a
 * closing quote and the delimiter or line end they are padding, not part of the cell, so
 * "Gold" , reads as Gold and "12" , as the number 12.
 */
function afterPadding(bytes: Uint8Array, from: number, to: number, delimiter: number): number {
  let k = from;
  while (k < to && (bytes[k] === SPACE || bytes[k] === TAB) && bytes[k] !== delimiter) k++;
  return k;
}

/** Whether bytes[from, to) hold a line break (LF or CR). */
function holdsLineBreak(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (bytes[k] === LF || bytes[k] === CR) return true;
  return false;
}

/** Cells up to this many bytes that are all ASCII are made into strings directly. */
const SHORT_CELL = 64;

/**
 * The text of bytes[start, end). A short ASCII run (ids, names, categories) is made into a
 * string directly: a TextDecoder call costs more than such a cell in Chromium (2 × 1M id cells
 * took 3.5 s through decode(), ~0.2 s this way). UTF-8 and Windows-1252, the encodings read,
 * both map bytes below 0x80 to the same characters; anything else goes to the decoder.
 */
export function decodeText(bytes: Uint8Array, start: number, end: number, decoder: TextDecoder): string {
  if (end - start <= SHORT_CELL) {
    let k = start;
    while (k < end && bytes[k] < 0x80) k++;
    if (k === end) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(bytes.subarray(start, end));
}

/** Decodes one field's text: quotes removed and "" unescaped as the field kind says. */
export function fieldText(bytes: Uint8Array, start: number, end: number, kind: number, decoder: TextDecoder): string {
  const text = decodeText(bytes, start, end, decoder);
  return kind === FIELD_ESCAPED || kind === FIELD_UNCLOSED ? text.replaceAll('""', '"') : text;
}

/** All cells of bytes[from, to) as strings; for headers, samples and tests, not the hot path. */
export function readRows(bytes: Uint8Array, from: number, to: number, delimiter: number, decoder: TextDecoder, maxRows = Infinity, rules: ScanRules = WHOLE_INPUT): string[][] {
  const rows: string[][] = [];
  const readRow: RowVisitor = (_s, _e, fields) => {
    const row: string[] = new Array<string>(fields.count);
    for (let k = 0; k < fields.count; k++) row[k] = fieldText(bytes, fields.starts[k], fields.ends[k], fields.kinds[k], decoder);
    rows.push(row);
    return rows.length < maxRows;
  };
  scanRows(bytes, from, to, delimiter, readRow, undefined, rules);
  return rows;
}
