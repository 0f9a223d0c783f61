// One column's cells as compact bytes, for matching customers by id across two files
// (src/core/movement/match.ts). An id is the trimmed text of its cell, held as UTF-8 bytes
// one after another: no string per row. The load and the earlier file's reading capture the
// id column while they scan (ColumnScanner), so a comparison does not read either file again
// for its ids: reading 2 × 1M id cells as strings afterwards took 1.8 s in Chromium.
import { fieldText, FIELD_ESCAPED, FIELD_UNCLOSED } from './scan';

/** Ids of rows 0…n−1: row r's are bytes[r === 0 ? 0 : ends[r − 1], ends[r]); none (empty) for a blank cell. */
export interface IdCells {
  bytes: Uint8Array;
  ends: Uint32Array;
}

const encoder = new TextEncoder();
/** Bytes per id the arena starts with room for: C0000001, 8-digit account numbers, short emails grow it once or twice. */
const ID_BYTES = 10;
/** Space, tab, LF, VT, FF, CR: the ASCII whitespace String.prototype.trim removes. */
const isAsciiSpace = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/** Collects one column's ids during a scan, row by row. */
export class IdCollector {
  private bytes: Uint8Array;
  private used = 0;
  private ends: Uint32Array;

  /** Room for `capacity` rows, and ids of ID_BYTES bytes on average: the arena grows by half when they are longer. */
  constructor(capacity: number) {
    this.ends = new Uint32Array(capacity);
    this.bytes = new Uint8Array(Math.max(1 << 12, capacity * ID_BYTES));
  }

  /** Row `row` has no cell in the column (a short row). */
  blank(row: number): void {
    this.ends[row] = this.used;
  }

  /** Row `row`'s cell is bytes[start, end), of a field of `kind` (scan.ts). */
  add(row: number, bytes: Uint8Array, start: number, end: number, kind: number, decoder: TextDecoder): void {
    // Most ids are a few ASCII bytes needing no unescaping: trimmed and copied as they are (UTF-8 and Windows-1252 agree below 0x80).
    if (kind !== FIELD_ESCAPED && kind !== FIELD_UNCLOSED) {
      let k = start;
      while (k < end && bytes[k] < 0x80) k++;
      if (k === end) {
        let from = start;
        let to = end;
        while (from < to && isAsciiSpace(bytes[from])) from++;
        while (to > from && isAsciiSpace(bytes[to - 1])) to--;
        this.room(to - from);
        // Byte by byte: a subarray per row to set() from cost more than the copy (a few bytes).
        const out = this.bytes;
        let used = this.used;
        for (let b = from; b < to; b++) out[used++] = bytes[b];
        this.used = used;
        this.ends[row] = used;
        return;
      }
    }
    const text = fieldText(bytes, start, end, kind, decoder).trim();
    this.room(text.length * 3);
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written;
    this.ends[row] = this.used;
  }

  /** Room for `capacity` rows. */
  grow(capacity: number): void {
    const ends = new Uint32Array(capacity);
    ends.set(this.ends.subarray(0, Math.min(capacity, this.ends.length)));
    this.ends = ends;
  }

  /** The ids of rows 0…rowCount − 1: views of the collector's arrays, not copies (a copy of 1M ids would double their memory while it is made). */
  finish(rowCount: number): IdCells {
    return { bytes: this.bytes.subarray(0, this.used), ends: this.ends.subarray(0, rowCount) };
  }

  private room(extra: number): void {
    if (this.used + extra <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(Math.ceil(this.bytes.length * 1.5), this.used + extra));
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
  }
}

/** Ids given as texts (trimmed here, as a scan trims them). */
export function idCellsOfTexts(texts: readonly string[]): IdCells {
  const collector = new IdCollector(texts.length);
  const decoder = new TextDecoder();
  texts.forEach((text, row) => {
    const bytes = encoder.encode(text);
    collector.add(row, bytes, 0, bytes.length, 0, decoder);
  });
  return collector.finish(texts.length);
}

/** Row r's id as text (for naming it in a notice). */
export function idText(cells: IdCells, row: number): string {
  return new TextDecoder().decode(cells.bytes.subarray(row === 0 ? 0 : cells.ends[row - 1], cells.ends[row]));
}
