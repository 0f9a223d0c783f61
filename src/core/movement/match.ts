// Matching the customers of an earlier file to the current one by an id column. Ids are
// compared as the text of their cells (trimmed), so "007" and "7" are different customers,
// as they are in the CRM. A blank id, or an id that repeats in either file, cannot be
// matched: those rows are counted and named, never silently paired or dropped.
import { normalizeHeader } from '../schema/mapping';

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

/** Each id's only row, or −2 when it repeats; blank ids are left out. */
function rowsById(ids: readonly string[]): Map<string, number> {
  const rows = new Map<string, number>();
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r];
    if (id === '') continue;
    rows.set(id, rows.has(id) ? -2 : r);
  }
  return rows;
}

function repeated(ids: readonly string[], rows: Map<string, number>): { count: number; examples: string[] } {
  let count = 0;
  const examples: string[] = [];
  for (const id of ids) {
    if (id === '' || rows.get(id) !== -2) continue;
    count++;
    if (examples.length < EXAMPLES && !examples.includes(id)) examples.push(id);
  }
  return { count, examples };
}

/** Pairs the current file's rows with the earlier file's by id (the trimmed text of each row's id cell). */
export function matchIds(current: readonly string[], previous: readonly string[]): IdMatch {
  const currentRows = rowsById(current);
  const previousRows = rowsById(previous);
  const previousOf = new Int32Array(current.length).fill(-1);
  const currentStatus = new Uint8Array(current.length).fill(UNCOMPARED);
  const previousStatus = new Uint8Array(previous.length).fill(UNCOMPARED);
  let matched = 0;
  let added = 0;
  let ambiguous = 0;
  for (let r = 0; r < current.length; r++) {
    const id = current[r];
    if (id === '' || currentRows.get(id) === -2) continue;
    const p = previousRows.get(id);
    if (p === undefined) {
      currentStatus[r] = UNMATCHED;
      added++;
    } else if (p === -2) {
      ambiguous++;
    } else {
      previousOf[r] = p;
      currentStatus[r] = MATCHED;
      previousStatus[p] = MATCHED;
      matched++;
    }
  }
  let gone = 0;
  for (let p = 0; p < previous.length; p++) {
    const id = previous[p];
    if (previousStatus[p] === MATCHED || id === '' || previousRows.get(id) === -2 || currentRows.has(id)) continue;
    previousStatus[p] = UNMATCHED;
    gone++;
  }
  const currentRepeats = repeated(current, currentRows);
  const previousRepeats = repeated(previous, previousRows);
  return {
    previousOf,
    currentStatus,
    previousStatus,
    matched,
    added,
    gone,
    blank: { current: current.filter((id) => id === '').length, previous: previous.filter((id) => id === '').length },
    duplicate: { current: currentRepeats.count, previous: previousRepeats.count, currentIds: currentRepeats.examples, previousIds: previousRepeats.examples },
    ambiguous,
  };
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
