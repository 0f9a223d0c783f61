// Byte-level CSV scanner (RFC 4180 as papaparse reads it). It finds row and field
// boundaries without building strings; callers parse numbers from the bytes and decode
// text only for the cells they show or export.

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** How a field's content must be read: as is, quoted, quoted with "" escapes, or malformed raw. */
export const FIELD_PLAIN = 0;
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;
export const FIELD_RAW = 3;
/** A quote opened and never closed: the field runs to the end; "" is unescaped. */
export const FIELD_UNCLOSED = 4;

/** Field bounds of the current row, reused between rows (content bounds, quotes excluded). */
export class RowFields {
  count = 0;
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

/**
 * Scans bytes[from, to) row by row. Line breaks are LF, CRLF or a lone CR; a quoted
 * field may hold delimiters, quotes doubled as "" and line breaks; an unclosed quote runs
 * to the end; characters after a closing quote make the field FIELD_RAW (read as
 * written). Empty lines are skipped: they hold no cells. Returns the offset where
 * scanning stopped (to, unless the visitor stopped it).
 */
export function scanRows(bytes: Uint8Array, from: number, to: number, delimiter: number, visit: RowVisitor, fields = new RowFields()): number {
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
    if (visit(rowStart, rowEnd, fields) === false) return i;
  }
  return to;
}

/** Reads the quoted field opening at `open`; returns the offset just after it. */
function scanQuoted(bytes: Uint8Array, open: number, to: number, delimiter: number, fields: RowFields, f: number): number {
  let j = open + 1;
  let kind = FIELD_QUOTED;
  for (;;) {
    const q = bytes.indexOf(QUOTE, j);
    if (q === -1 || q >= to) {
      fields.starts[f] = open + 1;
      fields.ends[f] = to;
      fields.kinds[f] = FIELD_UNCLOSED;
      return to;
    }
    if (q + 1 < to && bytes[q + 1] === QUOTE) {
      kind = FIELD_ESCAPED;
      j = q + 2;
      continue;
    }
    const after = q + 1;
    if (after >= to || bytes[after] === delimiter || bytes[after] === LF || bytes[after] === CR) {
      fields.starts[f] = open + 1;
      fields.ends[f] = q;
      fields.kinds[f] = kind;
      return after;
    }
    let k = after;
    while (k < to && bytes[k] !== delimiter && bytes[k] !== LF && bytes[k] !== CR) k++;
    fields.starts[f] = open;
    fields.ends[f] = k;
    fields.kinds[f] = FIELD_RAW;
    return k;
  }
}

/** Decodes one field's text: quotes removed and "" unescaped as the field kind says. */
export function fieldText(bytes: Uint8Array, start: number, end: number, kind: number, decoder: TextDecoder): string {
  const text = decoder.decode(bytes.subarray(start, end));
  return kind === FIELD_ESCAPED || kind === FIELD_UNCLOSED ? text.replaceAll('""', '"') : text;
}

/** All cells of bytes[from, to) as strings; for headers, samples and tests, not the hot path. */
export function readRows(bytes: Uint8Array, from: number, to: number, delimiter: number, decoder: TextDecoder, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  scanRows(bytes, from, to, delimiter, (_s, _e, fields) => {
    const row: string[] = new Array<string>(fields.count);
    for (let k = 0; k < fields.count; k++) row[k] = fieldText(bytes, fields.starts[k], fields.ends[k], fields.kinds[k], decoder);
    rows.push(row);
    return rows.length < maxRows;
  });
  return rows;
}
