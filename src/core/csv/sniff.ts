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
 * consistent field counts) and the decimal separator of a text sample. A one-column file
 * has no delimiter to find and reads as ','.
 */
export function sniffDialect(sample: string): Dialect {
  const cut = lastCompleteLine(sample);
  const guess = Papa.parse<string[]>(cut, { preview: 200, delimitersToGuess: [...DELIMITERS] });
  const delimiter: Delimiter = isDelimiter(guess.meta.delimiter) ? guess.meta.delimiter : ',';
  const rows = delimiter === guess.meta.delimiter ? guess.data : Papa.parse<string[]>(cut, { preview: 200, delimiter }).data;
  const cells: string[] = [];
  for (let r = 1; r < rows.length; r++) for (const cell of rows[r]) cells.push(cell);
  return { delimiter, decimal: detectDecimalSeparator(cells, delimiter) };
}

/** The sample up to its last line break, so a cut row does not skew the guess. */
function lastCompleteLine(sample: string): string {
  const lf = sample.lastIndexOf('\n');
  return lf > 0 ? sample.slice(0, lf) : sample;
}
