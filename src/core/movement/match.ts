// Matching the customers of an earlier file to the current one by an id column. Ids are
// compared as the text of their cells (trimmed, as UTF-8 bytes: core/csv/idCells.ts), so "007" and "7" are different customers,
// as they are in the CRM. A blank id, or an id that repeats in either file, cannot be
// matched: those rows are counted and named, never silently paired or dropped.
import { normalizeHeader } from '../schema/mapping';
import { idText, type IdCells } from '../csv/idCells';

/** How a row fared in the matching. */
export const MATCHED = 0;
/** Current rows: an id the earlier file does not have. Earlier rows: an id the current file does not have. */
export const UNMATCHED = 1;
/** A blank id, or an id that repeats in this file or in the other one: not compared. */
export const UNCOMPARED = 2;

/** Ids named in a notice, at most. */
const EXAMPLES = 5;

export interface IdMatch {
  /** Per current row, the earlier row with the same id, or −1. */
  previousOf: Int32Array;
  /** Per current row: MATCHED, UNMATCHED (new) or UNCOMPARED. */
  currentStatus: Uint8Array;
  /** Per earlier row: MATCHED, UNMATCHED (gone) or UNCOMPARED. */
  previousStatus: Uint8Array;
  matched: number;
  added: number;
  gone: number;
  /** Rows with a blank id, per file. */
  blank: { current: number; previous: number };
  /** Rows whose id repeats in their own file, per file, and the first such ids. */
  duplicate: { current: number; previous: number; currentIds: string[]; previousIds: string[] };
  /** Current rows whose id is unique here but repeats in the earlier file (they cannot be paired). */
  ambiguous: number;
}

/** A slot's row in one file: none yet, or repeated. */
const NONE = -1;
const REPEATED = -2;

/**
 * Pairs the current file's rows with the earlier file's by id (the trimmed text of each row's
 * id cell, as bytes: IdCells). A hash table gives each distinct id a slot, looked up once per
 * row of each file; the slot holds the id's row in each file (or that it repeats there), and
 * everything after that is array reads.
 */
export function matchIds(current: IdCells, previous: IdCells): IdMatch {
  const currentRows = current.ends.length;
  const previousRows = previous.ends.length;
  // An open-addressing table sized once for both files (a Map growing to 1M ids rehashed its way to 0.7 s).
  const size = 2 ** Math.ceil(Math.log2(Math.max(16, 2 * (currentRows + previousRows))));
  const mask = size - 1;
  /** Slot + 1 per table entry, 0 when empty. */
  const table = new Int32Array(size);
  // Each slot's id, by where it was first seen: that file (0 current, 1 earlier) and row.
  const keyFile = new Uint8Array(currentRows + previousRows);
  const keyRow = new Int32Array(currentRows + previousRows);
  let keys = 0;
  const files = [current, previous];
  const slotOf = (cells: IdCells, file: number): Int32Array => {
    const { bytes, ends } = cells;
    const out = new Int32Array(ends.length);
    for (let r = 0; r < ends.length; r++) {
      const start = r === 0 ? 0 : ends[r - 1];
      const end = ends[r];
      if (start === end) {
        out[r] = -1;
        continue;
      }
      // FNV-1a over the id's bytes.
      let hash = 0x811c9dc5;
      for (let k = start; k < end; k++) hash = Math.imul(hash ^ bytes[k], 0x01000193);
      let at = (hash >>> 0) & mask;
      let entry = table[at];
      while (entry !== 0 && !sameId(bytes, start, end, files[keyFile[entry - 1]], keyRow[entry - 1])) {
        at = (at + 1) & mask;
        entry = table[at];
      }
      if (entry === 0) {
        keyFile[keys] = file;
        keyRow[keys] = r;
        entry = ++keys;
        table[at] = entry;
      }
      out[r] = entry - 1;
    }
    return out;
  };
  const currentSlots = slotOf(current, 0);
  const previousSlots = slotOf(previous, 1);
  const rowIn = (slotsOfFile: Int32Array): Int32Array => {
    const rows = new Int32Array(keys).fill(NONE);
    for (let r = 0; r < slotsOfFile.length; r++) {
      const slot = slotsOfFile[r];
      if (slot >= 0) rows[slot] = rows[slot] === NONE ? r : REPEATED;
    }
    return rows;
  };
  const currentRowOf = rowIn(currentSlots);
  const previousRowOf = rowIn(previousSlots);
  const previousOf = new Int32Array(currentRows).fill(-1);
  const currentStatus = new Uint8Array(currentRows).fill(UNCOMPARED);
  const previousStatus = new Uint8Array(previousRows).fill(UNCOMPARED);
  let matched = 0;
  let added = 0;
  let ambiguous = 0;
  for (let r = 0; r < currentRows; r++) {
    const slot = currentSlots[r];
    if (slot < 0 || currentRowOf[slot] === REPEATED) continue;
    const p = previousRowOf[slot];
    if (p === NONE) {
      currentStatus[r] = UNMATCHED;
      added++;
    } else if (p === REPEATED) {
      ambiguous++;
    } else {
      previousOf[r] = p;
      currentStatus[r] = MATCHED;
      previousStatus[p] = MATCHED;
      matched++;
    }
  }
  let gone = 0;
  for (let p = 0; p < previousRows; p++) {
    const slot = previousSlots[p];
    if (previousStatus[p] === MATCHED || slot < 0 || previousRowOf[slot] === REPEATED || currentRowOf[slot] !== NONE) continue;
    previousStatus[p] = UNMATCHED;
    gone++;
  }
  const currentRepeats = repeated(current, currentSlots, currentRowOf);
  const previousRepeats = repeated(previous, previousSlots, previousRowOf);
  return {
    previousOf,
    currentStatus,
    previousStatus,
    matched,
    added,
    gone,
    blank: { current: blanks(currentSlots), previous: blanks(previousSlots) },
    duplicate: { current: currentRepeats.count, previous: previousRepeats.count, currentIds: currentRepeats.examples, previousIds: previousRepeats.examples },
    ambiguous,
  };
}

/** Whether bytes[start, end) is the id of row `row` in `cells`. */
function sameId(bytes: Uint8Array, start: number, end: number, cells: IdCells, row: number): boolean {
  const from = row === 0 ? 0 : cells.ends[row - 1];
  if (cells.ends[row] - from !== end - start) return false;
  const other = cells.bytes;
  for (let k = 0; k < end - start; k++) if (bytes[start + k] !== other[from + k]) return false;
  return true;
}

function blanks(slots: Int32Array): number {
  let count = 0;
  for (let r = 0; r < slots.length; r++) if (slots[r] < 0) count++;
  return count;
}

/** Rows whose id repeats in their file, and the first few such ids. */
function repeated(ids: IdCells, slots: Int32Array, rowOf: Int32Array): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  for (let r = 0; r < slots.length; r++) {
    const slot = slots[r];
    if (slot < 0 || rowOf[slot] !== REPEATED) continue;
    count++;
    if (examples.length >= EXAMPLES) continue;
    const id = idText(ids, r);
    if (!examples.includes(id)) examples.push(id);
  }
  return { count, examples };
}

/** Header names that say a column identifies a customer, best first. */
const ID_HEADERS = [/^(customer|client|account|contact|member|user) ?(id|no|number|key)$/, /^id$/, /\bid\b/, /\b(customer|account) (no|number)\b/, /^e ?mail( address)?$/, /\be ?mail\b/, /\baccount\b/];

/** The column that identifies a customer, by its name: customer_id, id, account, email…; the first column when none says so. */
export function idColumnOf(columns: readonly string[]): number {
  const headers = columns.map(normalizeHeader);
  for (const pattern of ID_HEADERS) {
    const found = headers.findIndex((header) => pattern.test(header));
    if (found >= 0) return found;
  }
  return 0;
}
