// The one rule every cell of the scored CSV is written by (CSV injection, OWASP): a cell a
// spreadsheet would run as a formula is neutralised, and a cell a spreadsheet of either
// common locale (delimiter , or ;) could split is quoted. exportCell applies it to text;
// rows copied byte for byte are checked against it on their bytes (csv.ts needsRebuilding)
// with the predicates below, so both paths write the same cells.
import { parseNumber, parseNumberBytes, type DecimalSeparator } from '../csv/numbers';

/** How the export writes cells: the file's delimiter, and its decimal separator (what counts as a number). */
export interface CellFormat {
  delimiter: string;
  decimal: DecimalSeparator;
}

const MINUS = 0x2d;

/** The delimiters of the two common spreadsheet locales: a spreadsheet splits a line at one or the other. */
export const LOCALE_DELIMITERS = [',', ';'] as const;

/**
 * True for the first character (a UTF-16 code or a byte: all are ASCII) of a cell that a
 * spreadsheet reads as a formula: = + - @ tab CR.
 */
export function isFormulaStart(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === MINUS || code === 0x40 || code === 0x09 || code === 0x0d;
}

/** True when bytes[start, end) is a number as the app reads the file's numbers (-4, +5, 1 234,50). */
export function isNumberBytes(bytes: Uint8Array, start: number, end: number, decimal: DecimalSeparator): boolean {
  const value = parseNumberBytes(bytes, start, end, decimal);
  return value === value;
}

/** A lone "-": the usual "no value" mark, which no spreadsheet runs; it is never neutralised. */
export function isLoneMinus(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === 1 && bytes[start] === MINUS;
}

function isNumberText(text: string, decimal: DecimalSeparator): boolean {
  const value = parseNumber(text, decimal);
  return value === value;
}

const ALWAYS_QUOTED = /["\r\n]/;

/**
 * A cell as the scored CSV writes it. First neutralised: a cell starting with = + - @ tab
 * or CR gets a leading apostrophe (a spreadsheet then shows the text and runs nothing),
 * unless it is a number (-4 stays the number -4) or a lone "-". Then quoted (RFC 4180, a
 * quote doubled) when it holds a quote, a line break or the delimiter, and when it holds a
 * , or ; unless it is a number: a spreadsheet set to the other locale's delimiter splits
 * there, and the piece after the split would start a cell of its own (x;=1+1 runs =1+1).
 * In a number the , or ; is followed by digits, so 1 234,50 in a ; file stays unquoted.
 * `isNumber` is what the caller already knows (a score it formatted, a cell whose bytes it
 * parsed); otherwise the text is parsed, and only when one of the two rules asks.
 */
export function exportCell(text: string, format: CellFormat, isNumber?: boolean): string {
  if (text === '') return text;
  let number = isNumber;
  let out = text;
  if (isFormulaStart(text.charCodeAt(0)) && text !== '-') {
    number ??= isNumberText(text, format.decimal);
    if (!number) out = `'${text}`;
  }
  const isQuoted = ALWAYS_QUOTED.test(out) || out.includes(format.delimiter) || ((out.includes(LOCALE_DELIMITERS[0]) || out.includes(LOCALE_DELIMITERS[1])) && !(number ?? isNumberText(text, format.decimal)));
  return isQuoted ? `"${out.replaceAll('"', '""')}"` : out;
}
