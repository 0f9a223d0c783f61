// The customer table's global search: which rows have a cell containing the query. It
// reads the file's rows again in blocks (src/core/dataset/rowBlocks.ts) and decodes no cell, so a
// search costs one pass over the file however many rows it has.
import type { Dataset } from '../dataset/dataset';
import { forEachRowBlock } from '../dataset/rowBlocks';

const QUOTE = 0x22;

/** ASCII letters folded to lower case; every other byte, non-ASCII included, stays as is. */
const FOLD = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b));

/**
 * What Windows-1252 writes as 0x80–0x9F (€, curly quotes, …); the five bytes it leaves
 * undefined stand for the C1 controls. Spelt out: Node's 'windows-1252' decoder is Latin-1.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * The query as bytes of the file's encoding with ASCII letters folded to lower case, or
 * null when Windows-1252 cannot write one of its characters (so no cell can contain it).
 */
export function queryBytes(query: string, encoding: Dataset['textEncoding']): Uint8Array | null {
  let bytes: Uint8Array;
  if (encoding === 'utf-8') bytes = new TextEncoder().encode(query);
  else {
    bytes = new Uint8Array(query.length);
    for (let k = 0; k < query.length; k++) {
      const code = query.charCodeAt(k);
      const high = CP1252_HIGH.indexOf(query[k]);
      const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : high >= 0 ? 0x80 + high : -1;
      if (byte < 0) return null;
      bytes[k] = byte;
    }
  }
  for (let k = 0; k < bytes.length; k++) bytes[k] = FOLD[bytes[k]];
  return bytes;
}

/** Text with ASCII letters in lower case, as the search compares it. */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** KMP's failure function: for each prefix, the length of its longest proper border. */
function borders(pattern: Uint8Array): Int32Array {
  const border = new Int32Array(pattern.length);
  for (let k = 1, b = 0; k < pattern.length; k++) {
    while (b > 0 && pattern[k] !== pattern[b]) b = border[b - 1];
    if (pattern[k] === pattern[b]) b++;
    border[k] = b;
  }
  return border;
}

type Searchable = Pick<Dataset, 'source' | 'rowStarts' | 'rowEnds' | 'rowCount' | 'dialect' | 'textEncoding'>;

/**
 * 1 for each row with a cell whose text contains the query, else 0. Case-insensitive for
 * ASCII letters only: non-ASCII letters match exactly ("É" finds "É", not "é"). A cell's
 * text is read as the scanner reads it: quotes around a field are not part of it and ""
 * inside quotes is one ", and a match never spans a delimiter. The empty query matches
 * every row. Knuth–Morris–Pratt over the bytes: O(file bytes + query bytes). With
 * `within`, only rows marked 1 there are read (the matches of a query this one contains).
 */
export function searchMask(dataset: Searchable, query: string, within: Uint8Array | null = null): Uint8Array {
  const { rowStarts, rowEnds, rowCount } = dataset;
  const mask = new Uint8Array(rowCount);
  const pattern = queryBytes(query, dataset.textEncoding);
  if (pattern === null) return mask;
  const m = pattern.length;
  if (m === 0) return within ? within.slice() : mask.fill(1);
  const border = borders(pattern);
  const delimiter = dataset.dialect.delimiter.charCodeAt(0);
  // Bytes that can start a match or change the cell; between them, with nothing matched
  // yet, the loop only skips (most bytes of a row).
  const stops = new Uint8Array(256);
  for (let b = 0; b < 256; b++) if (FOLD[b] === pattern[0]) stops[b] = 1;
  stops[delimiter] = 1;
  stops[QUOTE] = 1;
  forEachRowBlock(
    dataset,
    (bytes, base, first, end) => {
      for (let r = first; r < end; r++) {
        if (within !== null && within[r] === 0) continue;
        if (cellContains(bytes, rowStarts[r] - base, rowEnds[r] - base, pattern, border, stops, delimiter)) mask[r] = 1;
      }
    },
    within,
  );
  return mask;
}

/** Whether a cell of the row in bytes[start, end) contains the folded pattern (KMP, with its borders; stops as searchMask builds them). */
function cellContains(bytes: Uint8Array, start: number, end: number, pattern: Uint8Array, border: Int32Array, stops: Uint8Array, delimiter: number): boolean {
  const m = pattern.length;
  let matched = 0;
  let isQuoted = false;
  let isFieldStart = true;
  for (let i = start; i < end; i++) {
    if (matched === 0 && stops[bytes[i]] === 0) {
      do i++;
      while (i < end && stops[bytes[i]] === 0);
      if (i === end) break;
      isFieldStart = false;
    }
    let b = bytes[i];
    if (isQuoted) {
      if (b === QUOTE) {
        if (i + 1 < end && bytes[i + 1] === QUOTE)
          i++; // "" is one quote of the text
        else {
          isQuoted = false; // the closing quote is not text
          continue;
        }
      }
    } else if (b === delimiter) {
      matched = 0;
      isFieldStart = true;
      continue;
    } else if (b === QUOTE && isFieldStart) {
      isQuoted = true;
      isFieldStart = false;
      continue;
    }
    isFieldStart = false;
    b = FOLD[b];
    while (matched > 0 && pattern[matched] !== b) matched = border[matched - 1];
    if (pattern[matched] === b && ++matched === m) return true;
  }
  return false;
}
