// Which row is the header. Report exports often put a title, a "generated on" line or blank
// lines above it ("Accounts report", "Generated 12/1/2026 9:00 AM", ""). Taken as the header,
// such a title leaves one column named after it, nothing mapped, and every customer
// unscored. So the header is the first row that looks like one.

/** Rows looked at for the header: a title block is a few lines. */
export const HEADER_SEARCH_ROWS = 30;

const LETTER = /\p{L}/u;

/** Cells that are not blank. */
function filled(row: readonly string[]): number {
  let count = 0;
  for (const cell of row) if (cell.trim() !== '') count++;
  return count;
}

/**
 * The index (among the non-empty rows given, in order) of the header: the first row with at
 * least half the file's usual number of filled cells — the most common count over the rows,
 * ties to the larger — and mostly text (most filled cells hold a letter). A title, a date
 * line or a row of one label padded with delimiters has one or two filled cells, so it is
 * passed over. 0 when no row qualifies, or the file has one column.
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  if (rows.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const row of rows) {
    const n = filled(row);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let usual = 0;
  let seen = 0;
  for (const [n, times] of counts) if (times > seen || (times === seen && n > usual)) [usual, seen] = [n, times];
  if (usual < 2) return 0;
  for (let i = 0; i < rows.length; i++) {
    const n = filled(rows[i]);
    if (n * 2 < usual) continue;
    const texts = rows[i].filter((cell) => LETTER.test(cell)).length;
    return texts * 2 > n ? i : 0;
  }
  return 0;
}

export interface HeaderCandidate {
  /** Index among the file's non-empty rows (what a load's headerIndex takes). */
  index: number;
  /** Line number in the file, from 1 (blank lines counted). */
  line: number;
  /** The row's first cells, for a picker: "Account ID, Annual Revenue, Created Date, …". */
  preview: string;
}

/** A row's first cells joined, cut to about `max` characters. */
export function rowPreview(row: readonly string[], max = 60): string {
  const text = row
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '')
    .join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
