// Dialect sniffing: papaparse guesses the delimiter from a sample of decoded text; the
// decimal separator follows from the sample's numeric-looking cells.
import Papa from 'papaparse';
import { detectDecimalSeparator, type DecimalSeparator } from './numbers';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface Dialect {
  delimiter: Delimiter;
  decimal: DecimalSeparator;
}

/** Bytes of the file read for sniffing and column-kind detection. */
export const SAMPLE_BYTES = 256 * 1024;

function isDelimiter(value: unknown): value is Delimiter {
  return typeof value === 'string' && (DELIMITERS as readonly string[]).includes(value);
}

/**
 * Sniffs the delimiter (papaparse's guess among , ; tab |, which prefers the one giving
 * consistent field counts) and the decimal separator of a text sample: the file's start,
 * whose last line may be cut unless it is the whole file. A one-column file has no
 * delimiter to find and reads as ','.
 */
export function sniffDialect(sample: string, isWholeFile = false): Dialect {
  const cut = isWholeFile ? sample : lastCompleteLine(sample);
  // The line break told, not guessed: papaparse's guess took a two-line CRLF file ("id;name\r\n1;Ann") as one line, and its delimiter as ",".
  const newline = cut.includes('\r\n') ? '\r\n' : cut.includes('\n') ? '\n' : cut.includes('\r') ? '\r' : undefined;
  const guess = Papa.parse<string[]>(cut, { preview: 200, delimitersToGuess: [...DELIMITERS], newline, skipEmptyLines: true });
  const delimiter: Delimiter = isDelimiter(guess.meta.delimiter) ? guess.meta.delimiter : ',';
  const rows = delimiter === guess.meta.delimiter ? guess.data : Papa.parse<string[]>(cut, { preview: 200, delimiter, newline, skipEmptyLines: true }).data;
  const cells: string[] = [];
  for (let r = 1; r < rows.length; r++) for (const cell of rows[r]) cells.push(cell);
  return { delimiter, decimal: detectDecimalSeparator(cells, delimiter) };
}

/** The sample up to its last line break (LF, or CR where the file has no LF), so a cut row does not skew the guess. */
function lastCompleteLine(sample: string): string {
  const lf = sample.lastIndexOf('\n');
  const end = lf > 0 ? lf : sample.lastIndexOf('\r');
  return end > 0 ? sample.slice(0, end).replace(/\r$/, '') : sample;
}
